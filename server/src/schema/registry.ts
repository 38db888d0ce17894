import type { CanonicalMeta } from '../meta/index.js';
import {
  AliasConflictError,
  type AliasHistoryEntry,
  type ModelVersion,
  type RegisteredModel,
  RegistryError,
} from '../registry/index.js';
import { builder } from './builder.js';
import { ErrorInterface } from './errors.js';
import { CanonicalMetaRef } from './meta.js';
import { RunRef } from './run.js';

builder.objectType(RegistryError, {
  name: 'RegistryError',
  description: 'A registry rule refused the call (see code); nothing was written.',
  interfaces: [ErrorInterface],
  isTypeOf: (v) => v instanceof RegistryError && !(v instanceof AliasConflictError),
  fields: (t) => ({ code: t.string({ resolve: (x) => x.code }) }),
});

builder.objectType(AliasConflictError, {
  name: 'AliasConflictError',
  description:
    'The alias moved since the caller read it (expectedVersion is stale); nothing was written.',
  interfaces: [ErrorInterface],
  isTypeOf: (v) => v instanceof AliasConflictError,
  fields: (t) => ({
    currentVersion: t.int({ nullable: true, resolve: (e) => e.currentVersion }),
    expectedVersion: t.int({ nullable: true, resolve: (e) => e.expectedVersion }),
  }),
});

const REGISTRY_ERRORS = [AliasConflictError, RegistryError];

type VersionOf = ModelVersion & { model: string; aliases: string[] };
const versionsOf = (m: RegisteredModel): VersionOf[] =>
  m.versions.map((v) => ({
    ...v,
    model: m.name,
    aliases: Object.entries(m.aliases)
      .filter(([, n]) => n === v.version)
      .map(([a]) => a)
      .sort(),
  }));

const PromotionEvent = builder.objectRef<AliasHistoryEntry>('PromotionEvent').implement({
  description:
    'One alias change, append-only: when, who, which alias, from and to which version, why.',
  fields: (t) => ({
    at: t.field({ type: 'DateTime', resolve: (e) => e.at }),
    by: t.string({ resolve: (x) => x.by }),
    alias: t.string({ resolve: (x) => x.alias }),
    fromVersion: t.int({ nullable: true, resolve: (x) => x.from_version }),
    toVersion: t.int({ nullable: true, resolve: (x) => x.to_version }),
    reason: t.string({ nullable: true, resolve: (x) => x.reason }),
  }),
});

export const ModelVersionRef = builder.objectRef<VersionOf>('ModelVersion').implement({
  fields: (t) => ({
    model: t.string({ resolve: (x) => x.model }),
    version: t.int({ resolve: (x) => x.version }),
    source: t.string({ description: 'Where the model artifact is.', resolve: (x) => x.source }),
    description: t.string({ resolve: (x) => x.description }),
    createdAt: t.field({ type: 'DateTime', resolve: (v) => v.created_at }),
    createdBy: t.string({ resolve: (x) => x.created_by }),
    aliases: t.stringList({ resolve: (x) => x.aliases }),
    runId: t.id({ resolve: (x) => x.run_id }),
    run: t.field({
      type: RunRef,
      nullable: true,
      description: 'The run as it is now, with its full facts.',
      resolve: (v, _, ctx) => ctx.loaders.run.load(v.run_id),
    }),
    metaHash: t.string({
      description: 'meta_hash frozen at registration.',
      resolve: (v) => v.frozen.meta_hash,
    }),
    meta: t.field({
      authScopes: { read: true },
      nullable: true,
      type: CanonicalMetaRef,
      description:
        "The run's canonical meta frozen at registration; later overrides do not change it. Needs read (null with a FORBIDDEN error otherwise).",
      resolve: (v) => v.frozen.meta as unknown as CanonicalMeta,
    }),
    config: t.field({
      authScopes: { read: true },
      nullable: true,
      type: 'JSON',
      description: "The run's config frozen at registration. Needs read.",
      resolve: (v) => v.frozen.config,
    }),
    metaChanged: t.boolean({
      description: "True when the run's current meta_hash differs from the frozen one.",
      resolve: async (v, _, ctx) => {
        const run = await ctx.loaders.run.load(v.run_id);
        return run !== null && run.meta_hash !== v.frozen.meta_hash;
      },
    }),
  }),
});

const ModelAlias = builder.simpleObject('ModelAlias', {
  fields: (t) => ({ alias: t.string(), version: t.int(), protected: t.boolean() }),
});

const RegisteredModelRef = builder.objectRef<RegisteredModel>('RegisteredModel').implement({
  fields: (t) => ({
    name: t.string({ resolve: (x) => x.name }),
    description: t.string({ resolve: (x) => x.description }),
    tags: t.field({
      type: 'JSON',
      resolve: (m) => m.tags,
    }),
    createdAt: t.field({ type: 'DateTime', resolve: (m) => m.created_at }),
    createdBy: t.string({ resolve: (x) => x.created_by }),
    archived: t.boolean({ resolve: (x) => x.archived }),
    protectedAliases: t.stringList({ resolve: (x) => x.protected_aliases }),
    versions: t.field({ type: [ModelVersionRef], resolve: versionsOf }),
    latestVersion: t.field({
      type: ModelVersionRef,
      nullable: true,
      resolve: (m) => versionsOf(m).at(-1) ?? null,
    }),
    aliases: t.field({
      type: [ModelAlias],
      resolve: (m) =>
        Object.entries(m.aliases)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([alias, version]) => ({
            alias,
            version,
            protected: m.protected_aliases.some((p) => p.toLowerCase() === alias.toLowerCase()),
          })),
    }),
    history: t.field({
      type: [PromotionEvent],
      description: 'Every alias change, oldest first.',
      resolve: (m) => m.history,
    }),
  }),
});

builder.queryFields((t) => ({
  registeredModels: t.field({
    type: [RegisteredModelRef],
    args: { includeArchived: t.arg.boolean({ defaultValue: false }) },
    resolve: async (_, args, ctx) =>
      (await ctx.registry.listModels({ includeArchived: args.includeArchived ?? false })).models,
  }),
  registeredModel: t.field({
    type: RegisteredModelRef,
    nullable: true,
    args: { name: t.arg.string({ required: true }) },
    resolve: (_, { name }, ctx) => ctx.registry.findModel(name),
  }),
  modelVersionByAlias: t.field({
    type: ModelVersionRef,
    description:
      'The one call an inference pipeline makes: e.g. (model: "x", alias: "Production"); latest and v3 work too.',
    errors: {
      types: REGISTRY_ERRORS,
      directResult: true,
      union: { name: 'ModelVersionByAliasResult' },
    },
    args: { model: t.arg.string({ required: true }), alias: t.arg.string({ required: true }) },
    resolve: async (_, { model, alias }, ctx) => {
      const version = await ctx.registry.resolveAlias(model, alias);
      const m = await ctx.registry.getModel(model);
      return versionsOf(m).find((v) => v.version === version.version) as VersionOf;
    },
  }),
}));

const ModelPayload = builder.objectRef<RegisteredModel>('RegisteredModelPayload').implement({
  fields: (t) => ({ model: t.field({ type: RegisteredModelRef, resolve: (m) => m }) }),
});
const VersionPayload = builder.objectRef<VersionOf>('ModelVersionPayload').implement({
  fields: (t) => ({ version: t.field({ type: ModelVersionRef, resolve: (v) => v }) }),
});
const AliasPayload = builder
  .objectRef<{ model: RegisteredModel; entry: AliasHistoryEntry | null }>('AliasChangePayload')
  .implement({
    fields: (t) => ({
      model: t.field({ type: RegisteredModelRef, resolve: (c) => c.model }),
      change: t.field({
        type: PromotionEvent,
        nullable: true,
        description: 'The history entry written; null when the alias already held that version.',
        resolve: (c) => c.entry,
      }),
    }),
  });

const errors = (name: string) => ({
  types: REGISTRY_ERRORS,
  directResult: true as const,
  union: { name },
});

builder.mutationFields((t) => ({
  createRegisteredModel: t.field({
    type: ModelPayload,
    errors: errors('CreateRegisteredModelResult'),
    args: {
      name: t.arg.string({ required: true }),
      description: t.arg.string(),
      tags: t.arg({ type: 'JSON', description: 'An object of string values.' }),
    },
    resolve: (_, args, ctx) =>
      ctx.registry.createRegisteredModel({
        name: args.name,
        description: args.description,
        tags: args.tags as Record<string, string> | null,
        by: ctx.actor.name,
      }),
  }),
  createModelVersion: t.field({
    type: VersionPayload,
    errors: errors('CreateModelVersionResult'),
    description:
      "Registers the next version; freezes the run's meta_hash, canonical meta and config.",
    args: {
      model: t.arg.string({ required: true }),
      runId: t.arg.id({ required: true }),
      source: t.arg.string({ required: true, description: 'The model path or URI.' }),
      description: t.arg.string(),
    },
    resolve: async (_, args, ctx) => {
      const { model, version } = await ctx.registry.createModelVersion({
        model: args.model,
        runId: String(args.runId),
        source: args.source,
        description: args.description,
        by: ctx.actor.name,
      });
      return versionsOf(model).find((v) => v.version === version.version) as VersionOf;
    },
  }),
  setModelAlias: t.field({
    type: AliasPayload,
    errors: errors('SetModelAliasResult'),
    description:
      'Points an alias at a version. expectedVersion (null = unset) makes it compare-and-set.',
    args: {
      model: t.arg.string({ required: true }),
      alias: t.arg.string({ required: true }),
      version: t.arg.int({ required: true }),
      expectedVersion: t.arg.int({
        description:
          'The version you believe the alias holds now; null for none; omit to skip the check.',
      }),
      reason: t.arg.string({
        description: 'Required for protected aliases (Staging, Production).',
      }),
    },
    resolve: (_, args, ctx) =>
      ctx.registry.setModelAlias({
        ...args,
        by: ctx.actor.name,
        canChangeProtected: ctx.actor.canPromote,
      }),
  }),
  deleteModelAlias: t.field({
    type: AliasPayload,
    errors: errors('DeleteModelAliasResult'),
    args: {
      model: t.arg.string({ required: true }),
      alias: t.arg.string({ required: true }),
      expectedVersion: t.arg.int(),
      reason: t.arg.string(),
    },
    resolve: (_, args, ctx) =>
      ctx.registry.deleteModelAlias({
        ...args,
        by: ctx.actor.name,
        canChangeProtected: ctx.actor.canPromote,
      }),
  }),
  promote: t.field({
    type: AliasPayload,
    errors: errors('PromoteResult'),
    description:
      'The everyday form of setModelAlias: promote a version to Production (or another alias).',
    args: {
      model: t.arg.string({ required: true }),
      version: t.arg.int({ required: true }),
      to: t.arg.string({ defaultValue: 'Production' }),
      reason: t.arg.string({ required: true }),
      expectedVersion: t.arg.int(),
    },
    resolve: (_, args, ctx) =>
      ctx.registry.promote({
        model: args.model,
        version: args.version,
        to: args.to ?? 'Production',
        reason: args.reason,
        expectedVersion: args.expectedVersion,
        by: ctx.actor.name,
        canChangeProtected: ctx.actor.canPromote,
      }),
  }),
  archiveRegisteredModel: t.field({
    type: ModelPayload,
    errors: errors('ArchiveRegisteredModelResult'),
    description: 'Archives a model: it is kept with its history, never erased.',
    args: { name: t.arg.string({ required: true }) },
    resolve: (_, { name }, ctx) => ctx.registry.archiveModel({ name, by: ctx.actor.name }),
  }),
}));
