import { RegistryError } from './errors.js';
import {
  LIMITS,
  optionalExpectedVersion,
  optionalReason,
  optionalText,
  requireBoolean,
  requireTags,
  requireText,
  requireVersionNumber,
} from './input-checks.js';
import { assertAliasName, assertModelName } from './names.js';
import type { AliasChangeRequest, NewModelFields, NewVersionFields, VersionRef } from './rules.js';
import type {
  ArchiveModelInput,
  CreateModelInput,
  CreateVersionInput,
  DeleteAliasInput,
  SetAliasInput,
} from './store-types.js';

/** The actor recorded for changes made without a token. */
export const LOCAL_ACTOR = 'local';

/** Checks every field of a call before any file is touched; these throw typed errors. */
export function newModelFields(
  input: CreateModelInput,
  defaultProtected: readonly string[],
): NewModelFields {
  assertModelName(input.name, 'name');
  const aliases = input.protectedAliases ?? defaultProtected;
  if (!Array.isArray(aliases)) {
    const message = 'protectedAliases: must be a list of alias names';
    throw new RegistryError('INVALID_ARGUMENT', { message }, 'protectedAliases');
  }
  for (const [i, alias] of aliases.entries()) assertAliasName(alias, `protectedAliases[${i}]`);
  return {
    name: input.name,
    description: optionalText(input.description, 'description', LIMITS.description),
    tags: requireTags(input.tags),
    by: requireText(input.by ?? LOCAL_ACTOR, 'by', LIMITS.by),
    protectedAliases: [...new Set(aliases)],
  };
}

export function newVersionFields(input: CreateVersionInput): Omit<NewVersionFields, 'frozen'> {
  assertModelName(input.model, 'model');
  return {
    runId: requireText(input.runId, 'runId', 200),
    source: requireText(input.source, 'source', LIMITS.source),
    description: optionalText(input.description, 'description', LIMITS.description),
    by: requireText(input.by, 'by', LIMITS.by),
  };
}

export function setAliasRequest(input: SetAliasInput): AliasChangeRequest {
  return aliasChangeRequest(input, () => versionInput(input.version));
}

export function deleteAliasRequest(input: DeleteAliasInput): AliasChangeRequest {
  return aliasChangeRequest(input, () => null);
}

function aliasChangeRequest(
  input: SetAliasInput | DeleteAliasInput,
  target: () => number | VersionRef | null,
): AliasChangeRequest {
  assertModelName(input.model, 'model');
  assertAliasName(input.alias);
  return {
    alias: input.alias,
    to: target(),
    expectedVersion: optionalExpectedVersion(input.expectedVersion),
    reason: optionalReason(input.reason),
    by: requireText(input.by, 'by', LIMITS.by),
    canChangeProtected: requireBoolean(input.canChangeProtected, 'canChangeProtected'),
  };
}

/** The `by` of an archive call, after checking its model name. */
export function archiveActor(input: ArchiveModelInput): string {
  assertModelName(input.name, 'name');
  return requireText(input.by, 'by', LIMITS.by);
}

/** A version number, or a `{ model, version }` reference checked against the model later. */
function versionInput(version: unknown): number | VersionRef {
  if (typeof version === 'object' && version !== null && !Array.isArray(version)) {
    const ref = version as Partial<VersionRef>;
    assertModelName(ref.model, 'version.model');
    return { model: ref.model, version: requireVersionNumber(ref.version, 'version.version') };
  }
  return requireVersionNumber(version, 'version');
}

/** Reserved names are fine to resolve, so only the type is checked before the lookup. */
export function assertAliasText(alias: unknown): asserts alias is string {
  if (typeof alias !== 'string' || alias === '') {
    const reason = 'it must be a non-empty string';
    throw new RegistryError('INVALID_ALIAS', { alias: String(alias), reason });
  }
}
