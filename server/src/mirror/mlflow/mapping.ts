import type { RunFiles } from '../../facts/read-run-files.js';
import type { MetricSummary, RunRecord } from '../../facts/schemas.js';
import { canonicalizeMeta } from '../../meta/canonicalize.js';
import { flattenConfig, flattenSummary, paramText } from '../../meta/flatten.js';
import type { CanonicalMeta } from '../../meta/types.js';
import { mlflowKey, truncateValue } from './keys.js';
import { MLFLOW_LIMITS } from './limits.js';
import type { MlflowMetric, MlflowRunStatus } from './types.js';

/** Tags the mirror owns; every mirrored run carries the first two. */
export const RUN_ID_TAG = 'runfacts.run_id';
export const META_HASH_TAG = 'runfacts.meta_hash';
export const PARAM_CHANGED_TAG_PREFIX = 'runfacts.param_changed.';
/** MLflow's experiment for runs whose runfacts experiment is the empty string. */
export const DEFAULT_EXPERIMENT = 'Default';

/** Seed 000's W&B config list, sent as `meta.<field>` params; JSON text for lists and objects. */
const META_PARAM_FIELDS = [
  'schema_version',
  'level',
  'goal',
  'model_family',
  'dataset_name',
  'process_groups',
  'process_groups_key',
  'class_def_str',
  'row_key',
  'n_classes',
  'datatreatment',
  'meta_hash',
  'meta_confidence',
  'needs_review',
] as const;

/** One run as MLflow should show it; keys are MLflow-safe and values cut to MLflow's limits. */
export interface MappedRun {
  runId: string;
  experiment: string;
  runName: string;
  status: MlflowRunStatus;
  startTime: number;
  endTime: number | null;
  metaHash: string;
  /** MLflow key -> value; `meta.*`, then logged params, then the flattened config. */
  params: Map<string, string>;
  /** Human tags plus the `runfacts.*` tags. */
  tags: Map<string, string>;
  /** Summary metrics whose keys have no history; logged once per value change. */
  summary: Map<string, number>;
  /** Timestamp given to summary points: the run's end, or its start while it runs. */
  summaryTimestamp: number;
  /** metrics.jsonl in file order. */
  history: MlflowMetric[];
  /** Things mapped with a loss worth telling (dropped duplicates, unreadable metric lines). */
  warnings: string[];
}

/** The run's facts cannot be mirrored; the message says which file to fix. */
export class MirrorInputError extends Error {
  override name = 'MirrorInputError';
}

/** Seed 000 meta fields as MLflow params; null fields are left out (unknown, not a value). */
export function metaParams(meta: CanonicalMeta): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const field of META_PARAM_FIELDS) {
    const value = meta[field];
    if (value !== null) out.push([`meta.${field}`, paramText(value)]);
    if (field === 'datatreatment') {
      out.push(['meta.datatreatment_tokenization', meta.datatreatment.tokenization]);
    }
  }
  return out;
}

function canonicalMetaOf(files: RunFiles): CanonicalMeta {
  const metaError = files.errors.find((e) => e.path.endsWith('meta.json'));
  if (files.meta === null) {
    throw new MirrorInputError(metaError?.message ?? `meta.json of run ${files.runId} is missing`);
  }
  const overrideError = files.errors.find((e) => e.path.endsWith('meta_override.json'));
  if (overrideError) throw new MirrorInputError(overrideError.message);
  try {
    return canonicalizeMeta(files.meta, { override: files.override ?? undefined });
  } catch (error) {
    throw new MirrorInputError(
      `run ${files.runId}: meta cannot be canonicalized: ${(error as Error).message}; fix facts/meta.json or facts/meta_override.json`,
    );
  }
}

function runOf(files: RunFiles): RunRecord {
  if (files.run !== null) return files.run;
  const error = files.errors.find((e) => e.path.endsWith('run.json'));
  throw new MirrorInputError(error?.message ?? `run.json of run ${files.runId} is missing`);
}

function addAll(
  into: Map<string, string>,
  entries: Iterable<[string, string]>,
  maxValue: number,
  warn: (key: string) => void,
): void {
  for (const [rawKey, value] of entries) {
    const key = mlflowKey(rawKey);
    if (into.has(key)) warn(rawKey);
    else into.set(key, truncateValue(value, maxValue));
  }
}

/** Maps a run's facts to its MLflow form (pure); throws MirrorInputError for unusable facts. */
export function mapRun(files: RunFiles): MappedRun {
  const run = runOf(files);
  const meta = canonicalMetaOf(files);
  const warnings: string[] = files.errors
    .filter((e) => e.path.endsWith('metrics.jsonl'))
    .map((e) => `${e.message} (that line is not mirrored)`);
  const shadowed = (what: string) => (key: string) =>
    warnings.push(`${what} ${JSON.stringify(key)} is not sent: a param of the same name wins`);
  const params = new Map<string, string>();
  const maxParam = MLFLOW_LIMITS.paramValueChars;
  addAll(params, metaParams(meta), maxParam, shadowed('meta field'));
  addAll(params, Object.entries(run.params), maxParam, shadowed('logged param'));
  addAll(params, flattenConfig(run.config), maxParam, shadowed('config key'));

  const tags = new Map<string, string>();
  tags.set(RUN_ID_TAG, run.run_id === files.runId ? run.run_id : files.runId);
  tags.set(META_HASH_TAG, meta.meta_hash);
  addAll(tags, Object.entries(run.tags), MLFLOW_LIMITS.tagValueChars, (key) =>
    warnings.push(
      `tag ${JSON.stringify(key)} is not sent: the mirror's own tag or another tag has its MLflow key`,
    ),
  );

  const history = files.metrics.map((p) => ({
    key: mlflowKey(p.key),
    value: p.value,
    step: p.step,
    timestamp: Date.parse(p.ts),
  }));
  const historyKeys = new Set(history.map((p) => p.key));
  const summary = new Map<string, number>();
  for (const [rawKey, value] of flattenSummary(run.metrics as Record<string, MetricSummary>)) {
    const key = mlflowKey(rawKey);
    if (!historyKeys.has(key) && !summary.has(key)) summary.set(key, value);
  }
  const startTime = Date.parse(run.started_at);
  const endTime = run.ended_at === null ? null : Date.parse(run.ended_at);
  return {
    runId: files.runId,
    experiment: run.experiment === '' ? DEFAULT_EXPERIMENT : run.experiment,
    runName: files.runId,
    status: run.status,
    startTime,
    endTime,
    metaHash: meta.meta_hash,
    params,
    tags,
    summary,
    summaryTimestamp: endTime ?? startTime,
    history,
    warnings,
  };
}
