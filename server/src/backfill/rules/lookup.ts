/** Reading values out of parsed config trees by dotted path; every rule goes through these. */

export interface Found {
  /** The dotted path the value was read from, named in review notes. */
  path: string;
  value: unknown;
}

const splitCache = new Map<string, readonly string[]>();

function segmentsOf(path: string): readonly string[] {
  let segments = splitCache.get(path);
  if (segments === undefined) {
    segments = path.split('.');
    splitCache.set(path, segments);
  }
  return segments;
}

const dotted = new WeakMap<object, boolean>();

function hasDottedKey(record: Record<string, unknown>): boolean {
  let has = dotted.get(record);
  if (has === undefined) {
    has = Object.keys(record).some((k) => k.includes('.'));
    dotted.set(record, has);
  }
  return has;
}

function walk(node: unknown, segments: readonly string[], from: number): unknown {
  if (from === segments.length) return node;
  if (node === null || typeof node !== 'object') return undefined;
  const record = node as Record<string, unknown>;
  const key = segments[from] as string;
  if (Object.hasOwn(record, key)) {
    const value = walk(record[key], segments, from + 1);
    if (value !== undefined) return value;
  }
  // A flat key holding dots (an MLflow param like "data.path"): longest first.
  if (!hasDottedKey(record)) return undefined;
  for (let to = segments.length; to > from + 1; to--) {
    const joined = segments.slice(from, to).join('.');
    if (Object.hasOwn(record, joined)) {
      const value = walk(record[joined], segments, to);
      if (value !== undefined) return value;
    }
  }
  return undefined;
}

/** The value at `path` (`a.b.c`), or undefined; null counts as absent. */
export function valueAt(tree: unknown, path: string): unknown {
  const value = walk(tree, segmentsOf(path), 0);
  return value === null ? undefined : value;
}

/** The first of `paths` that holds a value. */
export function firstAt(tree: unknown, paths: readonly string[]): Found | undefined {
  for (const path of paths) {
    const value = valueAt(tree, path);
    if (value !== undefined) return { path, value };
  }
  return undefined;
}

export function asText(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** Booleans, and their spellings in MLflow params and Python str(): "true", "True", "false". */
export function asBool(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'True') return true;
  if (value === 'false' || value === 'False') return false;
  return undefined;
}

/** Integers, and integer strings as MLflow params store them. */
export function asInt(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : undefined;
  if (typeof value === 'string' && /^-?\d{1,15}$/.test(value.trim())) return Number(value.trim());
  return undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** JSON arrays, and JSON-array strings as MLflow params store them. */
export function asArray(value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string' && value.trim().startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(value);
      return Array.isArray(parsed) ? parsed : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}
