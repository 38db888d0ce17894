import type { CanonicalMeta, DerivedMismatch, OverrideProvenance } from '../meta/index.js';
import { builder } from './builder.js';

const Confidence = builder.enumType('Confidence', { values: ['high', 'medium', 'low'] as const });
const MetaSource = builder.enumType('MetaSource', {
  values: ['live', 'backfill', 'override'] as const,
  description:
    'How the meta was made: declared by training code, inferred by backfill, or overridden by hand.',
});

const Datatreatment = builder.simpleObject('Datatreatment', {
  description: 'Seed 000 data treatment; "unknown" where it cannot be proven.',
  fields: (t) => ({
    tokenOrder: t.string(),
    tokenization: t.string(),
    pidEncoding: t.string(),
    idEmbedDim: t.string({
      description: 'An integer as text, "unknown", or null when there is no embedding.',
      nullable: true,
    }),
    metRep: t.string(),
    globalsIncluded: t.string({ description: '"true", "false" or "unknown".' }),
    featureSetVersion: t.string(),
    normalization: t.string(),
  }),
});

const FieldConfidence = builder.simpleObject('FieldConfidence', {
  fields: (t) => ({
    level: t.field({ type: Confidence }),
    goal: t.field({ type: Confidence }),
    datasetName: t.field({ type: Confidence }),
    modelFamily: t.field({ type: Confidence }),
    processGroups: t.field({ type: Confidence }),
    datatreatment: t.field({ type: Confidence }),
  }),
});

const DerivedMismatchRef = builder.objectRef<DerivedMismatch>('DerivedMismatch').implement({
  description:
    'A stored derived value that disagreed with its recomputation: reported, never used.',
  fields: (t) => ({
    field: t.exposeString('field'),
    stored: t.field({ type: 'JSON', nullable: true, resolve: (m) => m.stored }),
    computed: t.field({ type: 'JSON', nullable: true, resolve: (m) => m.computed }),
  }),
});

const OverrideRef = builder.objectRef<OverrideProvenance>('MetaOverrideProvenance').implement({
  fields: (t) => ({
    fields: t.exposeStringList('fields'),
    reason: t.exposeString('reason', { nullable: true }),
    author: t.exposeString('author', { nullable: true }),
    createdAt: t.exposeString('created_at', { nullable: true }),
  }),
});

export const CanonicalMetaRef = builder.objectRef<CanonicalMeta>('CanonicalMeta').implement({
  description: 'Seed-000 canonical metadata with provenance; derived fields recomputed on read.',
  fields: (t) => ({
    schemaVersion: t.exposeInt('schema_version'),
    level: t.exposeString('level', { nullable: true }),
    goal: t.exposeString('goal', { nullable: true }),
    datasetName: t.exposeString('dataset_name', { nullable: true }),
    modelFamily: t.exposeString('model_family', { nullable: true }),
    processGroups: t.field({
      type: t.listRef(t.listRef('String')),
      nullable: true,
      description: 'Classes of physics processes, in canonical order.',
      resolve: (m) => m.process_groups,
    }),
    signalClass: t.exposeInt('signal_class', { nullable: true }),
    datatreatment: t.field({
      type: Datatreatment,
      resolve: ({ datatreatment: d }) => ({
        tokenOrder: d.token_order,
        tokenization: d.tokenization,
        pidEncoding: d.pid_encoding,
        idEmbedDim: d.id_embed_dim === null ? null : String(d.id_embed_dim),
        metRep: d.met_rep,
        globalsIncluded: String(d.globals_included),
        featureSetVersion: d.feature_set_version,
        normalization: d.normalization,
      }),
    }),
    metaHash: t.exposeString('meta_hash'),
    metaSource: t.field({ type: MetaSource, resolve: (m) => m.meta_source }),
    confidence: t.field({ type: Confidence, resolve: (m) => m.meta_confidence }),
    fieldConfidence: t.field({
      type: FieldConfidence,
      resolve: ({ meta_confidence_fields: c }) => ({
        level: c.level,
        goal: c.goal,
        datasetName: c.dataset_name,
        modelFamily: c.model_family,
        processGroups: c.process_groups,
        datatreatment: c.datatreatment,
      }),
    }),
    needsReview: t.exposeBoolean('needs_review'),
    needsReviewReasons: t.exposeStringList('needs_review_reason'),
    nClasses: t.exposeInt('n_classes', { nullable: true }),
    processesAll: t.exposeStringList('processes_all', { nullable: true }),
    classDefStr: t.exposeString('class_def_str', { nullable: true }),
    processGroupsKey: t.exposeString('process_groups_key', { nullable: true }),
    rowKey: t.exposeString('row_key', { nullable: true }),
    derivedMismatches: t.field({
      type: [DerivedMismatchRef],
      resolve: (m) => m.derived_mismatches,
    }),
    override: t.field({ type: OverrideRef, nullable: true, resolve: (m) => m.override }),
  }),
});
