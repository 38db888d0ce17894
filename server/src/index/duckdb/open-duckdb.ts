import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { Kysely } from 'kysely';
import { ConnectionPool, type PoolOptions, type PoolStats } from './connection-pool.js';
import { DuckDbDialect } from './duckdb-dialect.js';
import { type AppendOptions, type AppendRow, appendRows } from './table-appender.js';

export interface OpenDuckDbOptions extends PoolOptions {
  /** Database file (created with its folder if missing) or `:memory:`. */
  path: string;
  /** DuckDB worker threads. Default: DuckDB's (one per core). */
  threads?: number;
  /** DuckDB memory limit, e.g. `'2GB'`. Default: DuckDB's (80% of RAM). */
  memoryLimit?: string;
  /** Open the file read-only, so several processes may read it at once. */
  readOnly?: boolean;
}

/** One pooled connection, held for the duration of a `withConnection` callback. */
export interface DuckDbSession<DB> {
  /**
   * Kysely bound to this connection: its queries and transactions run on it one at a time, so
   * inside `db.transaction()` use the `trx` it gives (a query on `db` would wait for the end).
   */
  db: Kysely<DB>;
  /** The raw connection, for appenders (`appendRows`) and other `@duckdb/node-api` calls. */
  connection: DuckDBConnection;
}

export interface DuckDbHandle<DB> {
  /** Kysely over the pool; each query takes whichever connection is free. */
  readonly db: Kysely<DB>;
  readonly instance: DuckDBInstance;
  /** Runs `fn` with one connection to itself; an error rolls back a transaction it left open. */
  withConnection<T>(fn: (session: DuckDbSession<DB>) => Promise<T>): Promise<T>;
  /** Bulk-appends `rows` to `table` in one transaction of its own: all rows or none. */
  appendRows(
    table: string,
    rows: Iterable<AppendRow> | AsyncIterable<AppendRow>,
    options?: AppendOptions,
  ): Promise<number>;
  /** Pool occupancy and summed prepared-statement cache counters. */
  stats(): PoolStats;
  /** Closes every connection and the database (releasing the file lock). Idempotent. */
  close(): Promise<void>;
}

function instanceOptions(options: OpenDuckDbOptions): Record<string, string> {
  const config: Record<string, string> = {};
  if (options.threads !== undefined) {
    if (!Number.isInteger(options.threads) || options.threads < 1) {
      throw new RangeError(`threads must be an integer >= 1, got ${options.threads}`);
    }
    config.threads = String(options.threads);
  }
  if (options.memoryLimit !== undefined) config.memory_limit = options.memoryLimit;
  if (options.readOnly) config.access_mode = 'READ_ONLY';
  return config;
}

async function createInstance(options: OpenDuckDbOptions): Promise<DuckDBInstance> {
  const config = instanceOptions(options);
  try {
    if (options.path !== ':memory:' && !options.readOnly) {
      mkdirSync(dirname(options.path), { recursive: true });
    }
    return await DuckDBInstance.create(options.path, config);
  } catch (error) {
    throw new Error(`Cannot open DuckDB database ${options.path}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

async function rollbackLeftovers(connection: DuckDBConnection): Promise<void> {
  try {
    await connection.run('ROLLBACK');
  } catch {
    // "no transaction is active": the callback left nothing open, which is the usual case.
  }
}

/** Opens a DuckDB database with a connection pool and a Kysely instance over it. */
export async function openDuckDb<DB>(options: OpenDuckDbOptions): Promise<DuckDbHandle<DB>> {
  const instance = await createInstance(options);
  let pool: ConnectionPool;
  try {
    pool = await ConnectionPool.open(instance, options);
  } catch (error) {
    instance.closeSync();
    throw error;
  }
  const db = new Kysely<DB>({ dialect: new DuckDbDialect({ pool }) });
  let closing: Promise<void> | undefined;

  async function withConnection<T>(fn: (session: DuckDbSession<DB>) => Promise<T>): Promise<T> {
    const connection = await pool.acquire();
    const pinned = new ConnectionPool([connection], false);
    const sessionDb = new Kysely<DB>({ dialect: new DuckDbDialect({ pool: pinned }) });
    try {
      return await fn({ db: sessionDb, connection: connection.raw });
    } catch (error) {
      await rollbackLeftovers(connection.raw);
      throw error;
    } finally {
      await sessionDb.destroy();
      pool.release(connection);
    }
  }

  return {
    db,
    instance,
    withConnection,
    appendRows: (table, rows, appendOptions) =>
      withConnection(async ({ connection }) => {
        await connection.run('BEGIN TRANSACTION');
        const count = await appendRows(connection, table, rows, appendOptions);
        await connection.run('COMMIT');
        return count;
      }),
    stats: () => pool.stats(),
    close: () => {
      // Kysely only destroys a driver it has initialized, so the pool is closed here as well.
      closing ??= db
        .destroy()
        .then(() => pool.close())
        .then(() => instance.closeSync());
      return closing;
    },
  };
}
