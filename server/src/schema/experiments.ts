import type { ExperimentSummary } from '../index/queries/experiments.js';
import { builder } from './builder.js';
import { MIN_SEQ_DESCRIPTION } from './min-seq.js';
import { RunRef } from './run.js';

const Experiment = builder.objectRef<ExperimentSummary>('Experiment').implement({
  fields: (t) => ({
    name: t.exposeString('name'),
    runCount: t.exposeInt('runCount'),
    needsReviewCount: t.exposeInt('needsReviewCount'),
    firstStartedAt: t.field({ type: 'DateTime', resolve: (e) => e.firstStartedAt }),
    lastStartedAt: t.field({ type: 'DateTime', resolve: (e) => e.lastStartedAt }),
    runs: t.field({
      type: [RunRef],
      description:
        "The experiment's latest runs; page through all of them with runs(filter: {experiment}).",
      args: { first: t.arg.int({ defaultValue: 50 }) },
      resolve: async (e, args, ctx) => {
        const page = await ctx.runs.list({
          filter: { experiment: e.name },
          first: args.first ?? 50,
          maxFirst: ctx.limits.maxFirst,
        });
        return page.runs.map((r) => r.row);
      },
    }),
  }),
});

builder.queryFields((t) => ({
  experiments: t.field({
    type: [Experiment],
    args: { minSeq: t.arg.string({ description: MIN_SEQ_DESCRIPTION }) },
    resolve: async (_, { minSeq }, ctx) => {
      await ctx.runs.afterWrite(minSeq);
      return ctx.runs.experiments();
    },
  }),
  experiment: t.field({
    type: Experiment,
    nullable: true,
    args: {
      name: t.arg.string({ required: true }),
      minSeq: t.arg.string({ description: MIN_SEQ_DESCRIPTION }),
    },
    resolve: async (_, { name, minSeq }, ctx) => {
      await ctx.runs.afterWrite(minSeq);
      return (await ctx.runs.experiments(name))[0] ?? null;
    },
  }),
}));
