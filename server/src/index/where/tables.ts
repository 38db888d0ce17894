import type { ColumnType } from 'kysely';

// Row types assume the DuckDB dialect hands back JS-native values: Date for TIMESTAMPTZ,
// bigint for BIGINT, string[] for VARCHAR[]. Writes accept an ISO string for timestamps too.
// Self-contained on purpose so it can move to server/src/index/tables.ts unchanged.

/** A TIMESTAMPTZ column (UTC). */
export type Timestamptz = ColumnType<Date, Date | string, Date | string>;

/** One row per run: the run record plus the canonical meta as columns (docs/index-tables.md). */
export interface RunsTable {
  run_id: string;
  experiment: string;
  name: string;
  architecture_code: string | null;
  /** `YYYYMMDD_HHMMSS`, as in the run folder name. */
  timestamp: string;
  /** RUNNING, FINISHED, FAILED or KILLED. */
  status: string;
  started_at: Timestamptz;
  ended_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
  duration_seconds: number | null;
  schema_version: number;
  level: string | null;
  goal: string | null;
  dataset_name: string | null;
  model_family: string | null;
  /** Canonical JSON. */
  process_groups: string | null;
  signal_class: number | null;
  /** Canonical JSON; the keys below are the same values as text (`unknown` where unknown). */
  datatreatment: string;
  token_order: string;
  tokenization: string;
  pid_encoding: string;
  id_embed_dim: string;
  met_rep: string;
  globals_included: string;
  feature_set_version: string;
  normalization: string;
  meta_hash: string;
  meta_source: string;
  meta_confidence: string;
  /** JSON. */
  meta_confidence_fields: string;
  needs_review: boolean;
  needs_review_reason: string[];
  n_classes: number | null;
  /** JSON. */
  processes_all: string | null;
  class_def_str: string | null;
  process_groups_key: string | null;
  row_key: string | null;
  /** JSON. */
  artifacts: string;
  model_parameters_total: bigint | null;
  model_parameters_trainable: bigint | null;
  source_path: string | null;
  facts_mtime_ms: number;
}

/** Flattened config (dotted keys) plus logged params; values are text. */
export interface RunParamsTable {
  run_id: string;
  key: string;
  value: string;
}

/** Summary metrics flattened to dotted keys (for a key only in the history, its last value). */
export interface RunMetricsTable {
  run_id: string;
  key: string;
  value: number;
}

export interface RunTagsTable {
  run_id: string;
  key: string;
  value: string;
}

export interface MetricHistoryTable {
  run_id: string;
  key: string;
  step: bigint;
  value: number;
  ts: Timestamptz;
}

export interface IndexErrorsTable {
  path: string;
  run_id: string | null;
  kind: string;
  message: string;
}

/** The Kysely `Database` type of the DuckDB index. */
export interface IndexTables {
  runs: RunsTable;
  run_params: RunParamsTable;
  run_metrics: RunMetricsTable;
  run_tags: RunTagsTable;
  metric_history: MetricHistoryTable;
  index_errors: IndexErrorsTable;
}
