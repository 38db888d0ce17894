import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import {
  type AppendValue,
  AppendValueError,
  appendColumnType,
  type ToDuckDbValue,
  toDuckDbValueFor,
} from '../duckdb/append-values.js';
import { ChunkAppender } from './chunk-appender.js';

/**
 * Appends rows given as value arrays in table column order, checked and converted exactly as
 * `appendRows` does, so a bad value fails the same way.
 */
export class CheckedRowAppender {
  readonly #target: ChunkAppender;
  readonly #converters: ToDuckDbValue[];
  /** `"name" (TYPE)` of each column, for messages. */
  readonly #labels: string[];

  private constructor(target: ChunkAppender, names: string[]) {
    this.#target = target;
    const types = target.columnTypes.map((type) => {
      const appendType = appendColumnType(type);
      if (!appendType) throw new Error(`Cannot append to "${target.table}": column type ${type}`);
      return appendType;
    });
    if (names.length !== types.length) {
      throw new Error(
        `Cannot append to "${target.table}": ${names.length} column names given, the table has ${types.length} columns`,
      );
    }
    this.#converters = types.map(toDuckDbValueFor);
    this.#labels = names.map((name, i) => `"${name}" (${types[i]})`);
  }

  static async open(
    connection: DuckDBConnection,
    table: string,
    names: string[],
  ): Promise<CheckedRowAppender> {
    return new CheckedRowAppender(await ChunkAppender.open(connection, table), names);
  }

  append(values: readonly AppendValue[]): void {
    const converters = this.#converters;
    if (values.length !== converters.length) {
      throw new Error(
        `Appending to "${this.#target.table}": a row has ${values.length} values, the table ${converters.length} columns`,
      );
    }
    for (let i = 0; i < converters.length; i++) {
      let value: DuckDBValue;
      try {
        value = (converters[i] as ToDuckDbValue)(values[i] as AppendValue);
      } catch (error) {
        if (!(error instanceof AppendValueError)) throw error;
        throw new Error(
          `Appending to "${this.#target.table}", row ${this.#target.rowCount}: column ${this.#labels[i]}: ${error.message}`,
        );
      }
      this.#target.set(i, value);
    }
    this.#target.endRow();
  }

  close(): void {
    this.#target.close();
  }

  discard(): void {
    this.#target.discard();
  }
}
