import { createHash } from 'node:crypto';
import type { CanonicalFields } from './types.js';

const LONE_SURROGATE = /\p{Cs}/u;

/** Orders strings by Unicode code point, as Python's `sorted` does (JS's default is UTF-16 units). */
export function compareCodePoints(a: string, b: string): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const ca = ia.next();
    const cb = ib.next();
    if (ca.done || cb.done) return ca.done ? (cb.done ? 0 : -1) : 1;
    const d = (ca.value.codePointAt(0) ?? 0) - (cb.value.codePointAt(0) ?? 0);
    if (d !== 0) return d;
  }
}

/**
 * JSON with sorted keys, no whitespace and non-ASCII kept: byte-identical to Python's
 * `json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False)` for the values
 * canonical meta can hold (integers, strings, booleans, null, arrays, objects).
 */
export function canonicalJson(value: unknown, path = '$'): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    // Python prints 8.0 as "8.0" while JS cannot tell 8.0 from 8, so floats are refused outright.
    if (!Number.isSafeInteger(value)) {
      throw new TypeError(`${path}: canonical JSON holds integers only, got ${value}`);
    }
    return String(value);
  }
  if (typeof value === 'string') {
    // Python cannot encode a lone surrogate as UTF-8, so no hash could match; refuse it.
    if (LONE_SURROGATE.test(value))
      throw new TypeError(`${path}: string has a lone UTF-16 surrogate`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    return `[${value.map((v, i) => canonicalJson(v, `${path}[${i}]`)).join(',')}]`;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => compareCodePoints(a, b));
    return `{${entries.map(([k, v]) => `${canonicalJson(k)}:${canonicalJson(v, `${path}.${k}`)}`).join(',')}}`;
  }
  throw new TypeError(`${path}: ${typeof value} cannot be written as canonical JSON`);
}

/** The seven hashed fields, nothing else, so extra keys can never change a hash. */
export function hashedFields(fields: CanonicalFields): CanonicalFields {
  return {
    schema_version: fields.schema_version,
    level: fields.level,
    goal: fields.goal,
    dataset_name: fields.dataset_name,
    model_family: fields.model_family,
    process_groups: fields.process_groups,
    datatreatment: fields.datatreatment,
  };
}

/** `"sha1:"` + the hex SHA-1 of the canonical JSON of the hashed fields. */
export function metaHash(fields: CanonicalFields): string {
  const json = canonicalJson(hashedFields(fields));
  return `sha1:${createHash('sha1').update(json, 'utf8').digest('hex')}`;
}
