import { createHash } from 'node:crypto';
import { MLFLOW_LIMITS } from './limits.js';

/** Characters MLflow allows in param, metric and tag keys on POSIX servers. */
const BAD_KEY_CHAR = /[^A-Za-z0-9_\-. :/]/g;
const HASH_CHARS = 8;

/** A short stable digest, for state records and for keys and values that had to be shortened. */
export function digest(text: string, chars = 16): string {
  return createHash('sha256').update(text).digest('hex').slice(0, chars);
}

/**
 * MLflow refuses keys that a file system would normalize (`a//b`, `./a`, `a/`, `..a`), since it
 * may store them as file names.
 */
export function isPathLikeKeyBad(key: string): boolean {
  if (key.length === 0 || key.startsWith('/') || key.endsWith('/') || key.startsWith('..')) {
    return true;
  }
  return key.split('/').some((part) => part === '' || part === '.' || part === '..');
}

/**
 * The MLflow key for a runfacts key: unchanged when MLflow accepts it; otherwise bad characters
 * become `_`, path-like forms are flattened, and `_<hash of the original>` is appended so two
 * different keys never meet, shortened to the 250-character limit the same way.
 */
export function mlflowKey(key: string, maxChars: number = MLFLOW_LIMITS.keyChars): string {
  let safe = key.replace(BAD_KEY_CHAR, '_');
  if (isPathLikeKeyBad(safe)) {
    safe = safe.replaceAll('/', '_').replace(/^\.+/, (dots) => '_'.repeat(dots.length));
    if (safe.length === 0) safe = '_';
  }
  if (safe === key && key.length <= maxChars) return key;
  const suffix = `_${digest(key, HASH_CHARS)}`;
  return `${safe.slice(0, maxChars - suffix.length)}${suffix}`;
}

/**
 * `value` cut to `maxChars` when longer, ending in a marker with a digest of the whole value, so
 * a change past the cut still changes what MLflow shows.
 */
export function truncateValue(value: string, maxChars: number): string {
  if (value.length <= maxChars) return value;
  const marker = `...[truncated ${value.length} chars, sha256:${digest(value)}]`;
  let head = value.slice(0, Math.max(0, maxChars - marker.length));
  // Never end on half of a surrogate pair: that would not encode as UTF-8.
  if (/[\uD800-\uDBFF]$/.test(head)) head = head.slice(0, -1);
  return `${head}${marker}`.slice(0, maxChars);
}
