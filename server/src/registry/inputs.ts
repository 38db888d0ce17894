import { z } from 'zod';
import type { AliasChangeRequest } from './alias-rules.js';
import type {
  ArchiveModelInput,
  CreateModelInput,
  CreateVersionInput,
  DeleteAliasInput,
  SetAliasInput,
  VersionRef,
} from './api-types.js';
import { RegistryError } from './errors.js';
import {
  boolean,
  LIMITS,
  optionalText,
  parse,
  reason,
  requiredText,
  tags,
  versionNumber,
} from './input-fields.js';
import type { NewModelFields, NewVersionFields } from './model-rules.js';
import { assertAliasName, assertModelName } from './names.js';

/** The actor recorded for changes made without a token. */
export const LOCAL_ACTOR = 'local';

// Zod schemas of the plain fields of each call; names and aliases have their own codes (names.ts).
const newModel = z.object({
  description: optionalText(LIMITS.description),
  tags,
  by: requiredText(LIMITS.by),
});

const newVersion = z.object({
  runId: requiredText(LIMITS.runId),
  source: requiredText(LIMITS.source),
  description: optionalText(LIMITS.description),
  by: requiredText(LIMITS.by),
});

const aliasChange = z.object({
  /** `undefined` = do not check; `null` = expect the alias to be unset; a number = expect it. */
  expectedVersion: versionNumber.nullish(),
  reason,
  by: requiredText(LIMITS.by),
  canChangeProtected: boolean,
});

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
    ...parse(newModel, { ...input, by: input.by ?? LOCAL_ACTOR }),
    protectedAliases: [...new Set(aliases)],
  };
}

export function newVersionFields(input: CreateVersionInput): Omit<NewVersionFields, 'frozen'> {
  assertModelName(input.model, 'model');
  return parse(newVersion, input);
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
  const to = target();
  const { expectedVersion, ...rest } = parse(aliasChange, input);
  return { alias: input.alias, to, expectedVersion, ...rest };
}

/** The `by` of an archive call, after checking its model name. */
export function archiveActor(input: ArchiveModelInput): string {
  assertModelName(input.name, 'name');
  return parse(requiredText(LIMITS.by), input.by, 'by');
}

/** A version number, or a `{ model, version }` reference checked against the model later. */
function versionInput(version: unknown): number | VersionRef {
  if (typeof version === 'object' && version !== null && !Array.isArray(version)) {
    const ref = version as Partial<VersionRef>;
    assertModelName(ref.model, 'version.model');
    return { model: ref.model, version: parse(versionNumber, ref.version, 'version.version') };
  }
  return parse(versionNumber, version, 'version');
}

/** Reserved names are fine to resolve, so only the type is checked before the lookup. */
export function assertAliasText(alias: unknown): asserts alias is string {
  if (typeof alias !== 'string' || alias === '') {
    const reason = 'it must be a non-empty string';
    throw new RegistryError('INVALID_ALIAS', { alias: String(alias), reason });
  }
}
