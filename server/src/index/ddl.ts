/** DDL of the index tables; the index is a cache, so a schema change just means a rebuild. */
export const INDEX_SCHEMA_VERSION = 1;

export const CREATE_TABLES = [
  `CREATE TABLE IF NOT EXISTS index_info (key VARCHAR PRIMARY KEY, value VARCHAR)`,
  `CREATE TABLE IF NOT EXISTS runs (
    run_id VARCHAR PRIMARY KEY, experiment VARCHAR NOT NULL, name VARCHAR NOT NULL,
    architecture_code VARCHAR, timestamp VARCHAR NOT NULL, status VARCHAR NOT NULL,
    started_at TIMESTAMPTZ NOT NULL, ended_at TIMESTAMPTZ, duration_seconds DOUBLE,
    schema_version INTEGER NOT NULL, level VARCHAR, goal VARCHAR, dataset_name VARCHAR,
    model_family VARCHAR, process_groups VARCHAR, signal_class INTEGER, datatreatment VARCHAR NOT NULL,
    token_order VARCHAR, tokenization VARCHAR, pid_encoding VARCHAR, id_embed_dim VARCHAR,
    met_rep VARCHAR, globals_included VARCHAR, feature_set_version VARCHAR, normalization VARCHAR,
    meta_hash VARCHAR NOT NULL, meta_source VARCHAR NOT NULL, meta_confidence VARCHAR NOT NULL,
    meta_confidence_fields VARCHAR NOT NULL, needs_review BOOLEAN NOT NULL,
    needs_review_reason VARCHAR[] NOT NULL, n_classes INTEGER, processes_all VARCHAR,
    class_def_str VARCHAR, process_groups_key VARCHAR, row_key VARCHAR, meta_json VARCHAR NOT NULL,
    config VARCHAR NOT NULL, artifacts VARCHAR NOT NULL, model_parameters_total BIGINT,
    model_parameters_trainable BIGINT, source_path VARCHAR, client_request_id VARCHAR,
    facts_mtime_ms DOUBLE NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS run_params (run_id VARCHAR NOT NULL, key VARCHAR NOT NULL, value VARCHAR NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS run_metrics (run_id VARCHAR NOT NULL, key VARCHAR NOT NULL, value DOUBLE NOT NULL, from_history BOOLEAN NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS run_tags (run_id VARCHAR NOT NULL, key VARCHAR NOT NULL, value VARCHAR NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS metric_history (run_id VARCHAR NOT NULL, key VARCHAR NOT NULL, step BIGINT NOT NULL, value DOUBLE NOT NULL, ts TIMESTAMPTZ NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS index_errors (path VARCHAR NOT NULL, run_id VARCHAR, kind VARCHAR NOT NULL, message VARCHAR NOT NULL)`,
];

/** Run-keyed tables, in the order a run's rows are deleted and re-inserted. */
export const RUN_TABLES = [
  'run_params',
  'run_metrics',
  'run_tags',
  'metric_history',
  'runs',
] as const;
