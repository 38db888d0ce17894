import { canonicalizeMeta } from '../meta/index.js';
import { builder } from './builder.js';
import { CanonicalMetaRef } from './meta.js';

export const DatatreatmentInput = builder.inputType('DatatreatmentInput', {
  description: 'Seed-000 data treatment; a key left out is "unknown".',
  fields: (t) => ({
    tokenOrder: t.string({ description: 'pt_sorted, shuffled, input_order' }),
    tokenization: t.string({ description: 'direct, binned, vq' }),
    pidEncoding: t.string({ description: 'embedded, onehot, raw, none' }),
    idEmbedDim: t.int({ description: 'Embedding size; null when there is no embedding.' }),
    metRep: t.string({ description: 'met_metphi, met_vec, none' }),
    globalsIncluded: t.boolean(),
    featureSetVersion: t.string({ description: 'v1, v2' }),
    normalization: t.string({ description: 'zscore, minmax, none' }),
  }),
});

type DatatreatmentFields = {
  tokenOrder?: string | null;
  tokenization?: string | null;
  pidEncoding?: string | null;
  idEmbedDim?: number | null;
  metRep?: string | null;
  globalsIncluded?: boolean | null;
  featureSetVersion?: string | null;
  normalization?: string | null;
};

/** The typed datatreatment input as seed 000's snake_case object; absent keys stay absent. */
export function datatreatmentToRaw(input: DatatreatmentFields): Record<string, unknown> {
  const names: Record<keyof DatatreatmentFields, string> = {
    tokenOrder: 'token_order',
    tokenization: 'tokenization',
    pidEncoding: 'pid_encoding',
    idEmbedDim: 'id_embed_dim',
    metRep: 'met_rep',
    globalsIncluded: 'globals_included',
    featureSetVersion: 'feature_set_version',
    normalization: 'normalization',
  };
  return Object.fromEntries(
    Object.entries(input)
      .filter(([k, v]) => v !== undefined && (v !== null || k === 'idEmbedDim'))
      .map(([k, v]) => [names[k as keyof DatatreatmentFields], v]),
  );
}

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
    datatreatment: t.field({ type: DatatreatmentInput }),
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
  datatreatment?: DatatreatmentFields | null;
}): Record<string, unknown> {
  return {
    schema_version: input.schemaVersion ?? 1,
    level: input.level ?? null,
    goal: input.goal ?? null,
    dataset_name: input.datasetName ?? null,
    model_family: input.modelFamily ?? null,
    process_groups: input.processGroups ?? null,
    ...(input.signalClass != null ? { signal_class: input.signalClass } : {}),
    ...(input.datatreatment != null
      ? { datatreatment: datatreatmentToRaw(input.datatreatment) }
      : {}),
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
