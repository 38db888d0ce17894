import type { CompareRow, Comparison } from '../index/queries/compare.js';
import { builder } from './builder.js';
import { MIN_SEQ_DESCRIPTION } from './min-seq.js';
import { RunRef } from './run.js';

const CompareParam = builder.objectRef<CompareRow<string>>('CompareParam').implement({
  fields: (t) => ({
    key: t.exposeString('key'),
    values: t.exposeStringList('values', { nullable: { list: false, items: true } }),
    differs: t.exposeBoolean('differs'),
  }),
});

const CompareMetric = builder.objectRef<CompareRow<number>>('CompareMetric').implement({
  fields: (t) => ({
    key: t.exposeString('key'),
    values: t.exposeFloatList('values', { nullable: { list: false, items: true } }),
    differs: t.exposeBoolean('differs'),
  }),
});

const ComparisonRef = builder.objectRef<Comparison>('Comparison').implement({
  description: 'Runs side by side: values are in the order of runs; differs marks keys that vary.',
  fields: (t) => ({
    runs: t.field({
      type: [RunRef],
      resolve: async (c, _, ctx) => {
        const runs = await ctx.loaders.run.loadMany(c.runIds);
        return runs.flatMap((r) => (r === null || r instanceof Error ? [] : [r]));
      },
    }),
    params: t.field({ type: [CompareParam], resolve: (c) => c.params }),
    metrics: t.field({ type: [CompareMetric], resolve: (c) => c.metrics }),
  }),
});

builder.queryField('compare', (t) =>
  t.field({
    type: ComparisonRef,
    description:
      "Params and metrics of runs side by side, with differing keys marked (seed 003's compare).",
    complexity: 50,
    args: {
      runIds: t.arg.idList({ required: true }),
      minSeq: t.arg.string({ description: MIN_SEQ_DESCRIPTION }),
    },
    resolve: async (_, { runIds, minSeq }, ctx) => {
      await ctx.runs.afterWrite(minSeq);
      return ctx.runs.compare(runIds.map(String));
    },
  }),
);
