import { InvalidInputError } from '../domain-error.js';

const MLFLOW_KEY = /^[A-Za-z0-9_\-. /]+$/;
export const MAX_KEY_LENGTH = 250;
export const MAX_PARAM_VALUE_LENGTH = 6000;
export const MAX_TAG_VALUE_LENGTH = 5000;

/**
 * Metric, param and tag keys follow MLflow's rule, so that every run can be mirrored: letters,
 * digits, `_ - . /` and space, at most 250 characters, and no `..` path segment or leading `/`.
 */
export function checkKey(key: string, field: string): void {
  if (key.length === 0 || key.length > MAX_KEY_LENGTH) {
    throw new InvalidInputError(
      `key must be 1 to ${MAX_KEY_LENGTH} characters, got ${key.length}`,
      field,
    );
  }
  if (!MLFLOW_KEY.test(key)) {
    throw new InvalidInputError(
      `key ${JSON.stringify(key)} may hold only letters, digits, '_', '-', '.', '/' and spaces (MLflow's rule)`,
      field,
    );
  }
  if (key.startsWith('/') || key.split('/').some((part) => part === '..')) {
    throw new InvalidInputError(
      `key ${JSON.stringify(key)} may not start with '/' or contain a '..' segment`,
      field,
    );
  }
}

export function checkFinite(value: number, field: string): void {
  if (!Number.isFinite(value)) {
    throw new InvalidInputError(
      `value must be a finite number, got ${value}; NaN and infinities cannot be stored`,
      field,
    );
  }
}

export function checkText(value: string, max: number, field: string): void {
  if (value.length > max) {
    throw new InvalidInputError(`value is ${value.length} characters; at most ${max}`, field);
  }
}

/** Checks a nested summary-metrics object: MLflow keys once flattened, finite numbers only. */
export function checkSummary(value: unknown, field: string, prefix = ''): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidInputError('must be an object of numbers (nesting allowed)', field);
  }
  for (const [key, v] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof v === 'number') {
      checkKey(path, `${field}.${path}`);
      checkFinite(v, `${field}.${path}`);
    } else if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
      checkSummary(v, field, path);
    } else {
      throw new InvalidInputError(
        `must be a number or an object of numbers, got ${JSON.stringify(v)}`,
        `${field}.${path}`,
      );
    }
  }
}
