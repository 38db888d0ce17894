import { RegistryError } from './errors.js';
import {
  type FrozenRunFacts,
  type ModelVersion,
  REGISTRY_SCHEMA_VERSION,
  type RegisteredModel,
} from './schemas.js';

// Pure rules of a model's life: created, given versions, archived. Alias changes: alias-rules.ts.

export interface NewModelFields {
  name: string;
  description: string;
  tags: Record<string, string>;
  by: string;
  protectedAliases: readonly string[];
}

export function newRegisteredModel(fields: NewModelFields, at: string): RegisteredModel {
  return {
    schema_version: REGISTRY_SCHEMA_VERSION,
    name: fields.name,
    description: fields.description,
    tags: fields.tags,
    created_at: at,
    created_by: fields.by,
    archived: false,
    archived_at: null,
    archived_by: null,
    versions: [],
    aliases: {},
    protected_aliases: [...fields.protectedAliases],
    history: [],
  };
}

export interface NewVersionFields {
  runId: string;
  source: string;
  description: string;
  by: string;
  frozen: FrozenRunFacts;
}

/** The model with one more version, numbered after the last one. */
export function withNewVersion(
  model: RegisteredModel,
  fields: NewVersionFields,
  at: string,
): { next: RegisteredModel; version: ModelVersion } {
  if (model.archived) throw new RegistryError('MODEL_ARCHIVED', { modelName: model.name });
  const version: ModelVersion = {
    version: model.versions.length + 1,
    run_id: fields.runId,
    source: fields.source,
    description: fields.description,
    created_at: at,
    created_by: fields.by,
    frozen: fields.frozen,
  };
  return { next: { ...model, versions: [...model.versions, version] }, version };
}

/** The model archived by `by`, or null when it already is (archiving twice changes nothing). */
export function withArchived(
  model: RegisteredModel,
  by: string,
  at: string,
): RegisteredModel | null {
  if (model.archived) return null;
  return { ...model, archived: true, archived_at: at, archived_by: by };
}
