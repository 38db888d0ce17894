import {
  type DuckDBAppender,
  type DuckDBConnection,
  DuckDBDataChunk,
  type DuckDBType,
  DuckDBTypeId,
  type DuckDBValue,
  type DuckDBVector,
} from '@duckdb/node-api';

// DuckDB's vector size: one data chunk holds at most this many rows.
const CHUNK_ROWS = 2048;

/**
 * An appender that writes values straight into the vectors of one reused data chunk, column by
 * column, with no per-row objects: the bulk build's hot path. `set` values of the current row,
 * then `endRow`. Rows are in the connection's transaction, like any appender's.
 */
export class ChunkAppender {
  readonly table: string;
  readonly #appender: DuckDBAppender;
  readonly #chunk: DuckDBDataChunk;
  #vectors: DuckDBVector[];
  #row = 0;
  #rowCount = 0;

  private constructor(table: string, appender: DuckDBAppender, types: DuckDBType[]) {
    this.table = table;
    this.#appender = appender;
    this.#chunk = DuckDBDataChunk.create(types, CHUNK_ROWS);
    this.#vectors = types.map((_, i) => this.#chunk.getColumnVector(i));
  }

  /** Opens an appender on `table`; `temp` for a temporary table of this connection. */
  static async open(
    connection: DuckDBConnection,
    table: string,
    catalog?: 'temp',
  ): Promise<ChunkAppender> {
    const appender = await connection.createAppender(table, catalog ? 'main' : null, catalog);
    const types = Array.from({ length: appender.columnCount }, (_, i) => appender.columnType(i));
    return new ChunkAppender(table, appender, types);
  }

  get rowCount(): number {
    return this.#rowCount;
  }

  get columnTypes(): DuckDBType[] {
    return this.#vectors.map((v) => v.type);
  }

  /** Sets column `column` of the current row; the value must already suit the column type. */
  set(column: number, value: DuckDBValue): void {
    (this.#vectors[column] as DuckDBVector).setItem(this.#row, value);
  }

  endRow(): void {
    this.#rowCount++;
    if (++this.#row === CHUNK_ROWS) this.#send();
  }

  #send(): void {
    const rows = this.#row;
    if (rows < CHUNK_ROWS) this.#clearListsFrom(rows);
    for (const vector of this.#vectors) vector.flush();
    // The flushed values stay in the chunk when it shrinks to the rows actually written.
    if (rows < CHUNK_ROWS) this.#chunk.rowCount = rows;
    this.#appender.appendDataChunk(this.#chunk);
    if (rows < CHUNK_ROWS) {
      this.#chunk.rowCount = CHUNK_ROWS;
      this.#vectors = this.#vectors.map((_, i) => this.#chunk.getColumnVector(i));
    }
    this.#row = 0;
  }

  // A list vector's flush lays out every row of the chunk, written or not: empty the rest.
  #clearListsFrom(row: number): void {
    for (const vector of this.#vectors) {
      if (vector.type.typeId !== DuckDBTypeId.LIST) continue;
      for (let i = row; i < CHUNK_ROWS; i++) vector.setItem(i, null);
    }
  }

  /** Sends the last rows and releases the appender. */
  close(): void {
    if (this.#row > 0) this.#send();
    this.#appender.flushSync();
    this.#appender.closeSync();
  }

  /** Releases the appender without sending buffered rows; never throws. */
  discard(): void {
    try {
      this.#appender.clear();
      this.#appender.closeSync();
    } catch {
      // A failed appender may refuse to close; the caller is reporting the first error.
    }
  }
}
