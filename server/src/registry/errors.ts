import { DomainError } from '../domain-error.js';
import type { FactsFileError } from '../facts/errors.js';

const q = (text: string) => JSON.stringify(text);
const held = (v: number | null) => (v === null ? 'no version' : `version ${v}`);

/**
 * Every refusal of the registry, by its stable code: the input field it blames unless the
 * thrower names another, and its message (what, where, how to fix), given the error's details.
 */
const REGISTRY_ERRORS = {
  /** Malformed input not covered by a more specific code (empty `by`, non-string tags, ...). */
  INVALID_ARGUMENT: { field: 'input', message: (d: { message: string }) => d.message },
  INVALID_MODEL_NAME: {
    field: 'name',
    message: (d: { modelName: string; reason: string }, f: string) =>
      `${f}: model name ${q(d.modelName)} is not allowed: ${d.reason}; use 1 to 200 letters, digits, '_', '-' or '.', not starting with '.'`,
  },
  MODEL_NOT_FOUND: {
    field: 'model',
    message: (d: { modelName: string }, f: string) =>
      `${f}: registered model ${q(d.modelName)} does not exist; create it first or check the name`,
  },
  MODEL_EXISTS: {
    field: 'name',
    message: (d: { modelName: string; archived: boolean }, f: string) =>
      `${f}: registered model ${q(d.modelName)} already exists${d.archived ? ' (archived; names of archived models stay taken)' : ''}; choose another name`,
  },
  MODEL_ARCHIVED: {
    field: 'model',
    message: (d: { modelName: string }, f: string) =>
      `${f}: registered model ${q(d.modelName)} is archived; it can be read with getModel but not changed or resolved`,
  },
  /** The model's file exists but cannot be used (bad JSON, schema, broken invariants). */
  MODEL_FILE_INVALID: {
    field: 'model',
    message: (d: { modelName: string; fileError: FactsFileError }) => d.fileError.message,
  },
  /** `ownerModel` is set when the caller referred to a version of another model. */
  VERSION_NOT_FOUND: {
    field: 'version',
    message: (d: { modelName: string; version: number; ownerModel: string | null }, f: string) =>
      d.ownerModel !== null && d.ownerModel !== d.modelName
        ? `${f}: version ${d.version} belongs to model ${q(d.ownerModel)}, not ${q(d.modelName)}; pass a version of ${q(d.modelName)}`
        : `${f}: model ${q(d.modelName)} has no version ${d.version}; list its versions with getModel`,
  },
  RUN_NOT_FOUND: {
    field: 'runId',
    message: (d: { runId: string; reason: string }, f: string) =>
      `${f}: run ${q(d.runId)} not found: ${d.reason}; register a run that exists`,
  },
  /** The run exists but its run.json, meta.json or override cannot be read or canonicalized. */
  RUN_UNREADABLE: {
    field: 'runId',
    message: (d: { runId: string; problems: string[] }, f: string) =>
      `${f}: run ${q(d.runId)} cannot be registered until its facts are fixed: ${d.problems.join('; ')}`,
  },
  INVALID_ALIAS: { field: 'alias', message: aliasNotAllowed },
  /** `latest` (any case) and `v<digits>` name versions, so they cannot be set as aliases. */
  RESERVED_ALIAS: { field: 'alias', message: aliasNotAllowed },
  ALIAS_NOT_FOUND: {
    field: 'alias',
    message: (d: { modelName: string; alias: string; detail?: string }, f: string) =>
      `${f}: ${q(d.alias)} of model ${q(d.modelName)} names no version: ${d.detail ?? 'it is not set; set it first or check the name'}`,
  },
  /** Compare-and-set failed: the alias no longer holds what the caller expected. */
  ALIAS_CONFLICT: {
    field: 'expectedVersion',
    message: (d: AliasConflict, f: string) =>
      `${f}: alias ${q(d.alias)} of model ${q(d.modelName)} holds ${held(d.currentVersion)}, not ${held(d.expectedVersion)} as expected; someone changed it, re-read and retry with expectedVersion ${d.currentVersion}`,
  },
  REASON_REQUIRED: {
    field: 'reason',
    message: (d: { modelName: string; alias: string }, f: string) =>
      `${f}: alias ${q(d.alias)} of model ${q(d.modelName)} is protected; changing it needs a non-empty reason`,
  },
  PROTECTED_ALIAS_FORBIDDEN: {
    field: 'alias',
    message: (d: { modelName: string; alias: string }, f: string) =>
      `${f}: alias ${q(d.alias)} of model ${q(d.modelName)} is protected and this caller may not change it; use a token with the promote scope`,
  },
  /** A write would change or drop existing history entries or versions, which are append-only. */
  APPEND_ONLY_VIOLATION: {
    field: 'versions',
    message: (d: { modelName: string; detail: string }, f: string) =>
      `${f}: the write to model ${q(d.modelName)} would rewrite its ${f} (${d.detail}); ${f} is append-only, so the write was refused`,
  },
};

function aliasNotAllowed(d: { alias: string; reason: string }, f: string): string {
  return `${f}: alias ${q(d.alias)} is not allowed: ${d.reason}`;
}

interface AliasConflict {
  modelName: string;
  alias: string;
  expectedVersion: number | null;
  /** The version the alias holds now, or null when it is unset. */
  currentVersion: number | null;
}

/** Stable machine-readable codes, for GraphQL (`RegistryError.code`) and the CLI. */
export type RegistryErrorCode = keyof typeof REGISTRY_ERRORS;
export type RegistryErrorDetails<C extends RegistryErrorCode> = Parameters<
  (typeof REGISTRY_ERRORS)[C]['message']
>[0];

/**
 * Every error the registry throws on purpose; whenever one is thrown, nothing was written.
 * `field` names the offending input field (`model`, `alias`, `expectedVersion`, ...).
 * ALIAS_CONFLICT is thrown as its subclass AliasConflictError, a GraphQL type of its own.
 */
export class RegistryError<C extends RegistryErrorCode = RegistryErrorCode> extends DomainError {
  override name = 'RegistryError';
  declare readonly field: string;
  constructor(
    readonly code: C,
    readonly details: RegistryErrorDetails<C>,
    field: string = REGISTRY_ERRORS[code].field,
  ) {
    const message = REGISTRY_ERRORS[code].message as (d: typeof details, f: string) => string;
    super(message(details, field), field);
  }

  override get extensions(): Record<string, unknown> {
    return { registryCode: this.code };
  }
}

/** Compare-and-set failed: the alias no longer holds what the caller expected. */
export class AliasConflictError extends RegistryError<'ALIAS_CONFLICT'> {
  override name = 'AliasConflictError';
  readonly expectedVersion: number | null;
  readonly currentVersion: number | null;
  constructor(details: AliasConflict) {
    super('ALIAS_CONFLICT', details);
    this.expectedVersion = details.expectedVersion;
    this.currentVersion = details.currentVersion;
  }
}

/** True when `error` is a RegistryError with this code, with its details typed. */
export function isRegistryError<C extends RegistryErrorCode>(
  error: unknown,
  code: C,
): error is RegistryError<C> {
  return error instanceof RegistryError && error.code === code;
}
