/** Reading values out of parsed config trees by dotted path; every rule goes through these. */

export interface Found {
  /** The dotted path the value was read from, named in review notes. */
  path: string;
  value: unknown;
}

function walk(node: unknown, segments: readonly string[]): unknown {
  if (segments.length === 0) return node;
  if (node === null || typeof node !== 'object') return undefined;
  const record = node as Record<string, unknown>;
  // Longest key first, so a flat key holding dots (an MLflow param like "data.path") is found too.
  for (let k = segments.length; k >= 1; k--) {
    const key = segments.slice(0, k).join('.');
    if (Object.hasOwn(record, key)) {
      const value = walk(record[key], segments.slice(k));
      if (value !== undefined) return value;
    }
  }
  return undefined;
}

/** The value at `path` (`a.b.c`), or undefined; null counts as absent. */
export function valueAt(tree: unknown, path: string): unknown {
  const value = walk(tree, path.split('.'));
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
