/**
 * DDL of the index tables. The index file persists across restarts; `index_info` records the
 * schema version it was built with, and a file of another version is rebuilt from the facts.
 */
export const INDEX_SCHEMA_VERSION = 3;

export const CREATE_TABLES = [
  `CREATE TABLE IF NOT EXISTS index_info (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)`,
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
    model_parameters_trainable BIGINT, source_path VARCHAR, client_request_id VARCHAR)`,
  `CREATE TABLE IF NOT EXISTS run_params (run_id VARCHAR NOT NULL, key VARCHAR NOT NULL, value VARCHAR NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS run_metrics (run_id VARCHAR NOT NULL, key VARCHAR NOT NULL, value DOUBLE NOT NULL, from_history BOOLEAN NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS run_tags (run_id VARCHAR NOT NULL, key VARCHAR NOT NULL, value VARCHAR NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS index_errors (path VARCHAR NOT NULL, run_id VARCHAR, kind VARCHAR NOT NULL, message VARCHAR NOT NULL)`,
  // What the index has read of each run folder (broken ones too), so a restart rereads only
  // folders whose files changed.
  `CREATE TABLE IF NOT EXISTS run_files (run_id VARCHAR PRIMARY KEY, folder_mtime DOUBLE NOT NULL, files VARCHAR NOT NULL, metrics VARCHAR NOT NULL)`,
];

/** Run-keyed tables, in the order a run's rows are deleted and re-inserted. */
export const RUN_TABLES = ['run_params', 'run_metrics', 'run_tags', 'runs'] as const;
