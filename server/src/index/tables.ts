/**
 * The Kysely `Database` type of the DuckDB index (docs/index-tables.md). Values are as the DuckDB
 * dialect maps them: timestamps are ISO-8601 UTC strings and integers are numbers.
 */

export type RunsTable = {
  run_id: string;
  experiment: string;
  name: string;
  architecture_code: string | null;
  /** `YYYYMMDD_HHMMSS`, as in the run folder name. */
  timestamp: string;
  status: string;
  started_at: string;
  ended_at: string | null;
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
  /** JSON of the whole canonical meta as served (provenance, override, mismatches). */
  meta_json: string;
  /** JSON of the nested config as given. */
  config: string;
  /** JSON. */
  artifacts: string;
  model_parameters_total: number | null;
  model_parameters_trainable: number | null;
  source_path: string | null;
  client_request_id: string | null;
};

export type RunParamsTable = {
  run_id: string;
  key: string;
  value: string;
};

export type RunMetricsTable = {
  run_id: string;
  key: string;
  value: number;
  /** True when run.json has no summary for the key and the value is its last logged one. */
  from_history: boolean;
};

export type RunTagsTable = {
  run_id: string;
  key: string;
  value: string;
};

/** What the index has read of a run folder (see fingerprint.ts). */
export type RunFilesTable = {
  run_id: string;
  folder_mtime: number;
  files: string;
  metrics: string;
};

export type IndexErrorsTable = {
  path: string;
  run_id: string | null;
  kind: string;
  message: string;
};

export interface IndexTables {
  runs: RunsTable;
  run_params: RunParamsTable;
  run_metrics: RunMetricsTable;
  run_tags: RunTagsTable;
  run_files: RunFilesTable;
  index_errors: IndexErrorsTable;
}
