import type { CoverageCell, CoverageGrid } from '../index/queries/coverage.js';
import { DIMENSIONS } from '../index/queries/dimensions.js';
import type { SweepCell, SweepResult } from '../index/queries/sweep.js';
import { builder } from './builder.js';
import { MIN_SEQ_DESCRIPTION } from './min-seq.js';
import { RunRef } from './run.js';
import { RunFilterInput, toRunFilter } from './run-filter.js';

export const CoverageDimension = builder.enumType('CoverageDimension', {
  values: [...Object.keys(DIMENSIONS), 'PARAM'] as Array<keyof typeof DIMENSIONS | 'PARAM'>,
  description:
    'What a grid axis groups by; PARAM groups by a param key given beside it (a sweep factor).',
});

export const MetricDirection = builder.enumType('MetricDirection', {
  values: ['HIGHER', 'LOWER'] as const,
  description: 'Which way is better: HIGHER for AUROC or accuracy, LOWER for losses or MAE.',
});

const CoverageCellRef = builder.objectRef<CoverageCell>('CoverageCell').implement({
  fields: (t) => ({
    row: t.exposeString('row', { nullable: true }),
    column: t.exposeString('column', { nullable: true }),
    best: t.exposeFloat('best'),
    median: t.exposeFloat('median', {
      description: 'The mean of the two middle values for an even count.',
    }),
    nRuns: t.exposeInt('nRuns'),
    bestRun: t.field({
      type: RunRef,
      nullable: true,
      resolve: (c, _, ctx) => ctx.loaders.run.load(c.bestRunId),
    }),
  }),
});

const CoverageGridRef = builder.objectRef<CoverageGrid>('CoverageGrid').implement({
  fields: (t) => ({
    metric: t.exposeString('metric'),
    direction: t.field({ type: MetricDirection, resolve: (g) => g.direction }),
    rows: t.exposeStringList('rows', { nullable: { list: false, items: true } }),
    columns: t.exposeStringList('columns', { nullable: { list: false, items: true } }),
    cells: t.field({ type: [CoverageCellRef], resolve: (g) => g.cells }),
  }),
});

const SweepFactorInput = builder.inputType('SweepFactorInput', {
  fields: (t) => ({
    field: t.string({
      required: true,
      description: 'e.g. params.model.pooling or meta.datatreatment.tokenization',
    }),
    levels: t.stringList({
      description: "The design's levels; default: the values the runs show.",
    }),
  }),
});

const SweepFactorRef = builder.simpleObject('SweepFactor', {
  fields: (t) => ({ field: t.string(), levels: t.stringList() }),
});

const SweepCellRef = builder.objectRef<SweepCell>('SweepCell').implement({
  fields: (t) => ({
    levels: t.exposeStringList('levels', { description: 'One level per factor, in factor order.' }),
    nRuns: t.exposeInt('nRuns'),
    best: t.exposeFloat('best', { nullable: true }),
    bestRun: t.field({
      type: RunRef,
      nullable: true,
      resolve: (c, _, ctx) => (c.bestRunId === null ? null : ctx.loaders.run.load(c.bestRunId)),
    }),
  }),
});

const SweepRef = builder.objectRef<SweepResult>('Sweep').implement({
  fields: (t) => ({
    factors: t.field({ type: [SweepFactorRef], resolve: (s) => s.factors }),
    cells: t.field({ type: [SweepCellRef], resolve: (s) => s.cells }),
    missing: t.field({
      type: [SweepCellRef],
      description: 'Combinations with no run yet.',
      resolve: (s) => s.missing,
    }),
    totalCells: t.exposeInt('totalCells'),
    coveredCells: t.exposeInt('coveredCells'),
    runsOutsideDesign: t.exposeInt('runsOutsideDesign'),
  }),
});

builder.queryFields((t) => ({
  coverage: t.field({
    type: CoverageGridRef,
    description: "Seed 000's coverage grid: best, median and count of a metric per row x column.",
    complexity: 50,
    args: {
      rows: t.arg({ type: CoverageDimension, defaultValue: 'ROW_KEY' }),
      rowsParam: t.arg.string({ description: 'The param key when rows is PARAM.' }),
      columns: t.arg({ type: CoverageDimension, defaultValue: 'MODEL_FAMILY' }),
      columnsParam: t.arg.string({ description: 'The param key when columns is PARAM.' }),
      metric: t.arg.string({ required: true, defaultValue: 'auroc' }),
      direction: t.arg({ type: MetricDirection, defaultValue: 'HIGHER' }),
      includeNeedsReview: t.arg.boolean({ defaultValue: false }),
      filter: t.arg({ type: RunFilterInput }),
      minSeq: t.arg.string({ description: MIN_SEQ_DESCRIPTION }),
    },
    resolve: async (_, args, ctx) => {
      await ctx.runs.afterWrite(args.minSeq);
      return ctx.runs.coverage({
        rows: { name: args.rows ?? 'ROW_KEY', param: args.rowsParam },
        columns: { name: args.columns ?? 'MODEL_FAMILY', param: args.columnsParam },
        metric: args.metric,
        direction: args.direction ?? 'HIGHER',
        includeNeedsReview: args.includeNeedsReview ?? false,
        filter: toRunFilter(args.filter),
      });
    },
  }),
  sweep: t.field({
    type: SweepRef,
    description:
      'Completeness of a factorial design: runs and best value per combination, and the gaps.',
    complexity: 50,
    args: {
      factors: t.arg({ type: [SweepFactorInput], required: true }),
      metric: t.arg.string(),
      direction: t.arg({ type: MetricDirection, defaultValue: 'HIGHER' }),
      filter: t.arg({ type: RunFilterInput }),
      minSeq: t.arg.string({ description: MIN_SEQ_DESCRIPTION }),
    },
    resolve: async (_, args, ctx) => {
      await ctx.runs.afterWrite(args.minSeq);
      return ctx.runs.sweep({
        factors: args.factors.map((f) => ({ field: f.field, levels: f.levels })),
        metric: args.metric,
        direction: args.direction ?? 'HIGHER',
        filter: toRunFilter(args.filter),
      });
    },
  }),
}));
