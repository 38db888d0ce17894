import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { resolve } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { sanitizeArtifactPath } from '../artifacts/artifact-path.js';
import { hashFile } from '../artifacts/checksum.js';
import { isChecked } from '../artifacts/entries.js';
import { type FdIo, fdIo } from '../facts/fd-io.js';
import type { Artifact } from '../facts/index.js';
import { hashFileOffThread } from './hash-off-thread.js';

/** Files up to this size are read whole and hashed in one call; larger ones stream, with progress. */
export const LARGE_ARTIFACT_BYTES = 8 * 1024 * 1024;

export interface ChecksumEnv {
  /** File calls for the stat and the reads of small files. */
  io?: FdIo;
  /** Bytes of large files hashed, reported as they are read. */
  onBytes?: (bytes: number) => void;
}

/**
 * The artifact list with a size and SHA-256 for each file entry, referenced where it lies
 * in the source folder (`source`, absolute; the path is sanitised, seed 004) rather than copied.
 * A checksum already in the facts is reused while the file's size and mtime are unchanged, so a
 * second backfill neither rehashes nor rewrites run.json. Folders and unreadable entries stay as
 * they were listed. Large files are never hashed on the main thread: it writes the runs.
 */
export async function checksumArtifacts(
  entries: readonly Artifact[],
  sourceDir: string,
  storedRunText: string | null,
  env: ChecksumEnv = {},
): Promise<Artifact[]> {
  const stored = new Map(storedArtifacts(storedRunText).map((a) => [a.path, a]));
  const artifacts: Artifact[] = [];
  for (const entry of entries) artifacts.push(await checked(entry, sourceDir, stored, env));
  return artifacts;
}

async function checked(
  entry: Artifact,
  sourceDir: string,
  stored: Map<string, Artifact>,
  env: ChecksumEnv,
): Promise<Artifact> {
  if (entry.path.endsWith('/')) return entry;
  const io = env.io ?? fdIo;
  const source = resolve(sourceDir, entry.path);
  const info = await io.lstat(source).catch(() => null);
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
  const hashed = await hashOne(source, info.size, io, env.onBytes).catch(() => null);
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

async function hashOne(
  path: string,
  size: number,
  io: FdIo,
  onBytes: ((bytes: number) => void) | undefined,
): Promise<{ sha256: string; size: number }> {
  if (size > LARGE_ARTIFACT_BYTES) {
    return isMainThread ? hashFileOffThread(path, onBytes) : hashFile(path, onBytes);
  }
  const fd = await io.open(path, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  try {
    const buffer = Buffer.allocUnsafe(size);
    let length = 0;
    while (length < size) {
      const n = await io.read(fd, buffer, length);
      if (n === 0) break;
      length += n;
    }
    const bytes = buffer.subarray(0, length);
    return { sha256: createHash('sha256').update(bytes).digest('hex'), size: length };
  } finally {
    await io.close(fd);
  }
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
