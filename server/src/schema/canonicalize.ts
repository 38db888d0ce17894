import { canonicalizeMeta } from '../meta/index.js';
import { builder } from './builder.js';
import { CanonicalMetaRef } from './meta.js';

const MetaInput = builder.inputType('MetaInput', {
  description:
    'Seed-000 meta as training code declares it. process_groups may hold names or process ids.',
  fields: (t) => ({
    schemaVersion: t.int({ defaultValue: 1 }),
    level: t.string(),
    goal: t.string(),
    datasetName: t.string(),
    modelFamily: t.string(),
    processGroups: t.field({
      type: 'JSON',
      description: 'A list of classes, each a list of names or ids.',
    }),
    signalClass: t.int({
      description: 'Index of the signal class (signal vs background): it keeps its place.',
    }),
    datatreatment: t.field({
      type: 'JSON',
      description: 'Any of the 8 datatreatment keys; absent ones become "unknown".',
    }),
  }),
});

/** GraphQL's camelCase meta input as the snake_case object seed 000 defines. */
export function metaInputToRaw(input: {
  schemaVersion?: number | null;
  level?: string | null;
  goal?: string | null;
  datasetName?: string | null;
  modelFamily?: string | null;
  processGroups?: unknown;
  signalClass?: number | null;
  datatreatment?: unknown;
}): Record<string, unknown> {
  return {
    schema_version: input.schemaVersion ?? 1,
    level: input.level ?? null,
    goal: input.goal ?? null,
    dataset_name: input.datasetName ?? null,
    model_family: input.modelFamily ?? null,
    process_groups: input.processGroups ?? null,
    ...(input.signalClass != null ? { signal_class: input.signalClass } : {}),
    ...(input.datatreatment != null ? { datatreatment: input.datatreatment } : {}),
  };
}

export { MetaInput };

builder.queryField('canonicalize', (t) =>
  t.field({
    type: CanonicalMetaRef,
    description: 'Applies the seed-000 rules to a meta without writing anything.',
    args: { input: t.arg({ type: MetaInput, required: true }) },
    resolve: (_, { input }, ctx) =>
      canonicalizeMeta(metaInputToRaw(input), { config: ctx.metaConfig }),
  }),
);
