import type { DuckDBConnection } from '@duckdb/node-api';
import type { IndexErrorsTable } from '../tables.js';
import { CheckedRowAppender } from './checked-row-appender.js';
import { ChunkAppender } from './chunk-appender.js';
import type { KeyValueColumns, RunBatch, TableColumns } from './run-batch.js';
import { STAGING } from './staging.js';

/**
 * Appends batches on one connection: `runs` and `index_errors` rows checked as `appendRows`
 * checks them, the rest into the staging tables (see staging.ts), which must exist.
 */
export class BatchLoader {
  readonly #runs: CheckedRowAppender;
  readonly #errors: CheckedRowAppender;
  readonly #dictionary: ChunkAppender;
  readonly #metrics: ChunkAppender;
  readonly #params: ChunkAppender;
  readonly #tags: ChunkAppender;
  readonly #all: Array<ChunkAppender | CheckedRowAppender>;
  readonly #errorColumns: readonly (keyof IndexErrorsTable)[];

  private constructor(
    errorColumns: readonly string[],
    appenders: {
      runs: CheckedRowAppender;
      errors: CheckedRowAppender;
      dictionary: ChunkAppender;
      metrics: ChunkAppender;
      params: ChunkAppender;
      tags: ChunkAppender;
    },
  ) {
    this.#errorColumns = errorColumns as (keyof IndexErrorsTable)[];
    this.#runs = appenders.runs;
    this.#errors = appenders.errors;
    this.#dictionary = appenders.dictionary;
    this.#metrics = appenders.metrics;
    this.#params = appenders.params;
    this.#tags = appenders.tags;
    this.#all = Object.values(appenders);
  }

  static async open(connection: DuckDBConnection, columns: TableColumns): Promise<BatchLoader> {
    const temp = (table: string) => ChunkAppender.open(connection, table, 'temp');
    return new BatchLoader(columns.index_errors, {
      runs: await CheckedRowAppender.open(connection, 'runs', [...columns.runs]),
      errors: await CheckedRowAppender.open(connection, 'index_errors', [...columns.index_errors]),
      dictionary: await temp(STAGING.dictionary),
      metrics: await temp(STAGING.metrics),
      params: await temp(STAGING.params),
      tags: await temp(STAGING.tags),
    });
  }

  /** One error that is not about a run's files (an entry under runs/ that is no run folder). */
  loadError(error: IndexErrorsTable): void {
    this.#errors.append(this.#errorColumns.map((column) => error[column]));
  }

  load(batch: RunBatch): void {
    for (const row of batch.runs) this.#runs.append(row);
    for (const row of batch.errors) this.#errors.append(row);
    const dictionary = this.#dictionary;
    const { ordinals, strings } = batch.dictionary;
    for (let i = 0; i < strings.length; i++) {
      dictionary.set(0, ordinals[i] as number);
      dictionary.set(1, strings[i] as string);
      dictionary.endRow();
    }
    const m = batch.metrics;
    const metrics = this.#metrics;
    for (let i = 0; i < m.run.length; i++) {
      metrics.set(0, m.run[i] as number);
      metrics.set(1, m.key[i] as number);
      metrics.set(2, m.value[i] as number);
      metrics.set(3, m.fromHistory[i] === 1);
      metrics.endRow();
    }
    appendKeyValues(this.#params, batch.params);
    appendKeyValues(this.#tags, batch.tags);
  }

  /** Sends every buffered row to DuckDB and releases the appenders. */
  close(): void {
    for (const appender of this.#all) appender.close();
  }

  discard(): void {
    for (const appender of this.#all) appender.discard();
  }
}

function appendKeyValues(target: ChunkAppender, columns: KeyValueColumns): void {
  for (let i = 0; i < columns.run.length; i++) {
    target.set(0, columns.run[i] as number);
    target.set(1, columns.key[i] as number);
    target.set(2, columns.value[i] as number);
    target.endRow();
  }
}
