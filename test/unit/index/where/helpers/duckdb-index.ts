import { type DuckDBConnection, DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';
import type { CompiledQuery } from 'kysely';
import type { GeneratedRun } from './generated-runs.js';

// The index tables as docs/index-tables.md describes them (the lead's schema module may differ
// in constraints; the column names and types are what the filters rely on).
const DDL = `
create table runs (
  run_id VARCHAR PRIMARY KEY, experiment VARCHAR, name VARCHAR, architecture_code VARCHAR,
  "timestamp" VARCHAR, status VARCHAR, started_at TIMESTAMPTZ, ended_at TIMESTAMPTZ,
  duration_seconds DOUBLE, schema_version INTEGER, level VARCHAR, goal VARCHAR,
  dataset_name VARCHAR, model_family VARCHAR, process_groups VARCHAR, signal_class INTEGER,
  datatreatment VARCHAR, token_order VARCHAR, tokenization VARCHAR, pid_encoding VARCHAR,
  id_embed_dim VARCHAR, met_rep VARCHAR, globals_included VARCHAR, feature_set_version VARCHAR,
  normalization VARCHAR, meta_hash VARCHAR, meta_source VARCHAR, meta_confidence VARCHAR,
  meta_confidence_fields VARCHAR, needs_review BOOLEAN, needs_review_reason VARCHAR[],
  n_classes INTEGER, processes_all VARCHAR, class_def_str VARCHAR, process_groups_key VARCHAR,
  row_key VARCHAR, artifacts VARCHAR, model_parameters_total BIGINT,
  model_parameters_trainable BIGINT, source_path VARCHAR, facts_mtime_ms DOUBLE
);
create table run_params (run_id VARCHAR, key VARCHAR, value VARCHAR);
create table run_metrics (run_id VARCHAR, key VARCHAR, value DOUBLE);
create table run_tags (run_id VARCHAR, key VARCHAR, value VARCHAR);
create table metric_history (run_id VARCHAR, key VARCHAR, step BIGINT, value DOUBLE, ts TIMESTAMPTZ);
`;

const RUN_COLUMNS = [
  'run_id',
  'experiment',
  'name',
  'architecture_code',
  'timestamp',
  'status',
  'started_at',
  'ended_at',
  'duration_seconds',
  'schema_version',
  'level',
  'goal',
  'dataset_name',
  'model_family',
  'tokenization',
  'pid_encoding',
  'meta_hash',
  'meta_source',
  'meta_confidence',
  'needs_review',
  'n_classes',
  'class_def_str',
  'process_groups_key',
  'row_key',
] as const;

export interface TestIndex {
  connection: DuckDBConnection;
  /** Runs a compiled Kysely query with its parameters bound; returns the run_id column. */
  runIds(query: CompiledQuery): Promise<string[]>;
  scalar(sql: string): Promise<unknown>;
  close(): void;
}

export async function createTestIndex(runs: readonly GeneratedRun[]): Promise<TestIndex> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await loadTestTables(connection, runs);
  return {
    connection,
    async runIds(query) {
      const prepared = await connection.prepare(query.sql);
      prepared.bind(query.parameters as DuckDBValue[]);
      const reader = await prepared.runAndReadAll();
      return reader.getRowObjectsJS().map((row) => String(row.run_id));
    },
    async scalar(sql) {
      const reader = await connection.runAndReadAll(sql);
      return reader.getRows()[0]?.[0];
    },
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/** Creates the index tables on `connection` and fills them with `runs`. */
export async function loadTestTables(connection: DuckDBConnection, runs: readonly GeneratedRun[]) {
  await connection.run(DDL);
  const columns = RUN_COLUMNS.map((column) => `"${column}"`).join(', ');
  const timeColumns: readonly string[] = ['started_at', 'ended_at'];
  const placeholders = RUN_COLUMNS.map((column, i) =>
    timeColumns.includes(column) ? `cast($${i + 1} as timestamptz)` : `$${i + 1}`,
  );
  const insert = await connection.prepare(
    `insert into runs (${columns}) values (${placeholders.join(', ')})`,
  );
  for (const run of runs) {
    insert.bind(
      RUN_COLUMNS.map((column): DuckDBValue => {
        const value = run[column];
        return value instanceof Date ? value.toISOString() : value;
      }),
    );
    await insert.run();
  }
  const tables = { run_params: 'params', run_metrics: 'metrics', run_tags: 'tags' } as const;
  for (const [table, field] of Object.entries(tables)) {
    const rows = runs.flatMap((run) =>
      Object.entries(run[field]).map(([key, value]) => [run.run_id, key, value]),
    );
    const tuples = rows.map((_, i) => `($${3 * i + 1}, $${3 * i + 2}, $${3 * i + 3})`);
    await connection.run(`insert into ${table} values ${tuples.join(', ')}`, rows.flat());
  }
}
