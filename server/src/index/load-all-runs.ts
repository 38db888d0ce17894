import { availableParallelism } from 'node:os';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { FactsStore, RunListing } from '../facts/index.js';
import type { MetaConfig } from '../meta/index.js';
import { BatchLoader } from './bulk/batch-loader.js';
import { readBatches } from './bulk/read-batches.js';
import type { TableColumns } from './bulk/run-batch.js';
import { CREATE_STAGING, DROP_STAGING, INSERT_FROM_STAGING } from './bulk/staging.js';
import { RUN_TABLES } from './ddl.js';
import type { DuckDbHandle } from './duckdb/open-duckdb.js';
import { appendRows } from './duckdb/table-appender.js';
import type { Fingerprint } from './fingerprint.js';
import type { IndexTables } from './tables.js';

export interface LoadAllRunsOptions {
  onProgress?: (done: number, total: number) => void;
  /**
   * Worker threads that read and interpret run folders while this thread appends. Default:
   * one per core (at most 4) from WORKERS_FROM runs on, none below that, where starting them
   * costs more than they save.
   */
  workers?: number;
  /** Runs a thread reads per batch. Default 250. */
  batchSize?: number;
  /** The run folders to load (default: listed now), and what they looked like before reading. */
  listing?: RunListing;
  fingerprints?: ReadonlyMap<string, Fingerprint>;
}

const WORKERS_FROM = 20_000;
const PROGRESS_EVERY = 500;

function defaultWorkers(runs: number): number {
  return runs < WORKERS_FROM ? 0 : Math.min(4, availableParallelism());
}

async function tableColumns(connection: DuckDBConnection): Promise<TableColumns> {
  const reader = await connection.runAndReadAll(
    `SELECT table_name, column_name FROM duckdb_columns()
     WHERE database_name = current_database() AND schema_name = 'main'
       AND table_name IN ('runs', 'index_errors')
     ORDER BY table_name, column_index`,
  );
  const columns: { runs: string[]; index_errors: string[] } = { runs: [], index_errors: [] };
  for (const [table, column] of reader.getRowsJS() as [keyof TableColumns, string][]) {
    columns[table].push(column);
  }
  return columns;
}

async function runAll(connection: DuckDBConnection, statements: readonly string[]) {
  for (const statement of statements) await connection.run(statement);
}

/**
 * Replaces the index tables' content with every run folder under the facts root, in one
 * transaction: readers never see a half-built index, and a failure leaves the old one.
 * The rows and index errors are those that `interpretRun` gives for each folder.
 */
export async function loadAllRuns(
  handle: DuckDbHandle<IndexTables>,
  facts: FactsStore,
  config: MetaConfig,
  options: LoadAllRunsOptions = {},
): Promise<void> {
  const { runIds, skipped } = options.listing ?? (await facts.listRunIds());
  const total = runIds.length;
  await handle.withConnection(async ({ connection }) => {
    await connection.run('BEGIN TRANSACTION');
    await runAll(connection, [
      ...[...RUN_TABLES, 'index_errors', 'run_files'].map((table) => `DELETE FROM ${table}`),
      ...DROP_STAGING,
      ...CREATE_STAGING,
    ]);
    const columns = await tableColumns(connection);
    const loader = await BatchLoader.open(connection, columns);
    try {
      // A `.tmp-*` folder is a run being created right now, not a broken one.
      for (const entry of skipped) {
        if (entry.reason === 'temporary') continue;
        loader.loadError({
          path: entry.path,
          run_id: null,
          kind: entry.reason,
          message: entry.message,
        });
      }
      let done = 0;
      const batches = readBatches(runIds, {
        runsDir: facts.runsDir,
        limits: facts.readLimits,
        config,
        columns,
        workers: options.workers ?? defaultWorkers(total),
        batchSize: options.batchSize ?? 250,
      });
      for await (const batch of batches) {
        loader.load(batch);
        const before = Math.floor(done / PROGRESS_EVERY);
        done += batch.runCount;
        if (Math.floor(done / PROGRESS_EVERY) > before || done === total) {
          options.onProgress?.(done, total);
        }
      }
      loader.close();
    } catch (error) {
      loader.discard();
      throw error;
    }
    await runAll(connection, [...INSERT_FROM_STAGING, ...DROP_STAGING]);
    const files = [...(options.fingerprints ?? [])].map(([run_id, f]) => ({
      run_id,
      folder_mtime: f.folderMtime,
      files: f.files,
      metrics: f.metrics,
    }));
    if (files.length > 0) await appendRows(connection, 'run_files', files);
    await connection.run('COMMIT');
  });
}
