import {
  DuckDBTimestampTZValue,
  type DuckDBType,
  DuckDBTypeId,
  type DuckDBValue,
  listValue,
} from '@duckdb/node-api';

/** Column types the bulk appender writes. */
export type AppendColumnType =
  | 'VARCHAR'
  | 'DOUBLE'
  | 'INTEGER'
  | 'BIGINT'
  | 'BOOLEAN'
  | 'TIMESTAMPTZ'
  | 'VARCHAR[]';

/**
 * One value to append. `null` is NULL in any column. TIMESTAMPTZ takes a `Date` or an ISO-8601
 * string with an explicit `Z` or offset (stored with millisecond precision); BIGINT takes a
 * safe-integer number or a bigint; VARCHAR[] takes an array of strings and nulls.
 */
export type AppendValue =
  | string
  | number
  | bigint
  | boolean
  | Date
  | readonly (string | null)[]
  | null;

export type ToDuckDbValue = (value: AppendValue) => DuckDBValue;

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const ZONED_ISO = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)$/i;

/** Thrown by a converter; the appender adds the table, row and column. */
export class AppendValueError extends Error {}

function show(value: AppendValue): string {
  if (typeof value === 'string') return `${JSON.stringify(value.slice(0, 60))} (string)`;
  if (value instanceof Date) return `${value.toString()} (Date)`;
  if (Array.isArray(value)) return 'an array';
  return `${String(value)} (${typeof value})`;
}

function fail(expected: string, value: AppendValue): never {
  throw new AppendValueError(`expected ${expected}, got ${show(value)}`);
}

function epochMillis(value: AppendValue): number {
  if (value instanceof Date) {
    const ms = value.getTime();
    return Number.isNaN(ms) ? fail('a valid Date', value) : ms;
  }
  if (typeof value === 'string' && ZONED_ISO.test(value)) {
    const ms = Date.parse(value.replace(' ', 'T'));
    if (!Number.isNaN(ms)) return ms;
  }
  return fail('a Date or an ISO-8601 string ending in Z or a UTC offset', value);
}

const converters: Record<AppendColumnType, ToDuckDbValue> = {
  VARCHAR: (value) => (typeof value === 'string' ? value : fail('a string', value)),
  DOUBLE: (value) => (typeof value === 'number' ? value : fail('a number', value)),
  INTEGER: (value) =>
    typeof value === 'number' && Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX
      ? value
      : fail('an integer within 32 bits', value),
  BIGINT: (value) => {
    if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
    if (typeof value === 'bigint' && value >= INT64_MIN && value <= INT64_MAX) return value;
    return fail('a safe-integer number or a bigint within 64 bits', value);
  },
  BOOLEAN: (value) => (typeof value === 'boolean' ? value : fail('a boolean', value)),
  TIMESTAMPTZ: (value) => new DuckDBTimestampTZValue(BigInt(epochMillis(value)) * 1000n),
  'VARCHAR[]': (value) =>
    Array.isArray(value) && value.every((item) => item === null || typeof item === 'string')
      ? listValue(value)
      : fail('an array of strings (or nulls)', value),
};

/** The appendable type of a table column, or undefined when the appender cannot write it. */
export function appendColumnType(type: DuckDBType): AppendColumnType | undefined {
  switch (type.typeId) {
    case DuckDBTypeId.VARCHAR:
      return 'VARCHAR';
    case DuckDBTypeId.DOUBLE:
      return 'DOUBLE';
    case DuckDBTypeId.INTEGER:
      return 'INTEGER';
    case DuckDBTypeId.BIGINT:
      return 'BIGINT';
    case DuckDBTypeId.BOOLEAN:
      return 'BOOLEAN';
    case DuckDBTypeId.TIMESTAMP_TZ:
      return 'TIMESTAMPTZ';
    case DuckDBTypeId.LIST:
      return type.valueType.typeId === DuckDBTypeId.VARCHAR ? 'VARCHAR[]' : undefined;
    default:
      return undefined;
  }
}

/** Validating converter for a column type; NULL passes through for every type. */
export function toDuckDbValueFor(type: AppendColumnType): ToDuckDbValue {
  const convert = converters[type];
  return (value) => (value === null ? null : convert(value));
}
