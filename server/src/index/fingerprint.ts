import { type Stats, statSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { META_FILE, METRICS_FILE, OVERRIDE_FILE, RUN_FILE } from '../facts/index.js';

/**
 * What a run folder's facts looked like when the index read them: the facts folder's mtime
 * (changed by every atomic write, which renames into it), the size and mtime of run.json,
 * meta.json and meta_override.json, and of metrics.jsonl (appended in place).
 */
export interface Fingerprint {
  folderMtime: number;
  files: string;
  metrics: string;
}

const JSON_FILES = [RUN_FILE, META_FILE, OVERRIDE_FILE] as const;

const sig = (s: Stats | undefined | null): string => (s ? `${s.size}:${s.mtimeMs}` : '-');

function statOrNull(path: string): Stats | undefined {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/**
 * Only the two stats that change with the common writes (an atomic rename, an append): the
 * periodic rescan compares these first and looks at every file only now and then.
 */
export function quickFingerprintSync(
  factsDir: string,
): Pick<Fingerprint, 'folderMtime' | 'metrics'> {
  return {
    folderMtime: statOrNull(factsDir)?.mtimeMs ?? 0,
    metrics: sig(statOrNull(join(factsDir, METRICS_FILE))),
  };
}

/** Every stat of the fingerprint, synchronously (for batches that run off the event loop). */
export function fingerprintSync(factsDir: string): Fingerprint {
  return {
    ...quickFingerprintSync(factsDir),
    files: JSON_FILES.map((f) => sig(statOrNull(join(factsDir, f)))).join('|'),
  };
}

const statAsync = (path: string) => stat(path).catch(() => null);

/** Every stat of the fingerprint, through the thread pool. */
export async function fingerprint(factsDir: string): Promise<Fingerprint> {
  const [folder, metrics, ...files] = await Promise.all([
    statAsync(factsDir),
    statAsync(join(factsDir, METRICS_FILE)),
    ...JSON_FILES.map((f) => statAsync(join(factsDir, f))),
  ]);
  return {
    folderMtime: folder?.mtimeMs ?? 0,
    metrics: sig(metrics),
    files: files.map(sig).join('|'),
  };
}

export function sameQuick(
  a: Pick<Fingerprint, 'folderMtime' | 'metrics'>,
  b: Pick<Fingerprint, 'folderMtime' | 'metrics'>,
): boolean {
  return a.folderMtime === b.folderMtime && a.metrics === b.metrics;
}

export function sameFingerprint(a: Fingerprint, b: Fingerprint): boolean {
  return sameQuick(a, b) && a.files === b.files;
}
