import {
  type DuckDBAppender,
  type DuckDBConnection,
  DuckDBDataChunk,
  type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api';
import {
  type AppendColumnType,
  type AppendValue,
  AppendValueError,
  appendColumnType,
  type ToDuckDbValue,
  toDuckDbValueFor,
} from './append-values.js';

/** A row in table column order, or an object with exactly the table's column names as keys. */
export type AppendRow = readonly AppendValue[] | Readonly<Record<string, AppendValue | undefined>>;

export interface AppendColumn {
  name: string;
  type: AppendColumnType;
}

export interface AppendOptions {
  /** Schema of the table. Default `main`. */
  schema?: string;
}

// DuckDB's vector size: one data chunk holds at most this many rows.
const CHUNK_ROWS = 2048;

async function tableColumnNames(connection: DuckDBConnection, schema: string, table: string) {
  const reader = await connection.runAndReadAll(
    `select column_name from duckdb_columns()
     where database_name = current_database() and schema_name = $1 and table_name = $2
     order by column_index`,
    [schema, table],
  );
  return reader.getColumns()[0]?.map(String) ?? [];
}

/**
 * Bulk loader for one table over DuckDB's appender: rows are validated against the table's
 * column types in JS, buffered into 2048-row data chunks and handed to DuckDB a chunk at a time.
 *
 * Rows become visible on `flush()`/`close()`. The appender writes in the connection's current
 * transaction, and DuckDB may flush large loads on its own, so run it inside a transaction when
 * a failure must leave the table untouched.
 */
export class TableAppender {
  readonly table: string;
  readonly columns: readonly AppendColumn[];
  readonly #appender: DuckDBAppender;
  readonly #chunk: DuckDBDataChunk;
  readonly #converters: readonly ToDuckDbValue[];
  readonly #names: readonly string[];
  readonly #scratch: DuckDBValue[];
  #buffers: DuckDBValue[][];
  #rowCount = 0;
  #open = true;

  private constructor(appender: DuckDBAppender, table: string, columns: readonly AppendColumn[]) {
    this.table = table;
    this.columns = columns;
    this.#appender = appender;
    const types: DuckDBType[] = columns.map((_, i) => appender.columnType(i));
    this.#chunk = DuckDBDataChunk.create(types);
    this.#converters = columns.map((column) => toDuckDbValueFor(column.type));
    this.#names = columns.map((column) => column.name);
    this.#buffers = columns.map(() => []);
    this.#scratch = columns.map(() => null);
  }

  static async open(
    connection: DuckDBConnection,
    table: string,
    options: AppendOptions = {},
  ): Promise<TableAppender> {
    const schema = options.schema ?? 'main';
    const names = await tableColumnNames(connection, schema, table);
    if (names.length === 0) {
      throw new Error(`Cannot append to "${schema}"."${table}": no such table`);
    }
    const appender = await connection.createAppender(table, schema);
    const columns: AppendColumn[] = [];
    const unsupported: string[] = [];
    names.forEach((name, i) => {
      const type = appender.columnType(i);
      const appendType = appendColumnType(type);
      if (appendType) columns.push({ name, type: appendType });
      else unsupported.push(`"${name}" ${type.toString()}`);
    });
    if (unsupported.length > 0 || appender.columnCount !== names.length) {
      appender.closeSync();
      throw new Error(
        `Cannot append to "${table}": unsupported column type(s) ${unsupported.join(', ')}; ` +
          'the appender writes VARCHAR, DOUBLE, INTEGER, BIGINT, BOOLEAN, TIMESTAMPTZ, VARCHAR[]',
      );
    }
    return new TableAppender(appender, table, columns);
  }

  /** Rows accepted so far (flushed or still buffered). */
  get rowCount(): number {
    return this.#rowCount;
  }

  #fail(message: string): Error {
    return new Error(`Appending to "${this.table}", row ${this.#rowCount}: ${message}`);
  }

  #rejected(error: unknown): Error {
    const message = error instanceof Error ? error.message : String(error);
    return new Error(
      `Appending to "${this.table}": DuckDB rejected rows among the first ${this.#rowCount}: ${message}`,
      { cause: error },
    );
  }

  #valuesOf(row: AppendRow): readonly (AppendValue | undefined)[] {
    if (Array.isArray(row)) {
      if (row.length !== this.#names.length) {
        throw this.#fail(`has ${row.length} values, the table has ${this.#names.length} columns`);
      }
      return row;
    }
    const record = row as Readonly<Record<string, AppendValue | undefined>>;
    const values = this.#names.map((name) => record[name]);
    const missing = this.#names.filter((_, i) => values[i] === undefined);
    if (missing.length > 0) {
      throw this.#fail(`no value for column(s) ${missing.join(', ')} (use null for NULL)`);
    }
    const keys = Object.keys(record);
    if (keys.length !== this.#names.length) {
      const unknown = keys.filter((key) => !this.#names.includes(key));
      throw this.#fail(`unknown column(s) ${unknown.join(', ')}`);
    }
    return values;
  }

  #convert(index: number, value: AppendValue | undefined): DuckDBValue {
    try {
      // Never undefined: #converters has one entry per column and index ranges over columns.
      return (this.#converters[index] as ToDuckDbValue)(value as AppendValue);
    } catch (error) {
      if (!(error instanceof AppendValueError)) throw error;
      const column = this.columns[index];
      throw this.#fail(`column "${column?.name}" (${column?.type}): ${error.message}`);
    }
  }

  /** Validates and buffers one row; throws (buffering nothing of it) when a value is wrong. */
  append(row: AppendRow): void {
    if (!this.#open) throw new Error(`The appender for "${this.table}" is closed`);
    const values = this.#valuesOf(row);
    // Loops over a reused scratch row: this runs millions of times in a cold index build.
    const scratch = this.#scratch;
    for (let i = 0; i < scratch.length; i++) scratch[i] = this.#convert(i, values[i]);
    for (let i = 0; i < scratch.length; i++) this.#buffers[i]?.push(scratch[i] ?? null);
    this.#rowCount++;
    if ((this.#buffers[0]?.length ?? 0) >= CHUNK_ROWS) this.#writeChunk();
  }

  #writeChunk(): void {
    if ((this.#buffers[0]?.length ?? 0) === 0) return;
    const columns = this.#buffers;
    this.#buffers = this.columns.map(() => []);
    try {
      this.#chunk.setColumns(columns);
      this.#appender.appendDataChunk(this.#chunk);
    } catch (error) {
      throw this.#rejected(error);
    }
  }

  /** Writes buffered rows into the table. */
  flush(): void {
    this.#writeChunk();
    try {
      this.#appender.flushSync();
    } catch (error) {
      throw this.#rejected(error);
    }
  }

  /** Flushes and releases the appender. */
  close(): void {
    if (!this.#open) return;
    this.flush();
    this.#open = false;
    this.#appender.closeSync();
  }

  /** Drops rows not yet flushed and releases the appender; never throws. */
  discard(): void {
    if (!this.#open) return;
    this.#open = false;
    this.#buffers = this.columns.map(() => []);
    try {
      this.#appender.clear();
      this.#appender.closeSync();
    } catch {
      // Already failed appenders refuse to close; the caller is reporting the first error.
    }
  }
}

function isAsyncIterable<T>(rows: Iterable<T> | AsyncIterable<T>): rows is AsyncIterable<T> {
  return Symbol.asyncIterator in rows;
}

/**
 * Appends `rows` to `table` on `connection` and returns how many were written.
 *
 * Runs in the connection's current transaction (if any); on error, unflushed rows are dropped
 * and the error says which row and column was wrong. For all-or-nothing, wrap it in a
 * transaction, or use `DuckDbHandle.appendRows`, which does.
 */
export async function appendRows(
  connection: DuckDBConnection,
  table: string,
  rows: Iterable<AppendRow> | AsyncIterable<AppendRow>,
  options: AppendOptions = {},
): Promise<number> {
  const appender = await TableAppender.open(connection, table, options);
  try {
    // A sync source skips the per-row microtask a for-await would cost on millions of rows.
    if (isAsyncIterable(rows)) for await (const row of rows) appender.append(row);
    else for (const row of rows) appender.append(row);
    appender.close();
    return appender.rowCount;
  } catch (error) {
    appender.discard();
    throw error;
  }
}
