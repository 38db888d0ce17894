import { builder } from './builder.js';
import { MIN_SEQ_DESCRIPTION } from './min-seq.js';
import { RunRef } from './run.js';
import { RunFilterInput, RunOrderInput, toRunFilter, toRunOrder } from './run-filter.js';

const RunConnection = builder.connectionObject(
  { type: RunRef, name: 'RunConnection' },
  { name: 'RunEdge' },
);

builder.queryFields((t) => ({
  run: t.field({
    type: RunRef,
    nullable: true,
    description:
      'One run by id, or null when there is none; always reflects every acknowledged write.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_, { id }, ctx) => ctx.loaders.run.load(String(id)),
  }),
  runs: t.field({
    type: RunConnection,
    description:
      'Runs matching a typed filter and/or an MLflow-style where string, in a stable order (ties broken by run id).',
    complexity: (args, ctx) => ({
      field: 5,
      multiplier: Math.min(Math.max(1, args.first ?? 50), ctx.limits.maxFirst),
    }),
    args: {
      filter: t.arg({ type: RunFilterInput }),
      where: t.arg.string({
        description:
          "e.g. metrics.auroc > 0.9 and params.lr = '0.001' and (meta.goal = 'classification' or tags.x LIKE '%y%')",
      }),
      orderBy: t.arg({
        type: [RunOrderInput],
        description: 'Default: attributes.started_at DESC.',
      }),
      first: t.arg.int({
        defaultValue: 50,
        description: 'Page size; at most the server maximum (default 1000).',
      }),
      after: t.arg.string({
        description: 'The endCursor (or an edge cursor) of the previous page.',
      }),
      minSeq: t.arg.string({ description: MIN_SEQ_DESCRIPTION }),
    },
    resolve: async (_, args, ctx) => {
      await ctx.runs.afterWrite(args.minSeq);
      const page = await ctx.runs.list({
        filter: toRunFilter(args.filter),
        where: args.where ?? undefined,
        orderBy: toRunOrder(args.orderBy),
        first: args.first ?? 50,
        after: args.after,
        maxFirst: ctx.limits.maxFirst,
      });
      for (const { row } of page.runs) ctx.loaders.run.prime(row.run_id, row);
      return {
        totalCount: page.totalCount,
        edges: page.runs.map(({ row, cursor }) => ({ cursor, node: row })),
        pageInfo: {
          hasNextPage: page.hasNextPage,
          hasPreviousPage: Boolean(args.after),
          startCursor: page.runs[0]?.cursor ?? null,
          endCursor: page.runs.at(-1)?.cursor ?? null,
        },
      };
    },
  }),
}));

builder.globalConnectionField('totalCount', (t) =>
  t.int({
    description: 'How many items match, over all pages.',
    resolve: (parent) => parent.totalCount,
  }),
);
