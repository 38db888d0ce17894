import type { DuckDBConnection, DuckDBPreparedStatement } from '@duckdb/node-api';

export interface StatementCacheStats {
  hits: number;
  misses: number;
  evictions: number;
  size: number;
}

/**
 * Least-recently-used prepared statements of one connection, keyed by SQL text.
 *
 * The API runs the same few query shapes many times; reusing the statement skips DuckDB's
 * parse, bind and plan. Callers must hold the connection exclusively while a statement runs.
 */
export class StatementCache {
  readonly #connection: DuckDBConnection;
  readonly #capacity: number;
  readonly #statements = new Map<string, DuckDBPreparedStatement>();
  #hits = 0;
  #misses = 0;
  #evictions = 0;

  constructor(connection: DuckDBConnection, capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`statementCacheSize must be an integer >= 1, got ${capacity}`);
    }
    this.#connection = connection;
    this.#capacity = capacity;
  }

  async get(sql: string): Promise<DuckDBPreparedStatement> {
    const cached = this.#statements.get(sql);
    if (cached) {
      this.#hits++;
      // Re-inserting moves the key to the young end of the Map's insertion order.
      this.#statements.delete(sql);
      this.#statements.set(sql, cached);
      return cached;
    }
    this.#misses++;
    const statement = await this.#connection.prepare(sql);
    this.#statements.set(sql, statement);
    if (this.#statements.size > this.#capacity) this.#evictOldest();
    return statement;
  }

  #evictOldest(): void {
    const oldest = this.#statements.keys().next();
    if (oldest.done) return;
    this.#statements.get(oldest.value)?.destroySync();
    this.#statements.delete(oldest.value);
    this.#evictions++;
  }

  stats(): StatementCacheStats {
    return {
      hits: this.#hits,
      misses: this.#misses,
      evictions: this.#evictions,
      size: this.#statements.size,
    };
  }

  clear(): void {
    for (const statement of this.#statements.values()) statement.destroySync();
    this.#statements.clear();
  }
}
