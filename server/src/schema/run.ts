import type { HistoryPoint } from '../index/metric-history.js';
import type { RunSource } from '../loaders.js';
import type { CanonicalMeta } from '../meta/index.js';
import { builder } from './builder.js';
import { CanonicalMetaRef } from './meta.js';

export const RunStatus = builder.enumType('RunStatus', {
  values: ['RUNNING', 'FINISHED', 'FAILED', 'KILLED'] as const,
});

const Param = builder.simpleObject('Param', {
  fields: (t) => ({ key: t.string(), value: t.string() }),
});
const Metric = builder.simpleObject('Metric', {
  fields: (t) => ({ key: t.string(), value: t.float() }),
});
const Tag = builder.simpleObject('Tag', {
  fields: (t) => ({ key: t.string(), value: t.string() }),
});
const ModelParameters = builder.simpleObject('ModelParameters', {
  fields: (t) => ({ total: t.float(), trainable: t.float() }),
});
const MetricPoint = builder.objectRef<HistoryPoint>('MetricPoint').implement({
  fields: (t) => ({
    step: t.exposeFloat('step'),
    value: t.exposeFloat('value'),
    timestamp: t.field({ type: 'DateTime', resolve: (p) => p.ts }),
  }),
});

export const RunRef = builder.objectRef<RunSource>('Run').implement({
  // A run's content needs read wherever it is reached, mutation payloads included: a write-only
  // token (a trainer) must not read other runs through setTags(runId, tags: []) { run { config } }.
  authScopes: { read: true },
  description: 'A training run: identity, status, canonical meta with provenance, params, metrics.',
  fields: (t) => ({
    id: t.exposeID('run_id', {
      description: 'The run id (seed 001 naming), also its folder name.',
    }),
    experiment: t.exposeString('experiment'),
    name: t.exposeString('name'),
    architectureCode: t.exposeString('architecture_code', { nullable: true }),
    timestamp: t.exposeString('timestamp', {
      description: 'YYYYMMDD_HHMMSS (UTC), as in the run id.',
    }),
    status: t.field({ type: RunStatus, resolve: (r) => r.status as 'RUNNING' }),
    startedAt: t.field({ type: 'DateTime', resolve: (r) => r.started_at }),
    endedAt: t.field({ type: 'DateTime', nullable: true, resolve: (r) => r.ended_at }),
    durationSeconds: t.exposeFloat('duration_seconds', { nullable: true }),
    meta: t.field({
      type: CanonicalMetaRef,
      resolve: (r) => JSON.parse(r.meta_json) as CanonicalMeta,
    }),
    config: t.field({ type: 'JSON', resolve: (r) => JSON.parse(r.config) }),
    params: t.field({
      type: [Param],
      resolve: (r, _, ctx) => r.current?.params ?? ctx.loaders.params.load(r.run_id),
    }),
    param: t.string({
      nullable: true,
      args: { key: t.arg.string({ required: true }) },
      resolve: async (r, { key }, ctx) =>
        (r.current?.params ?? (await ctx.loaders.params.load(r.run_id))).find((p) => p.key === key)
          ?.value ?? null,
    }),
    metrics: t.field({
      type: [Metric],
      description: 'Summary metrics, flattened to dotted keys.',
      resolve: (r, _, ctx) => r.current?.metrics ?? ctx.loaders.metrics.load(r.run_id),
    }),
    metric: t.float({
      nullable: true,
      args: { key: t.arg.string({ required: true }) },
      resolve: async (r, { key }, ctx) =>
        (r.current?.metrics ?? (await ctx.loaders.metrics.load(r.run_id))).find(
          (m) => m.key === key,
        )?.value ?? null,
    }),
    historyKeys: t.stringList({ resolve: (r, _, ctx) => ctx.runs.historyKeys(r.run_id) }),
    history: t.field({
      type: [MetricPoint],
      description: 'A metric history in step order; maxPoints downsamples long series.',
      complexity: 20,
      args: {
        key: t.arg.string({ required: true }),
        minStep: t.arg.int(),
        maxStep: t.arg.int(),
        maxPoints: t.arg.int({ description: 'At most this many points (1 to 10000).' }),
      },
      resolve: (r, args, ctx) => ctx.runs.historyPoints(r.run_id, args),
    }),
    tags: t.field({
      type: [Tag],
      resolve: (r, _, ctx) => r.current?.tags ?? ctx.loaders.tags.load(r.run_id),
    }),
    modelParameters: t.field({
      type: ModelParameters,
      nullable: true,
      resolve: (r) =>
        r.model_parameters_total === null
          ? null
          : { total: r.model_parameters_total, trainable: r.model_parameters_trainable ?? 0 },
    }),
    sourcePath: t.exposeString('source_path', { nullable: true }),
  }),
});
