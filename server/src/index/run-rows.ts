import type { FactsFileError, MetricPoint, RunFiles, RunRecord } from '../facts/index.js';
import { flattenConfig, flattenSummary } from '../meta/flatten.js';
import { type CanonicalMeta, canonicalizeMeta, type MetaConfig, MetaError } from '../meta/index.js';
import type {
  IndexErrorsTable,
  RunMetricsTable,
  RunParamsTable,
  RunsTable,
  RunTagsTable,
} from './tables.js';

export interface RunRows {
  run: RunsTable;
  params: RunParamsTable[];
  metrics: RunMetricsTable[];
  tags: RunTagsTable[];
}

/** The last logged point of each metric key (highest step, then latest time). */
export type LastPoints = Map<string, MetricPoint>;

/** Folds points into the last point of each key; the map is changed and returned. */
export function foldLastPoints(
  points: readonly MetricPoint[],
  into: LastPoints = new Map(),
): LastPoints {
  for (const point of points) {
    const seen = into.get(point.key);
    if (!seen || point.step > seen.step || (point.step === seen.step && point.ts >= seen.ts)) {
      into.set(point.key, point);
    }
  }
  return into;
}

/** Summary metrics: run.json's flattened values, and the last logged value of other keys. */
function summaryMetrics(run: RunRecord, last: LastPoints): RunMetricsTable[] {
  const summary = new Map<string, number>();
  for (const [key, value] of flattenSummary(run.metrics)) {
    if (Number.isFinite(value)) summary.set(key, value);
  }
  const rows: RunMetricsTable[] = [...summary].map(([key, value]) => ({
    run_id: run.run_id,
    key,
    value,
    from_history: false,
  }));
  for (const [key, point] of last) {
    if (!summary.has(key)) {
      rows.push({ run_id: run.run_id, key, value: point.value, from_history: true });
    }
  }
  return rows;
}

function paramRows(run: RunRecord): Map<string, string> {
  const params = new Map<string, string>();
  for (const [key, value] of flattenConfig(run.config)) params.set(key, value);
  for (const [key, value] of Object.entries(run.params)) params.set(key, value);
  return params;
}

const jsonOrNull = (value: unknown): string | null =>
  value === null ? null : JSON.stringify(value);

/** Index rows of one run from its run record, its canonical meta and its last metric points. */
export function runRows(
  id: string,
  run: RunRecord,
  meta: CanonicalMeta,
  last: LastPoints,
): RunRows {
  const dt = meta.datatreatment;
  return {
    run: {
      run_id: id,
      experiment: run.experiment,
      name: run.name,
      architecture_code: run.architecture_code,
      timestamp: run.timestamp,
      status: run.status,
      started_at: run.started_at,
      ended_at: run.ended_at,
      duration_seconds: run.duration_seconds,
      schema_version: meta.schema_version,
      level: meta.level,
      goal: meta.goal,
      dataset_name: meta.dataset_name,
      model_family: meta.model_family,
      process_groups: jsonOrNull(meta.process_groups),
      signal_class: meta.signal_class,
      datatreatment: JSON.stringify(dt),
      token_order: dt.token_order,
      tokenization: dt.tokenization,
      pid_encoding: dt.pid_encoding,
      id_embed_dim: String(dt.id_embed_dim),
      met_rep: dt.met_rep,
      globals_included: String(dt.globals_included),
      feature_set_version: dt.feature_set_version,
      normalization: dt.normalization,
      meta_hash: meta.meta_hash,
      meta_source: meta.meta_source,
      meta_confidence: meta.meta_confidence,
      meta_confidence_fields: JSON.stringify(meta.meta_confidence_fields),
      needs_review: meta.needs_review,
      needs_review_reason: meta.needs_review_reason,
      n_classes: meta.n_classes,
      processes_all: jsonOrNull(meta.processes_all),
      class_def_str: meta.class_def_str,
      process_groups_key: meta.process_groups_key,
      row_key: meta.row_key,
      meta_json: JSON.stringify(meta),
      config: JSON.stringify(run.config),
      artifacts: JSON.stringify(run.artifacts),
      model_parameters_total: run.model_parameters?.total ?? null,
      model_parameters_trainable: run.model_parameters?.trainable ?? null,
      source_path: run.source_path ?? null,
      client_request_id: run.client_request_id ?? null,
    },
    params: [...paramRows(run)].map(([key, value]) => ({ run_id: id, key, value })),
    metrics: summaryMetrics({ ...run, run_id: id }, last),
    tags: Object.entries(run.tags).map(([key, value]) => ({ run_id: id, key, value })),
  };
}

export interface InterpretedRun {
  rows: RunRows | null;
  errors: IndexErrorsTable[];
  /** The run's canonical meta and last points, kept by the run cache to update rows on writes. */
  meta?: CanonicalMeta;
  last?: LastPoints;
}

const asIndexError = (runId: string, e: FactsFileError): IndexErrorsTable => ({
  path: e.path,
  run_id: runId,
  kind: e.kind,
  message: e.message,
});

/**
 * What the index holds for one run folder: its rows when run.json and meta.json are usable
 * (metric-line problems are reported beside the rows), otherwise only its errors.
 */
export function interpretRun(files: RunFiles, config: MetaConfig): InterpretedRun {
  const errors = files.errors.map((e) => asIndexError(files.runId, e));
  const { run, meta } = files;
  if (!run || !meta) return { rows: null, errors };
  try {
    const canonical = canonicalizeMeta(meta, { config, override: files.override ?? undefined });
    const last = foldLastPoints(files.metrics);
    return { rows: runRows(files.runId, run, canonical, last), errors, meta: canonical, last };
  } catch (error) {
    if (!(error instanceof MetaError)) throw error;
    const path = `${files.dir}/facts/${files.override ? 'meta.json or meta_override.json' : 'meta.json'}`;
    errors.push({ path, run_id: files.runId, kind: 'meta', message: `${path}: ${error.message}` });
    return { rows: null, errors };
  }
}
