import {
  DuckDBArrayValue,
  DuckDBBitValue,
  DuckDBBlobValue,
  type DuckDBDataChunk,
  DuckDBDateValue,
  DuckDBDecimalValue,
  DuckDBGeometryValue,
  DuckDBIntervalValue,
  DuckDBListValue,
  DuckDBMapValue,
  DuckDBStructValue,
  DuckDBTimeNSValue,
  DuckDBTimestampMillisecondsValue,
  DuckDBTimestampNanosecondsValue,
  DuckDBTimestampSecondsValue,
  DuckDBTimestampTZValue,
  DuckDBTimestampValue,
  DuckDBTimeTZValue,
  DuckDBTimeValue,
  type DuckDBType,
  DuckDBTypeId,
  DuckDBUnionValue,
  DuckDBUUIDValue,
  type DuckDBValue,
  type DuckDBValueConverter,
  DuckDBVariantValue,
} from '@duckdb/node-api';

/** A value as callers of the index see it: JSON-friendly, never a `bigint` or a `Date`. */
export type DbValue = null | boolean | number | string | Buffer | DbValue[] | DbObject;
export interface DbObject {
  [key: string]: DbValue;
}

const MAX_DATE_MS = 8.64e15;
const MS_PER_DAY = 86_400_000;

/** Integers that a double holds exactly become numbers; wider ones exact decimal strings. */
export function numberOrString(value: bigint): number | string {
  return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER)
    ? Number(value)
    : value.toString();
}

function floorDiv(value: bigint, divisor: bigint): bigint {
  const quotient = value / divisor;
  return value % divisor !== 0n && value < 0n ? quotient - 1n : quotient;
}

interface TemporalValue {
  readonly isFinite: boolean;
  toString(): string;
}

/**
 * ISO-8601 UTC with millisecond precision (`2024-01-02T03:04:05.678Z`), the shape of
 * `Date.prototype.toISOString`; sub-millisecond digits are floored away.
 */
function isoTimestamp(epochMs: bigint, value: TemporalValue, infinite: bigint): string {
  if (!value.isFinite) return epochMs === infinite ? 'infinity' : '-infinity';
  const ms = Number(epochMs);
  // Beyond the JS Date range only DuckDB's own text can represent the value.
  return Math.abs(ms) <= MAX_DATE_MS ? new Date(ms).toISOString() : value.toString();
}

function isoDate(value: DuckDBDateValue): string {
  if (!value.isFinite) return value.days > 0 ? 'infinity' : '-infinity';
  const ms = value.days * MS_PER_DAY;
  if (Math.abs(ms) > MAX_DATE_MS) return value.toString();
  const iso = new Date(ms).toISOString();
  return iso.slice(0, iso.indexOf('T'));
}

function unexpected(value: DuckDBValue, type: DuckDBType): Error {
  return new Error(
    `DuckDB returned a ${type.toString()} value this dialect cannot map (${String(value)}); ` +
      'cast it in SQL to VARCHAR, DOUBLE or BIGINT',
  );
}

/**
 * Maps one DuckDB value (with its column type) to a {@link DbValue}.
 *
 * Integers: number within ±MAX_SAFE_INTEGER, else an exact decimal string. DECIMAL: number.
 * TIMESTAMP*: ISO UTC, milliseconds. DATE: `YYYY-MM-DD`. LIST/ARRAY: arrays. STRUCT: objects.
 * MAP: `{ key, value }[]` (keys of any type, order kept). UNION: `{ tag, value }`. UUID, TIME,
 * INTERVAL, BIT: DuckDB's text. BLOB: Buffer.
 */
export function toDbValue(value: DuckDBValue, type: DuckDBType): DbValue {
  if (value === null) return null;
  switch (typeof value) {
    case 'boolean':
    case 'number':
    case 'string':
      return value;
    case 'bigint':
      return numberOrString(value);
  }
  switch (type.typeId) {
    case DuckDBTypeId.TIMESTAMP_TZ:
      if (value instanceof DuckDBTimestampTZValue) {
        const ms = floorDiv(value.micros, 1000n);
        return isoTimestamp(ms, value, floorDiv(DuckDBTimestampTZValue.PosInf.micros, 1000n));
      }
      break;
    case DuckDBTypeId.TIMESTAMP:
      if (value instanceof DuckDBTimestampValue) {
        const ms = floorDiv(value.micros, 1000n);
        return isoTimestamp(ms, value, floorDiv(DuckDBTimestampValue.PosInf.micros, 1000n));
      }
      break;
    case DuckDBTypeId.TIMESTAMP_S:
      if (value instanceof DuckDBTimestampSecondsValue) {
        const inf = DuckDBTimestampSecondsValue.PosInf.seconds * 1000n;
        return isoTimestamp(value.seconds * 1000n, value, inf);
      }
      break;
    case DuckDBTypeId.TIMESTAMP_MS:
      if (value instanceof DuckDBTimestampMillisecondsValue) {
        return isoTimestamp(value.millis, value, DuckDBTimestampMillisecondsValue.PosInf.millis);
      }
      break;
    case DuckDBTypeId.TIMESTAMP_NS:
      if (value instanceof DuckDBTimestampNanosecondsValue) {
        const inf = floorDiv(DuckDBTimestampNanosecondsValue.PosInf.nanos, 1_000_000n);
        return isoTimestamp(floorDiv(value.nanos, 1_000_000n), value, inf);
      }
      break;
    case DuckDBTypeId.DATE:
      if (value instanceof DuckDBDateValue) return isoDate(value);
      break;
    case DuckDBTypeId.DECIMAL:
      if (value instanceof DuckDBDecimalValue) return value.toDouble();
      break;
    case DuckDBTypeId.LIST:
    case DuckDBTypeId.ARRAY:
      if (value instanceof DuckDBListValue || value instanceof DuckDBArrayValue) {
        return value.items.map((item) => toDbValue(item, type.valueType));
      }
      break;
    case DuckDBTypeId.STRUCT:
      if (value instanceof DuckDBStructValue) {
        const object: DbObject = {};
        for (const [name, entry] of Object.entries(value.entries)) {
          object[name] = toDbValue(entry, type.typeForEntry(name));
        }
        return object;
      }
      break;
    case DuckDBTypeId.MAP:
      if (value instanceof DuckDBMapValue) {
        return value.entries.map((entry) => ({
          key: toDbValue(entry.key, type.keyType),
          value: toDbValue(entry.value, type.valueType),
        }));
      }
      break;
    case DuckDBTypeId.UNION:
      if (value instanceof DuckDBUnionValue) {
        return { tag: value.tag, value: toDbValue(value.value, type.memberTypeForTag(value.tag)) };
      }
      break;
    case DuckDBTypeId.BLOB:
    case DuckDBTypeId.GEOMETRY:
      if (value instanceof DuckDBBlobValue || value instanceof DuckDBGeometryValue) {
        return Buffer.from(value.bytes);
      }
      break;
    case DuckDBTypeId.VARIANT:
      if (value instanceof DuckDBVariantValue) return toDbValue(value.value, value.type ?? type);
      break;
    case DuckDBTypeId.UUID:
    case DuckDBTypeId.BIT:
    case DuckDBTypeId.INTERVAL:
    case DuckDBTypeId.TIME:
    case DuckDBTypeId.TIME_TZ:
    case DuckDBTypeId.TIME_NS:
      if (
        value instanceof DuckDBUUIDValue ||
        value instanceof DuckDBBitValue ||
        value instanceof DuckDBIntervalValue ||
        value instanceof DuckDBTimeValue ||
        value instanceof DuckDBTimeTZValue ||
        value instanceof DuckDBTimeNSValue
      ) {
        return value.toString();
      }
      break;
  }
  throw unexpected(value, type);
}

/** The converter handed to `@duckdb/node-api` chunk readers. */
export const dbValueConverter: DuckDBValueConverter<DbValue> = (value, type) =>
  toDbValue(value, type);

/** Appends the chunk's rows, as objects keyed by `columnNames`, to `into`. */
export function pushRowObjects(
  chunk: DuckDBDataChunk,
  columnNames: readonly string[],
  into: Record<string, DbValue>[],
): void {
  for (const values of chunk.convertRows(dbValueConverter)) {
    const row: Record<string, DbValue> = {};
    columnNames.forEach((name, i) => {
      row[name] = values[i] ?? null;
    });
    into.push(row);
  }
}
