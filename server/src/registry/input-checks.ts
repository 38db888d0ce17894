import { RegistryError } from './errors.js';

const invalid = (message: string, field: string) =>
  new RegistryError('INVALID_ARGUMENT', { message }, field);

/** Size limits on free text, so one call cannot bloat a model file that every read loads. */
export const LIMITS = {
  by: 200,
  description: 10_000,
  reason: 4_000,
  source: 4_096,
  tagKey: 250,
  tagValue: 5_000,
  tags: 100,
} as const;

export function requireText(value: unknown, field: string, max: number): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw invalid(`${field}: must be a non-empty string (got ${show(value)})`, field);
  }
  return checkLength(value, field, max);
}

/** `undefined` and `null` read as the empty string. */
export function optionalText(value: unknown, field: string, max: number): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') {
    throw invalid(`${field}: must be a string (got ${show(value)})`, field);
  }
  return checkLength(value, field, max);
}

/** A reason, trimmed; blank or absent is null. */
export function optionalReason(value: unknown, field = 'reason'): string | null {
  const text = optionalText(value, field, LIMITS.reason).trim();
  return text === '' ? null : text;
}

export function requireTags(value: unknown, field = 'tags'): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw invalid(`${field}: must be an object of string values (got ${show(value)})`, field);
  }
  const entries = Object.entries(value);
  if (entries.length > LIMITS.tags) {
    throw invalid(`${field}: at most ${LIMITS.tags} tags (got ${entries.length})`, field);
  }
  const tags: Record<string, string> = {};
  for (const [key, tag] of entries) {
    requireText(key, `${field} key`, LIMITS.tagKey);
    if (typeof tag !== 'string') {
      throw invalid(`${field}.${key}: must be a string (got ${show(tag)})`, field);
    }
    tags[key] = checkLength(tag, `${field}.${key}`, LIMITS.tagValue);
  }
  return tags;
}

export function requireVersionNumber(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw invalid(`${field}: must be a version number 1, 2, 3... (got ${show(value)})`, field);
  }
  return value;
}

/** `undefined` = do not check; `null` = expect the alias to be unset; a number = expect it. */
export function optionalExpectedVersion(
  value: unknown,
  field = 'expectedVersion',
): number | null | undefined {
  if (value === undefined || value === null) return value;
  return requireVersionNumber(value, field);
}

export function requireBoolean(value: unknown, field: string): boolean {
  if (typeof value !== 'boolean') {
    throw invalid(`${field}: must be true or false (got ${show(value)})`, field);
  }
  return value;
}

function checkLength(value: string, field: string, max: number): string {
  if (value.length > max) {
    throw invalid(`${field}: at most ${max} characters (got ${value.length})`, field);
  }
  if (value.includes('\0')) {
    throw invalid(`${field}: may not contain a NUL character`, field);
  }
  return value;
}

function show(value: unknown): string {
  if (value === undefined) return 'undefined';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
