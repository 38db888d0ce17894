import { InvalidInputError } from '../domain-error.js';
import type { CanonicalMeta } from '../meta/index.js';
import type { RegisteredRun, WriteAck } from '../writes/run-writer.js';
import { IdempotencyConflictError } from '../writes/write-errors.js';
import { builder } from './builder.js';
import {
  DatatreatmentInput,
  datatreatmentToRaw,
  MetaInput,
  metaInputToRaw,
} from './canonicalize.js';
import { UPDATE_ERRORS, WRITE_ERRORS } from './errors.js';
import { CanonicalMetaRef } from './meta.js';
import { RunRef } from './run.js';

const TagInput = builder.inputType('TagInput', {
  fields: (t) => ({ key: t.string({ required: true }), value: t.string({ required: true }) }),
});
const ParamInput = builder.inputType('ParamInput', {
  fields: (t) => ({ key: t.string({ required: true }), value: t.string({ required: true }) }),
});
const MetricPointInput = builder.inputType('MetricPointInput', {
  fields: (t) => ({
    key: t.string({ required: true }),
    value: t.float({ required: true }),
    step: t.int({ description: 'Default 0.' }),
    timestamp: t.field({ type: 'DateTime', description: 'Default: when the server receives it.' }),
  }),
});
const ArtifactInput = builder.inputType('ArtifactInput', {
  fields: (t) => ({ path: t.string({ required: true }), kind: t.string({ required: true }) }),
});
const ModelParametersInput = builder.inputType('ModelParametersInput', {
  fields: (t) => ({ total: t.int({ required: true }), trainable: t.int({ required: true }) }),
});

const RegisterRunInput = builder.inputType('RegisterRunInput', {
  fields: (t) => ({
    experiment: t.string({ required: true }),
    name: t.string({ required: true, description: 'Becomes the slug of the run id (seed 001).' }),
    architectureCode: t.string(),
    config: t.field({ type: 'JSON', description: 'The nested config; its leaves become params.' }),
    meta: t.field({
      type: MetaInput,
      required: true,
      description: 'Seed-000 meta as training code declares it; set goal explicitly.',
    }),
    tags: t.field({ type: [TagInput] }),
    startedAt: t.field({
      type: 'DateTime',
      description: 'Default: now. Sets the run id timestamp (UTC).',
    }),
    clientRequestId: t.string({
      description:
        'Retries with the same id return the first run instead of creating another; the same id with a different body is an IdempotencyConflictError.',
    }),
  }),
});

const FinishStatus = builder.enumType('FinishStatus', {
  values: ['FINISHED', 'FAILED', 'KILLED'] as const,
});
const FinishRunInput = builder.inputType('FinishRunInput', {
  fields: (t) => ({
    status: t.field({ type: FinishStatus, defaultValue: 'FINISHED' }),
    metrics: t.field({
      type: 'JSON',
      description: 'Summary metrics, nesting allowed: {"auroc": 0.91, "edc": {"mae": 1.2}}.',
    }),
    endedAt: t.field({ type: 'DateTime', description: 'Default: now.' }),
    artifacts: t.field({
      type: [ArtifactInput],
      description: 'e.g. the model path, kind "model".',
    }),
    modelParameters: t.field({ type: ModelParametersInput }),
  }),
});

const MetaOverrideInput = builder.inputType('MetaOverrideInput', {
  description: 'Seed 000 manual override: the fields given win over the declared or inferred ones.',
  fields: (t) => ({
    level: t.string(),
    goal: t.string(),
    datasetName: t.string(),
    modelFamily: t.string(),
    processGroups: t.field({ type: 'JSON' }),
    signalClass: t.int(),
    datatreatment: t.field({ type: DatatreatmentInput, description: 'Merged key by key.' }),
    reason: t.string({
      required: true,
      description: 'Why the override is right (kept as provenance).',
    }),
    author: t.string(),
  }),
});

const SEQ_DESCRIPTION =
  'Sequence token of this write: pass it as `minSeq` to a list query (runs, coverage, sweep, compare, experiments) to read it there.';

const RegisterRunPayload = builder.objectRef<RegisteredRun>('RegisterRunPayload').implement({
  fields: (t) => ({
    runId: t.exposeID('runId'),
    seq: t.exposeString('seq', { description: SEQ_DESCRIPTION }),
    timestamp: t.exposeString('timestamp'),
    created: t.exposeBoolean('created', {
      description: 'False when clientRequestId matched an earlier run.',
    }),
    config: t.field({
      type: 'JSON',
      description: 'The config with run_id, architecture_code and timestamp added.',
      resolve: (r) => r.config,
    }),
    meta: t.field({ type: CanonicalMetaRef, resolve: (r) => r.meta }),
    run: t.field({
      type: RunRef,
      nullable: true,
      resolve: (r, _, ctx) => ctx.loaders.run.load(r.runId),
    }),
  }),
});

const LogMetricsPayload = builder.simpleObject('LogMetricsPayload', {
  fields: (t) => ({
    runId: t.id(),
    count: t.int(),
    applied: t.boolean({
      description:
        'False when a batch with this batchId was applied before (a retry): nothing was added.',
    }),
    seq: t.string({ description: SEQ_DESCRIPTION }),
  }),
});

const RunPayload = builder.objectRef<WriteAck>('RunPayload').implement({
  fields: (t) => ({
    runId: t.exposeID('runId'),
    seq: t.exposeString('seq', { description: SEQ_DESCRIPTION }),
    run: t.field({
      type: RunRef,
      nullable: true,
      resolve: (r, _, ctx) => ctx.loaders.run.load(r.runId),
    }),
  }),
});

const MetaOverridePayload = builder
  .objectRef<{ runId: string; meta: CanonicalMeta; seq: string }>('MetaOverridePayload')
  .implement({
    fields: (t) => ({
      runId: t.exposeID('runId'),
      seq: t.exposeString('seq', { description: SEQ_DESCRIPTION }),
      meta: t.field({
        type: CanonicalMetaRef,
        // The result merges the run's declared meta with the override: run content, so read.
        authScopes: { read: true },
        nullable: true,
        description: "The run's meta with the override applied. Needs read.",
        resolve: (r) => r.meta,
      }),
    }),
  });

const byKeys = (items: ReadonlyArray<{ key: string; value: string }> | null | undefined) =>
  Object.fromEntries((items ?? []).map((i) => [i.key, i.value]));

builder.mutationFields((t) => ({
  registerRun: t.field({
    type: RegisterRunPayload,
    errors: {
      types: [InvalidInputError, IdempotencyConflictError],
      directResult: true,
      union: { name: 'RegisterRunResult' },
    },
    description: 'Registers a run: durable in the facts before it answers.',
    args: { input: t.arg({ type: RegisterRunInput, required: true }) },
    resolve: (_, { input }, ctx) =>
      ctx.writer.registerRun({
        experiment: input.experiment,
        name: input.name,
        architectureCode: input.architectureCode,
        config: input.config as Record<string, unknown> | null,
        meta: metaInputToRaw(input.meta),
        tags: byKeys(input.tags),
        startedAt: input.startedAt,
        clientRequestId: input.clientRequestId,
      }),
  }),
  logMetrics: t.field({
    type: LogMetricsPayload,
    errors: { types: WRITE_ERRORS, directResult: true, union: { name: 'LogMetricsResult' } },
    description:
      'Appends up to 1000 metric points to the run history (one fsync per call). With a batchId, a retried batch is applied once.',
    args: {
      runId: t.arg.id({ required: true }),
      metrics: t.arg({ type: [MetricPointInput], required: true }),
      batchId: t.arg.string({
        description:
          'A unique id per batch (e.g. a UUID), kept across retries: a batch already applied is not applied again.',
      }),
    },
    resolve: async (_, { runId, metrics, batchId }, ctx) => ({
      runId: String(runId),
      ...(await ctx.writer.logMetrics(String(runId), metrics, batchId)),
    }),
  }),
  logParams: t.field({
    type: RunPayload,
    errors: { types: UPDATE_ERRORS, directResult: true, union: { name: 'LogParamsResult' } },
    args: {
      runId: t.arg.id({ required: true }),
      params: t.arg({ type: [ParamInput], required: true }),
    },
    resolve: async (_, { runId, params }, ctx) => {
      const ack = await ctx.writer.logParams(String(runId), params);
      ctx.loaders.run.clear(String(runId));
      return ack;
    },
  }),
  setTags: t.field({
    type: RunPayload,
    errors: { types: WRITE_ERRORS, directResult: true, union: { name: 'SetTagsResult' } },
    args: {
      runId: t.arg.id({ required: true }),
      tags: t.arg({ type: [TagInput], required: true }),
    },
    resolve: async (_, { runId, tags }, ctx) => {
      const ack = await ctx.writer.setTags(String(runId), tags);
      ctx.loaders.run.clear(String(runId));
      return ack;
    },
  }),
  deleteTags: t.field({
    type: RunPayload,
    errors: { types: WRITE_ERRORS, directResult: true, union: { name: 'DeleteTagsResult' } },
    args: { runId: t.arg.id({ required: true }), keys: t.arg.stringList({ required: true }) },
    resolve: async (_, { runId, keys }, ctx) => {
      const ack = await ctx.writer.deleteTags(String(runId), keys);
      ctx.loaders.run.clear(String(runId));
      return ack;
    },
  }),
  finishRun: t.field({
    type: RunPayload,
    errors: { types: UPDATE_ERRORS, directResult: true, union: { name: 'FinishRunResult' } },
    args: {
      runId: t.arg.id({ required: true }),
      input: t.arg({ type: FinishRunInput, required: true }),
    },
    resolve: async (_, { runId, input }, ctx) => {
      const ack = await ctx.writer.finishRun(String(runId), {
        status: input.status ?? 'FINISHED',
        metrics: input.metrics as Record<string, unknown> | null,
        endedAt: input.endedAt,
        artifacts: input.artifacts,
        modelParameters: input.modelParameters,
      });
      ctx.loaders.run.clear(String(runId));
      return ack;
    },
  }),
  setMetaOverride: t.field({
    type: MetaOverridePayload,
    errors: { types: WRITE_ERRORS, directResult: true, union: { name: 'SetMetaOverrideResult' } },
    description: "Writes meta_override.json (seed 000) and re-derives the run's meta.",
    args: {
      runId: t.arg.id({ required: true }),
      override: t.arg({ type: MetaOverrideInput, required: true }),
    },
    resolve: async (_, { runId, override }, ctx) => {
      const { reason, author, ...fields } = override;
      const given = Object.fromEntries(
        Object.entries({
          level: fields.level,
          goal: fields.goal,
          dataset_name: fields.datasetName,
          model_family: fields.modelFamily,
          process_groups: fields.processGroups,
          signal_class: fields.signalClass,
          datatreatment: fields.datatreatment
            ? datatreatmentToRaw(fields.datatreatment)
            : undefined,
        }).filter(([, v]) => v !== undefined && v !== null),
      );
      const { meta, seq } = await ctx.writer.setMetaOverride(String(runId), {
        ...given,
        reason,
        author: author ?? 'local',
        created_at: new Date().toISOString(),
      });
      ctx.loaders.run.clear(String(runId));
      return { runId: String(runId), meta, seq };
    },
  }),
}));
