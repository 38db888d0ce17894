import { lstat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { sanitizeArtifactPath } from '../artifacts/artifact-path.js';
import { hashFile } from '../artifacts/checksum.js';
import { isChecked } from '../artifacts/entries.js';
import type { Artifact, RunRecord } from '../facts/index.js';

/**
 * The run's artifact list with a size and SHA-256 for each file entry, referenced where it lies
 * in the source folder (`source`, absolute; the path is sanitised, seed 004) rather than copied.
 * A checksum already in the facts is reused while the file's size and mtime are unchanged, so a
 * second backfill neither rehashes nor rewrites run.json. Folders and unreadable entries stay as
 * they were listed.
 */
export async function withArtifactChecksums(
  run: RunRecord,
  sourceDir: string,
  storedRunText: string | null,
  onBytes?: (bytes: number) => void,
): Promise<RunRecord> {
  const stored = new Map(storedArtifacts(storedRunText).map((a) => [a.path, a]));
  const artifacts: Artifact[] = [];
  for (const entry of run.artifacts) {
    artifacts.push(await checked(entry, sourceDir, stored, onBytes));
  }
  return { ...run, artifacts };
}

async function checked(
  entry: Artifact,
  sourceDir: string,
  stored: Map<string, Artifact>,
  onBytes?: (bytes: number) => void,
): Promise<Artifact> {
  if (entry.path.endsWith('/')) return entry;
  const source = resolve(sourceDir, entry.path);
  const info = await lstat(source).catch(() => null);
  // A link could lead anywhere; only regular files inside the run folder are referenced.
  if (info === null || !info.isFile() || !source.startsWith(resolve(sourceDir))) return entry;
  const path = sanitizeArtifactPath(entry.path);
  const before = stored.get(path);
  if (
    before !== undefined &&
    isChecked(before) &&
    before.source === source &&
    before.size === info.size &&
    before.mtime_ms === info.mtimeMs
  ) {
    return {
      ...entry,
      path,
      size: before.size,
      sha256: before.sha256,
      source,
      mtime_ms: info.mtimeMs,
    };
  }
  // Unreadable now (permissions, removed meanwhile): listed without a checksum, as before.
  const hashed = await hashFile(source, onBytes).catch(() => null);
  if (hashed === null) return entry;
  return {
    ...entry,
    path,
    size: hashed.size,
    sha256: hashed.sha256,
    source,
    mtime_ms: info.mtimeMs,
  };
}

function storedArtifacts(text: string | null): Artifact[] {
  if (text === null) return [];
  try {
    const parsed = JSON.parse(text) as { artifacts?: unknown };
    return Array.isArray(parsed.artifacts) ? (parsed.artifacts as Artifact[]) : [];
  } catch {
    return [];
  }
}

/** Where a referenced artifact's file lies, for the `--copy-artifacts` step. */
export function sourceOf(entry: Artifact): string | null {
  return typeof entry.source === 'string' ? entry.source : null;
}
