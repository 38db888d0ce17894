import {
  type DuckDBConnection,
  type DuckDBInstance,
  type DuckDBResult,
  ResultReturnType,
  StatementType,
} from '@duckdb/node-api';
import type { CompiledQuery, DatabaseConnection, QueryResult } from 'kysely';
import { bindParameters } from './bind-parameters.js';
import { type DbValue, pushRowObjects } from './result-values.js';
import { StatementCache, type StatementCacheStats } from './statement-cache.js';

export interface ConnectionOptions {
  /** Prepared statements kept per connection (LRU). Default 100. */
  statementCacheSize?: number;
  /** DuckDB `TimeZone` of the session, used by SQL such as `date_trunc`. Default `UTC`. */
  timeZone?: string;
}

const DEFAULT_STREAM_CHUNK_SIZE = 2048;
const WRITE_STATEMENTS = new Set<number>([
  StatementType.INSERT,
  StatementType.UPDATE,
  StatementType.DELETE,
  StatementType.MERGE_INTO,
]);

function assertTimeZoneName(timeZone: string): void {
  if (!/^[A-Za-z0-9_+\-/]+$/.test(timeZone)) {
    throw new RangeError(
      `timeZone must be an IANA name such as UTC or Europe/Paris, got ${timeZone}`,
    );
  }
}

/**
 * One long-lived DuckDB connection as a Kysely `DatabaseConnection`.
 *
 * Parameterless SQL runs directly (so multi-statement DDL scripts work); parameterized SQL
 * goes through the per-connection prepared statement cache.
 */
export class DuckDbConnection implements DatabaseConnection {
  /** The underlying `@duckdb/node-api` connection, e.g. for appenders. */
  readonly raw: DuckDBConnection;
  readonly #statements: StatementCache;

  private constructor(raw: DuckDBConnection, statementCacheSize: number) {
    this.raw = raw;
    this.#statements = new StatementCache(raw, statementCacheSize);
  }

  static async open(instance: DuckDBInstance, options: ConnectionOptions = {}) {
    const timeZone = options.timeZone ?? 'UTC';
    assertTimeZoneName(timeZone);
    const raw = await instance.connect();
    try {
      const connection = new DuckDbConnection(raw, options.statementCacheSize ?? 100);
      await raw.run(`SET TimeZone = '${timeZone}'`);
      return connection;
    } catch (error) {
      raw.closeSync();
      throw error;
    }
  }

  async #start(query: CompiledQuery, streaming: boolean): Promise<DuckDBResult> {
    if (query.parameters.length === 0) {
      return streaming ? this.raw.stream(query.sql) : this.raw.run(query.sql);
    }
    const statement = await this.#statements.get(query.sql);
    bindParameters(statement, query.parameters);
    return streaming ? statement.stream() : statement.run();
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.#start(query, false);
    if (result.returnType === ResultReturnType.CHANGED_ROWS) {
      return { rows: [], numAffectedRows: BigInt(result.rowsChanged) };
    }
    const rows: Record<string, DbValue>[] = [];
    const names = result.deduplicatedColumnNames();
    for (const chunk of await result.fetchAllChunks()) pushRowObjects(chunk, names, rows);
    const isWrite = WRITE_STATEMENTS.has(result.statementType);
    return {
      // Kysely's row type is the caller's declared shape; the mapping in result-values decides it.
      rows: rows as R[],
      ...(isWrite ? { numAffectedRows: BigInt(rows.length) } : {}),
    };
  }

  async *streamQuery<R>(
    query: CompiledQuery,
    chunkSize: number = DEFAULT_STREAM_CHUNK_SIZE,
  ): AsyncIterableIterator<QueryResult<R>> {
    if (!Number.isInteger(chunkSize) || chunkSize <= 0) {
      throw new RangeError(`stream chunkSize must be a positive integer, got ${chunkSize}`);
    }
    const result = await this.#start(query, true);
    const names = result.deduplicatedColumnNames();
    let buffered: Record<string, DbValue>[] = [];
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      pushRowObjects(chunk, names, buffered);
      let start = 0;
      for (; buffered.length - start >= chunkSize; start += chunkSize) {
        yield { rows: buffered.slice(start, start + chunkSize) as R[] };
      }
      buffered = buffered.slice(start);
    }
    if (buffered.length > 0) yield { rows: buffered as R[] };
  }

  statementCacheStats(): StatementCacheStats {
    return this.#statements.stats();
  }

  close(): void {
    this.#statements.clear();
    this.raw.closeSync();
  }
}
