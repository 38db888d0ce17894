import { builder } from './builder.js';

interface IndexError {
  path: string;
  runId: string | null;
  kind: string;
  message: string;
}

interface IndexStatus {
  ready: boolean;
  phase: string;
  done: number;
  total: number;
  pendingWrites: number;
  rebuiltBecause: string | null;
  watching: boolean;
  watchProblem: string | null;
  lastRescanAt: string | null;
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
    ready: t.exposeBoolean('ready', {
      description: 'True once the index has caught up with the facts found at start.',
    }),
    phase: t.exposeString('phase', {
      description: 'opening, building (first build), catching_up (after a restart) or serving.',
    }),
    done: t.exposeInt('done', { description: 'Run folders done in the current phase.' }),
    total: t.exposeInt('total', { description: 'Run folders to do in the current phase.' }),
    pendingWrites: t.exposeInt('pendingWrites', {
      description: 'Acknowledged writes not yet in the index (lists lag by these).',
    }),
    rebuiltBecause: t.exposeString('rebuiltBecause', {
      nullable: true,
      description: 'Why the index file was rebuilt from the facts at start, if it was.',
    }),
    watching: t.exposeBoolean('watching', {
      description:
        'Whether the runs folder is watched for run folders added or removed by other programs.',
    }),
    watchProblem: t.exposeString('watchProblem', { nullable: true }),
    lastRescanAt: t.field({ type: 'DateTime', nullable: true, resolve: (s) => s.lastRescanAt }),
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
      const status = await ctx.runs.status(args.firstErrors ?? 100);
      return {
        ...status,
        errors: status.errors.map((e) => ({
          path: e.path,
          runId: e.run_id,
          kind: e.kind,
          message: e.message,
        })),
      };
    },
  }),
);
