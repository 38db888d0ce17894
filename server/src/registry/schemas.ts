import { z } from 'zod';
import { JsonObject, UtcTimestamp } from '../facts/schemas.js';
import { isSafeRunId } from '../meta/naming.js';
import { modelInvariantProblems } from './model-invariants.js';

/** Written into every model file so the format can evolve with migrations. */
export const REGISTRY_SCHEMA_VERSION = 1;

const VersionNumber = z.number().int().min(1);

/** What a version froze from its run at registration; later run edits never change it. */
export const FrozenRunFacts = z.looseObject({
  meta_hash: z.string().min(1),
  /** The run's canonical meta (a CanonicalMeta, override applied) as it was at registration. */
  meta: JsonObject,
  /** The run's `config` from run.json at registration. */
  config: JsonObject,
  /** Checksums of the run's model artifacts at registration; absent in versions made before artifacts. */
  artifacts: z
    .array(
      z.looseObject({
        path: z.string().min(1),
        kind: z.string(),
        size: z.number().int().min(0),
        sha256: z.string().regex(/^[0-9a-f]{64}$/),
      }),
    )
    .optional(),
});
export type FrozenRunFacts = z.infer<typeof FrozenRunFacts>;

export const ModelVersion = z.looseObject({
  version: VersionNumber,
  run_id: z.string().refine(isSafeRunId, 'expected a run id that names a folder under runs/'),
  /** Where the model artifact is (a path or URI), as given at registration. */
  source: z.string().min(1),
  description: z.string(),
  created_at: UtcTimestamp,
  created_by: z.string().min(1),
  frozen: FrozenRunFacts,
});
export type ModelVersion = z.infer<typeof ModelVersion>;

/** One alias change; `from_version` null = the alias was unset, `to_version` null = deleted. */
export const AliasHistoryEntry = z.looseObject({
  at: UtcTimestamp,
  by: z.string().min(1),
  alias: z.string().min(1),
  from_version: VersionNumber.nullable(),
  to_version: VersionNumber.nullable(),
  reason: z.string().nullable(),
});
export type AliasHistoryEntry = z.infer<typeof AliasHistoryEntry>;

/**
 * `registry/models/<name>.json`. Unknown keys are kept so they round-trip through rewrites.
 * Beyond field types, the file must be consistent: versions numbered 1..n, aliases pointing at
 * existing versions, and the aliases equal to a replay of the history.
 */
export const RegisteredModel = z
  .looseObject({
    schema_version: z.literal(REGISTRY_SCHEMA_VERSION),
    name: z.string().min(1),
    description: z.string(),
    tags: z.record(z.string(), z.string()),
    created_at: UtcTimestamp,
    created_by: z.string().min(1),
    archived: z.boolean(),
    archived_at: UtcTimestamp.nullable(),
    archived_by: z.string().min(1).nullable(),
    versions: z.array(ModelVersion),
    aliases: z.record(z.string(), VersionNumber),
    protected_aliases: z.array(z.string()),
    history: z.array(AliasHistoryEntry),
  })
  .superRefine((model, ctx) => {
    for (const { path, message } of modelInvariantProblems(model)) {
      ctx.addIssue({ code: 'custom', path, message, input: model });
    }
  });
export type RegisteredModel = z.infer<typeof RegisteredModel>;
