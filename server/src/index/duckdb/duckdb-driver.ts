import type { DuckDBInstance } from '@duckdb/node-api';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type TransactionSettings,
} from 'kysely';
import { ConnectionPool, type PoolOptions } from './connection-pool.js';
import { DuckDbConnection } from './duckdb-connection.js';

/** Either an instance to open a pool on (owned by the driver) or a pool to use. */
export type DuckDbDriverConfig =
  | ({ instance: DuckDBInstance } & PoolOptions)
  | { pool: ConnectionPool };

function asDuckDbConnection(connection: DatabaseConnection): DuckDbConnection {
  if (!(connection instanceof DuckDbConnection)) {
    throw new TypeError('The DuckDB driver was handed a connection it did not create');
  }
  return connection;
}

function beginStatement(settings: TransactionSettings): string {
  // DuckDB has a single isolation level, snapshot isolation, and no syntax to pick one.
  if (settings.isolationLevel && settings.isolationLevel !== 'snapshot') {
    throw new Error(
      `DuckDB transactions always use snapshot isolation; isolation level ` +
        `'${settings.isolationLevel}' is not available (omit it or use 'snapshot')`,
    );
  }
  return settings.accessMode === 'read only' ? 'BEGIN TRANSACTION READ ONLY' : 'BEGIN TRANSACTION';
}

/** Kysely driver over a {@link ConnectionPool} of long-lived DuckDB connections. */
export class DuckDbDriver implements Driver {
  readonly #config: DuckDbDriverConfig;
  #pool: ConnectionPool | undefined;

  constructor(config: DuckDbDriverConfig) {
    this.#config = config;
  }

  async init(): Promise<void> {
    this.#pool =
      'pool' in this.#config
        ? this.#config.pool
        : await ConnectionPool.open(this.#config.instance, this.#config);
  }

  #requirePool(): ConnectionPool {
    if (!this.#pool) throw new Error('The DuckDB driver is not initialized');
    return this.#pool;
  }

  acquireConnection(): Promise<DatabaseConnection> {
    return this.#requirePool().acquire();
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    this.#requirePool().release(asDuckDbConnection(connection));
  }

  async beginTransaction(
    connection: DatabaseConnection,
    settings: TransactionSettings,
  ): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(beginStatement(settings)));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('COMMIT'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('ROLLBACK'));
  }

  async destroy(): Promise<void> {
    // The pool stays referenced so connections still in use can be released (and closed).
    await this.#pool?.close();
  }
}
