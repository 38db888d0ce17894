import type { VersionRef } from './api-types.js';
import { AliasConflictError, RegistryError } from './errors.js';
import {
  assertAliasName,
  isLatestAlias,
  isProtectedAlias,
  versionOfVersionAlias,
} from './names.js';
import type { AliasHistoryEntry, ModelVersion, RegisteredModel } from './schemas.js';

// Pure rules of aliases: which changes are allowed, and which version an alias names.

export interface AliasChangeRequest {
  alias: string;
  /** The version to point the alias at, or null to delete it. */
  to: number | VersionRef | null;
  /** undefined = not checked; null = the alias must be unset now; n = it must hold n now. */
  expectedVersion: number | null | undefined;
  reason: string | null;
  by: string;
  canChangeProtected: boolean;
}

/** `next` is null when the alias already holds the target: nothing to write or record. */
export interface AliasChangePlan {
  next: RegisteredModel | null;
  entry: AliasHistoryEntry | null;
}

/**
 * Checks an alias change against the model and returns the model after it, with one history
 * entry appended. Throws a typed error for the first rule the change breaks.
 */
export function planAliasChange(
  model: RegisteredModel,
  request: AliasChangeRequest,
  at: string,
): AliasChangePlan {
  const { alias } = request;
  const modelName = model.name;
  if (model.archived) throw new RegistryError('MODEL_ARCHIVED', { modelName });
  assertAliasName(alias);
  const to = request.to === null ? null : existingVersion(model, request.to).version;
  if (isProtectedAlias(model.protected_aliases, alias)) {
    if (!request.canChangeProtected) {
      throw new RegistryError('PROTECTED_ALIAS_FORBIDDEN', { modelName, alias });
    }
    if (request.reason === null) throw new RegistryError('REASON_REQUIRED', { modelName, alias });
  }
  const current = model.aliases[alias] ?? null;
  if (request.expectedVersion !== undefined && request.expectedVersion !== current) {
    const expectedVersion = request.expectedVersion;
    throw new AliasConflictError({ modelName, alias, expectedVersion, currentVersion: current });
  }
  if (to === null && current === null) {
    throw new RegistryError('ALIAS_NOT_FOUND', { modelName, alias });
  }
  if (to === current) return { next: null, entry: null };
  const entry: AliasHistoryEntry = {
    at,
    by: request.by,
    alias,
    from_version: current,
    to_version: to,
    reason: request.reason,
  };
  const aliases = { ...model.aliases };
  if (to === null) delete aliases[alias];
  else aliases[alias] = to;
  return { next: { ...model, aliases, history: [...model.history, entry] }, entry };
}

export function existingVersion(
  model: RegisteredModel,
  ref: number | VersionRef,
  field = 'version',
): ModelVersion {
  const version = typeof ref === 'number' ? ref : ref.version;
  const other = typeof ref !== 'number' && ref.model !== model.name ? ref.model : null;
  const found = model.versions[version - 1];
  if (other !== null || found?.version !== version) {
    const details = { modelName: model.name, version, ownerModel: other };
    throw new RegistryError('VERSION_NOT_FOUND', details, field);
  }
  return found;
}

/**
 * The version an alias names: `latest` (any case) the newest, `v3` version 3, anything else
 * the version the alias holds. Archived models resolve nothing.
 */
export function versionForAlias(model: RegisteredModel, alias: string): ModelVersion {
  const modelName = model.name;
  if (model.archived) throw new RegistryError('MODEL_ARCHIVED', { modelName });
  if (isLatestAlias(alias)) {
    const newest = model.versions.at(-1);
    if (newest === undefined) {
      const detail = 'the model has no versions yet; register one first';
      throw new RegistryError('ALIAS_NOT_FOUND', { modelName, alias, detail });
    }
    return newest;
  }
  const numbered = versionOfVersionAlias(alias);
  if (numbered !== null) return existingVersion(model, numbered, 'alias');
  assertAliasName(alias);
  const holder = model.aliases[alias];
  if (holder === undefined) throw new RegistryError('ALIAS_NOT_FOUND', { modelName, alias });
  return existingVersion(model, holder, 'alias');
}
