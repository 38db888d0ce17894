import { builder } from './builder.js';

interface IndexError {
  path: string;
  runId: string | null;
  kind: string;
  message: string;
}

interface IndexStatus {
  ready: boolean;
  lastRefreshAt: string | null;
  lastBuildMs: number | null;
  runsIndexed: number;
  errorCount: number;
  errors: IndexError[];
}

const IndexErrorRef = builder.simpleObject('IndexError', {
  description: 'A facts file the index could not use, and why; the other runs are served.',
  fields: (t) => ({
    path: t.string(),
    runId: t.string({ nullable: true }),
    kind: t.string(),
    message: t.string(),
  }),
});

const IndexStatusRef = builder.objectRef<IndexStatus>('IndexStatus').implement({
  fields: (t) => ({
    ready: t.exposeBoolean('ready'),
    lastRefreshAt: t.field({ type: 'DateTime', nullable: true, resolve: (s) => s.lastRefreshAt }),
    lastBuildMs: t.exposeInt('lastBuildMs', { nullable: true }),
    runsIndexed: t.exposeInt('runsIndexed'),
    errorCount: t.exposeInt('errorCount'),
    errors: t.field({ type: [IndexErrorRef], resolve: (s) => s.errors }),
  }),
});

builder.queryField('indexStatus', (t) =>
  t.field({
    type: IndexStatusRef,
    description: 'Freshness of the index: last refresh, runs indexed, and facts files with errors.',
    args: { firstErrors: t.arg.int({ defaultValue: 100 }) },
    resolve: async (_, args, ctx) => {
      const db = ctx.index.db;
      const [runs, errors, errorCount] = await Promise.all([
        db
          .selectFrom('runs')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow(),
        db
          .selectFrom('index_errors')
          .selectAll()
          .orderBy('path')
          .limit(Math.min(Math.max(args.firstErrors ?? 100, 0), 1000))
          .execute(),
        db
          .selectFrom('index_errors')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow(),
      ]);
      return {
        ...ctx.index.state,
        runsIndexed: Number(runs.n),
        errorCount: Number(errorCount.n),
        errors: errors.map((e) => ({
          path: e.path,
          runId: e.run_id,
          kind: e.kind,
          message: e.message,
        })),
      };
    },
  }),
);
