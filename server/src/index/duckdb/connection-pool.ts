import type { DuckDBInstance } from '@duckdb/node-api';
import { type ConnectionOptions, DuckDbConnection } from './duckdb-connection.js';
import type { StatementCacheStats } from './statement-cache.js';

export interface PoolOptions extends ConnectionOptions {
  /** Long-lived connections to keep open. Default 2 (one per core on the target machine). */
  poolSize?: number;
}

export interface PoolStats {
  size: number;
  idle: number;
  waiting: number;
  /** Summed over the pool's connections. */
  statementCache: StatementCacheStats;
}

interface Waiter {
  resolve(connection: DuckDbConnection): void;
  reject(error: Error): void;
}

/**
 * A fixed set of long-lived connections handed out one caller at a time, with a FIFO queue.
 *
 * Exclusive use matters: a reused prepared statement is bound and then run, so two callers
 * sharing a connection could run each other's parameters.
 */
export class ConnectionPool {
  readonly #all: readonly DuckDbConnection[];
  readonly #idle: DuckDbConnection[];
  readonly #busy = new Set<DuckDbConnection>();
  readonly #waiters: Waiter[] = [];
  readonly #ownsConnections: boolean;
  #closed = false;

  /** Pools `connections`; closing the pool closes them only if `ownsConnections`. */
  constructor(connections: readonly DuckDbConnection[], ownsConnections: boolean) {
    if (connections.length === 0) throw new RangeError('A connection pool needs a connection');
    this.#all = connections;
    this.#idle = [...connections];
    this.#ownsConnections = ownsConnections;
  }

  /** Opens `poolSize` connections on `instance`; the pool owns and closes them. */
  static async open(instance: DuckDBInstance, options: PoolOptions = {}): Promise<ConnectionPool> {
    const size = options.poolSize ?? 2;
    if (!Number.isInteger(size) || size < 1) {
      throw new RangeError(`poolSize must be an integer >= 1, got ${size}`);
    }
    const connections: DuckDbConnection[] = [];
    try {
      for (let i = 0; i < size; i++)
        connections.push(await DuckDbConnection.open(instance, options));
    } catch (error) {
      for (const connection of connections) connection.close();
      throw error;
    }
    return new ConnectionPool(connections, true);
  }

  acquire(): Promise<DuckDbConnection> {
    if (this.#closed) return Promise.reject(new Error('The DuckDB connection pool is closed'));
    const connection = this.#idle.pop();
    if (connection) {
      this.#busy.add(connection);
      return Promise.resolve(connection);
    }
    return new Promise((resolve, reject) => this.#waiters.push({ resolve, reject }));
  }

  release(connection: DuckDbConnection): void {
    if (!this.#busy.has(connection)) {
      throw new Error('Released a DuckDB connection that this pool had not handed out');
    }
    if (this.#closed) {
      this.#busy.delete(connection);
      if (this.#ownsConnections) connection.close();
      return;
    }
    const waiter = this.#waiters.shift();
    if (waiter) {
      waiter.resolve(connection);
      return;
    }
    this.#busy.delete(connection);
    this.#idle.push(connection);
  }

  /**
   * Rejects queued acquirers and closes idle connections now; a connection still in use is
   * closed when it is released.
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const waiter of this.#waiters.splice(0)) {
      waiter.reject(new Error('The DuckDB connection pool was closed while waiting'));
    }
    const idle = this.#idle.splice(0);
    if (this.#ownsConnections) for (const connection of idle) connection.close();
  }

  get closed(): boolean {
    return this.#closed;
  }

  stats(): PoolStats {
    const statementCache = { hits: 0, misses: 0, evictions: 0, size: 0 };
    for (const connection of this.#all) {
      const stats = connection.statementCacheStats();
      statementCache.hits += stats.hits;
      statementCache.misses += stats.misses;
      statementCache.evictions += stats.evictions;
      statementCache.size += stats.size;
    }
    return {
      size: this.#all.length,
      idle: this.#idle.length,
      waiting: this.#waiters.length,
      statementCache,
    };
  }
}
