import { lstat, readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { artifactKind } from '../backfill/rules/artifacts.js';
import { TEMP_PREFIX } from '../facts/layout.js';
import { artifactPathProblem } from './artifact-path.js';
import type { ArtifactStore } from './artifact-store.js';
import { type CheckedArtifact, isChecked } from './entries.js';

export interface ScanReport {
  runId: string;
  added: CheckedArtifact[];
  /** Recorded before with another checksum or size: the file was replaced. */
  updated: CheckedArtifact[];
  unchanged: number;
  /** Files that cannot be artifacts as they are (bad names, links), with why. */
  skipped: Array<{ path: string; reason: string }>;
  /** Recorded artifacts whose file is gone. */
  missing: string[];
  /** Temp files of uploads whose process died (a server killed mid-upload), removed. */
  removedTemps: string[];
}

/**
 * Records every file under the run's artifacts folder that training code wrote directly, with
 * its checksum; recorded files are checked and re-recorded when they changed. Nothing is moved.
 */
export async function scanArtifacts(
  store: ArtifactStore,
  runId: string,
  onFile?: (path: string) => void,
): Promise<ScanReport> {
  const dir = store.artifactsDir(runId);
  const recorded = new Map((await store.list(runId)).map((a) => [a.path, a]));
  const report: ScanReport = {
    runId,
    added: [],
    updated: [],
    unchanged: 0,
    skipped: [],
    missing: [],
    removedTemps: [],
  };
  const seen = new Set<string>();
  for await (const { path, reason } of walk(dir, '')) {
    if (reason === TEMP) {
      if (await removeIfOrphaned(join(dir, path))) report.removedTemps.push(path);
      continue;
    }
    if (reason !== null) {
      report.skipped.push({ path, reason });
      continue;
    }
    onFile?.(path);
    seen.add(path);
    const checksum = await store.checksums.checksum(join(dir, path));
    const before = recorded.get(path);
    const entry: CheckedArtifact = {
      ...before,
      path,
      kind: before?.kind ?? artifactKind(path.split('/').pop() ?? path, false),
      ...checksum,
    };
    delete entry.source;
    if (before === undefined || !isChecked(before)) report.added.push(entry);
    else if (
      before.sha256 !== checksum.sha256 ||
      before.size !== checksum.size ||
      before.source !== undefined
    )
      report.updated.push(entry);
    else report.unchanged++;
  }
  for (const [path, entry] of recorded) {
    if (isChecked(entry) && entry.source === undefined && !seen.has(path))
      report.missing.push(path);
  }
  await store.record(runId, [...report.added, ...report.updated]);
  return report;
}

async function* walk(
  dir: string,
  prefix: string,
): AsyncGenerator<{ path: string; reason: string | null }> {
  let names: string[];
  try {
    names = (await readdir(dir)).sort();
  } catch {
    return;
  }
  for (const name of names) {
    const path = prefix === '' ? name : `${prefix}/${name}`;
    if (name.startsWith(TEMP_PREFIX)) {
      yield { path, reason: TEMP };
      continue;
    }
    const info = await lstat(join(dir, name));
    if (info.isSymbolicLink()) {
      yield {
        path,
        reason:
          'a symlink; artifacts are regular files inside the run folder (copy the file instead)',
      };
    } else if (info.isDirectory()) {
      const problem = artifactPathProblem(path);
      if (problem !== null) yield { path: `${path}/`, reason: problem };
      else yield* walk(join(dir, name), path);
    } else if (info.isFile()) {
      yield { path, reason: artifactPathProblem(path) };
    }
  }
}

const TEMP = 'an upload in progress';

/**
 * Deletes an upload's temp file when the process that wrote it is gone (its pid is in the name,
 * see tempPathFor). Only sound when every writer of the root runs on this machine.
 */
async function removeIfOrphaned(path: string): Promise<boolean> {
  const pid = Number(/-(\d+)-[0-9a-f]{12}$/.exec(path)?.[1]);
  if (!Number.isInteger(pid) || pid <= 0 || isAlive(pid)) return false;
  await unlink(path).catch(() => undefined);
  return true;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
