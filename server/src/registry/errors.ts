import type { FactsFileError } from '../facts/errors.js';

/** Stable machine-readable codes, one per error class, for GraphQL extensions and the CLI. */
export type RegistryErrorCode =
  | 'INVALID_ARGUMENT'
  | 'INVALID_MODEL_NAME'
  | 'MODEL_NOT_FOUND'
  | 'MODEL_EXISTS'
  | 'MODEL_ARCHIVED'
  | 'MODEL_FILE_INVALID'
  | 'VERSION_NOT_FOUND'
  | 'RUN_NOT_FOUND'
  | 'RUN_UNREADABLE'
  | 'INVALID_ALIAS'
  | 'RESERVED_ALIAS'
  | 'ALIAS_NOT_FOUND'
  | 'ALIAS_CONFLICT'
  | 'REASON_REQUIRED'
  | 'PROTECTED_ALIAS_FORBIDDEN'
  | 'APPEND_ONLY_VIOLATION';

/**
 * Base of every error the registry throws on purpose. Whenever one is thrown, nothing was
 * written. `field` names the offending input field (`model`, `alias`, `expectedVersion`, ...).
 */
export abstract class RegistryError extends Error {
  abstract readonly code: RegistryErrorCode;
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

/** Malformed input not covered by a more specific class (empty `by`, non-string tags, ...). */
export class RegistryValidationError extends RegistryError {
  override name = 'RegistryValidationError';
  readonly code = 'INVALID_ARGUMENT';
}

export class InvalidModelNameError extends RegistryError {
  override name = 'InvalidModelNameError';
  readonly code = 'INVALID_MODEL_NAME';
  constructor(
    readonly modelName: string,
    reason: string,
    field = 'name',
  ) {
    super(
      `${field}: model name ${JSON.stringify(modelName)} is not allowed: ${reason}; use 1 to 200 letters, digits, '_', '-' or '.', not starting with '.'`,
      field,
    );
  }
}

export class ModelNotFoundError extends RegistryError {
  override name = 'ModelNotFoundError';
  readonly code = 'MODEL_NOT_FOUND';
  constructor(
    readonly modelName: string,
    field = 'model',
  ) {
    super(
      `${field}: registered model ${JSON.stringify(modelName)} does not exist; create it first or check the name`,
      field,
    );
  }
}

export class ModelExistsError extends RegistryError {
  override name = 'ModelExistsError';
  readonly code = 'MODEL_EXISTS';
  constructor(
    readonly modelName: string,
    readonly archived: boolean,
  ) {
    const state = archived ? ' (archived; names of archived models stay taken)' : '';
    super(
      `name: registered model ${JSON.stringify(modelName)} already exists${state}; choose another name`,
      'name',
    );
  }
}

export class ModelArchivedError extends RegistryError {
  override name = 'ModelArchivedError';
  readonly code = 'MODEL_ARCHIVED';
  constructor(
    readonly modelName: string,
    field = 'model',
  ) {
    super(
      `${field}: registered model ${JSON.stringify(modelName)} is archived; it can be read with getModel but not changed or resolved`,
      field,
    );
  }
}

/** The model's file exists but cannot be used (bad JSON, schema, broken invariants). */
export class ModelFileInvalidError extends RegistryError {
  override name = 'ModelFileInvalidError';
  readonly code = 'MODEL_FILE_INVALID';
  constructor(
    readonly modelName: string,
    readonly fileError: FactsFileError,
    field = 'model',
  ) {
    super(fileError.message, field);
  }
}

export class VersionNotFoundError extends RegistryError {
  override name = 'VersionNotFoundError';
  readonly code = 'VERSION_NOT_FOUND';
  constructor(
    readonly modelName: string,
    readonly version: number,
    /** Set when the caller referred to a version of another model. */
    readonly ownerModel: string | null = null,
    field = 'version',
  ) {
    super(
      ownerModel !== null && ownerModel !== modelName
        ? `${field}: version ${version} belongs to model ${JSON.stringify(ownerModel)}, not ${JSON.stringify(modelName)}; pass a version of ${JSON.stringify(modelName)}`
        : `${field}: model ${JSON.stringify(modelName)} has no version ${version}; list its versions with getModel`,
      field,
    );
  }
}

export class RegistryRunNotFoundError extends RegistryError {
  override name = 'RegistryRunNotFoundError';
  readonly code = 'RUN_NOT_FOUND';
  constructor(
    readonly runId: string,
    reason: string,
  ) {
    super(
      `runId: run ${JSON.stringify(runId)} not found: ${reason}; register a run that exists`,
      'runId',
    );
  }
}

/** The run exists but its run.json, meta.json or override cannot be read or canonicalized. */
export class RunUnreadableError extends RegistryError {
  override name = 'RunUnreadableError';
  readonly code = 'RUN_UNREADABLE';
  constructor(
    readonly runId: string,
    readonly problems: string[],
  ) {
    super(
      `runId: run ${JSON.stringify(runId)} cannot be registered until its facts are fixed: ${problems.join('; ')}`,
      'runId',
    );
  }
}

export class InvalidAliasError extends RegistryError {
  override name = 'InvalidAliasError';
  readonly code: 'INVALID_ALIAS' | 'RESERVED_ALIAS' = 'INVALID_ALIAS';
  constructor(
    readonly alias: string,
    reason: string,
    field = 'alias',
  ) {
    super(`${field}: alias ${JSON.stringify(alias)} is not allowed: ${reason}`, field);
  }
}

/** `latest` (any case) and `v<digits>` name versions, so they cannot be set as aliases. */
export class ReservedAliasError extends InvalidAliasError {
  override name = 'ReservedAliasError';
  override readonly code = 'RESERVED_ALIAS';
}

export class AliasNotFoundError extends RegistryError {
  override name = 'AliasNotFoundError';
  readonly code = 'ALIAS_NOT_FOUND';
  constructor(
    readonly modelName: string,
    readonly alias: string,
    detail = 'it is not set; set it first or check the name',
  ) {
    super(
      `alias: ${JSON.stringify(alias)} of model ${JSON.stringify(modelName)} names no version: ${detail}`,
      'alias',
    );
  }
}

/** Compare-and-set failed: the alias no longer holds what the caller expected. */
export class AliasConflictError extends RegistryError {
  override name = 'AliasConflictError';
  readonly code = 'ALIAS_CONFLICT';
  constructor(
    readonly modelName: string,
    readonly alias: string,
    readonly expectedVersion: number | null,
    /** The version the alias holds now, or null when it is unset. */
    readonly currentVersion: number | null,
  ) {
    const show = (v: number | null) => (v === null ? 'no version' : `version ${v}`);
    super(
      `expectedVersion: alias ${JSON.stringify(alias)} of model ${JSON.stringify(modelName)} holds ${show(currentVersion)}, not ${show(expectedVersion)} as expected; someone changed it, re-read and retry with expectedVersion ${currentVersion}`,
      'expectedVersion',
    );
  }
}

export class ReasonRequiredError extends RegistryError {
  override name = 'ReasonRequiredError';
  readonly code = 'REASON_REQUIRED';
  constructor(
    readonly modelName: string,
    readonly alias: string,
  ) {
    super(
      `reason: alias ${JSON.stringify(alias)} of model ${JSON.stringify(modelName)} is protected; changing it needs a non-empty reason`,
      'reason',
    );
  }
}

export class ProtectedAliasForbiddenError extends RegistryError {
  override name = 'ProtectedAliasForbiddenError';
  readonly code = 'PROTECTED_ALIAS_FORBIDDEN';
  constructor(
    readonly modelName: string,
    readonly alias: string,
  ) {
    super(
      `alias: alias ${JSON.stringify(alias)} of model ${JSON.stringify(modelName)} is protected and this caller may not change it; use a token with the promote scope`,
      'alias',
    );
  }
}

/** A write would change or drop existing history entries or versions, which are append-only. */
export class AppendOnlyViolationError extends RegistryError {
  override name = 'AppendOnlyViolationError';
  readonly code = 'APPEND_ONLY_VIOLATION';
  constructor(
    readonly modelName: string,
    field: 'history' | 'versions',
    detail: string,
  ) {
    super(
      `${field}: the write to model ${JSON.stringify(modelName)} would rewrite its ${field} (${detail}); ${field} is append-only, so the write was refused`,
      field,
    );
  }
}
