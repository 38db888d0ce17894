import {
  type DuckDBPreparedStatement,
  DuckDBTimestampTZValue,
  LIST,
  listValue,
  VARCHAR,
} from '@duckdb/node-api';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const INT128_MIN = -(2n ** 127n);
const INT128_MAX = 2n ** 127n - 1n;
const VARCHAR_LIST = LIST(VARCHAR);

const SUPPORTED =
  'null, boolean, number, bigint, string, Date, Buffer/Uint8Array or an array of strings';

function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return 'an array that is not all strings';
  if (typeof value === 'object' && value !== null) {
    return `an object (${value.constructor?.name ?? 'null prototype'})`;
  }
  return `a ${typeof value}`;
}

function parameterError(index: number, message: string): TypeError {
  return new TypeError(`Query parameter $${index}: ${message}`);
}

function isStringList(value: unknown): value is readonly (string | null)[] {
  return Array.isArray(value) && value.every((item) => item === null || typeof item === 'string');
}

/**
 * Binds one query parameter with an explicit DuckDB type.
 *
 * Safe integers bind as BIGINT, so they compare exactly against INTEGER and BIGINT columns
 * (DuckDB narrows the constant, not the column) and widen losslessly against DOUBLE; any
 * other number binds as DOUBLE, so `int_col = 2.5` is false rather than rounded to 3.
 */
export function bindParameter(statement: DuckDBPreparedStatement, index: number, value: unknown) {
  if (value === null) return statement.bindNull(index);
  switch (typeof value) {
    case 'boolean':
      return statement.bindBoolean(index, value);
    case 'string':
      return statement.bindVarchar(index, value);
    case 'number':
      return Number.isSafeInteger(value)
        ? statement.bindBigInt(index, BigInt(value))
        : statement.bindDouble(index, value);
    case 'bigint':
      if (value >= INT64_MIN && value <= INT64_MAX) return statement.bindBigInt(index, value);
      if (value >= INT128_MIN && value <= INT128_MAX) return statement.bindHugeInt(index, value);
      throw parameterError(index, `bigint ${value} does not fit in a 128-bit HUGEINT`);
  }
  if (value instanceof Date) {
    const ms = value.getTime();
    if (Number.isNaN(ms)) throw parameterError(index, 'got an invalid Date (its time is NaN)');
    return statement.bindTimestampTZ(index, new DuckDBTimestampTZValue(BigInt(ms) * 1000n));
  }
  if (value instanceof Uint8Array) return statement.bindBlob(index, value);
  if (isStringList(value)) return statement.bindList(index, listValue(value), VARCHAR_LIST);
  throw parameterError(
    index,
    `unsupported value, ${describe(value)}. Supported: ${SUPPORTED}; ` +
      'serialize anything else (e.g. JSON.stringify) before passing it',
  );
}

/** Replaces all bindings of a (possibly reused) prepared statement with `parameters`. */
export function bindParameters(
  statement: DuckDBPreparedStatement,
  parameters: readonly unknown[],
): void {
  if (statement.parameterCount !== parameters.length) {
    throw new TypeError(
      `Query expects ${statement.parameterCount} parameter(s) but ${parameters.length} were given`,
    );
  }
  statement.clearBindings();
  parameters.forEach((value, i) => {
    bindParameter(statement, i + 1, value);
  });
}
