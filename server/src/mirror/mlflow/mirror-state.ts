import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../../facts/atomic-write.js';
import { toJsonText } from '../../facts/layout.js';
import { type DirLockOptions, withDirLock } from '../../facts/lock.js';
import { readJsonFile } from '../../facts/read-json.js';
import { UtcTimestamp } from '../../facts/schemas.js';

/** `<run>/facts/mirrors.json`: where each tracker's copy of the run is and what it was sent. */
export const MIRRORS_FILE = 'mirrors.json';
export const MIRRORS_SCHEMA_VERSION = 1;

/** One run's MLflow copy as the mirror last confirmed it. Values are digests, not the values. */
export const MlflowRunMirror = z.object({
  run_id: z.string().min(1),
  experiment_id: z.string().min(1),
  experiment: z.string(),
  /** Param key -> digest of the value MLflow holds (params are immutable there). */
  params: z.record(z.string(), z.string()),
  /** Tag key -> digest of the value the mirror set; only these tags are ever deleted by it. */
  tags: z.record(z.string(), z.string()),
  /** Summary metric key -> the last value sent and the step it was sent at. */
  summary: z.record(z.string(), z.object({ value: z.number(), step: z.number().int() })),
  /** The first `sent` points of metrics.jsonl are in MLflow; `fingerprint` is their digest. */
  history: z.object({ sent: z.number().int().min(0), fingerprint: z.string() }),
  /** Artifact path -> the sha256 MLflow's artifact store holds (only what an upload confirmed). */
  artifacts: z.record(z.string(), z.string()).default({}),
  /** The run's path under MLflow's artifact proxy; null when MLflow does not proxy its artifacts; absent = not asked yet. */
  artifact_root: z.string().nullable().optional(),
  status: z.string(),
  end_time: z.number().nullable(),
  synced_at: UtcTimestamp,
});
export type MlflowRunMirror = z.infer<typeof MlflowRunMirror>;

export const MirrorsFile = z.looseObject({
  schema_version: z.literal(MIRRORS_SCHEMA_VERSION),
  /** Keyed by tracking URI, so one run can be mirrored to several MLflow servers. */
  mlflow: z.record(z.string(), MlflowRunMirror).default({}),
});
export type MirrorsFile = z.infer<typeof MirrorsFile>;

/** The key of a tracking URI in mirrors.json: origin and path, without a trailing slash. */
export function trackingKey(trackingUri: string): string {
  const url = new URL(trackingUri);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

export interface StoredMirror {
  entry: MlflowRunMirror | null;
  /** Set when mirrors.json exists but cannot be used; the mirror then acts as if it were lost. */
  problem: string | null;
}

export async function readMirrorEntry(factsDir: string, key: string): Promise<StoredMirror> {
  const read = await readJsonFile(join(factsDir, MIRRORS_FILE), MirrorsFile);
  if (read.ok) return { entry: read.value.mlflow[key] ?? null, problem: null };
  if (read.error.kind === 'missing') return { entry: null, problem: null };
  return {
    entry: null,
    problem: `${read.error.message} (the mirror looks the run up by its runfacts.run_id tag and rewrites the file)`,
  };
}

/**
 * Records `entry` for `key` in mirrors.json under the run lock, keeping other trackers' entries;
 * an unreadable file is replaced, since everything in it can be found again from MLflow.
 */
export async function writeMirrorEntry(
  factsDir: string,
  key: string,
  entry: MlflowRunMirror,
  lock?: DirLockOptions,
): Promise<void> {
  const path = join(factsDir, MIRRORS_FILE);
  await withDirLock(
    factsDir,
    async () => {
      const read = await readJsonFile(path, MirrorsFile);
      const file: MirrorsFile = read.ok
        ? read.value
        : { schema_version: MIRRORS_SCHEMA_VERSION, mlflow: {} };
      file.mlflow[key] = entry;
      await writeFileAtomic(path, toJsonText(file));
    },
    lock,
  );
}
