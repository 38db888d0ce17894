import type { BackfillReport } from '../backfill/index.js';
import { InvalidInputError } from '../domain-error.js';
import { builder } from './builder.js';

const BackfillIssueRef = builder.simpleObject('BackfillIssue', {
  fields: (t) => ({
    kind: t.string(),
    path: t.string(),
    message: t.string(),
    severity: t.string(),
  }),
});

const BackfillResult = builder.objectRef<BackfillReport>('BackfillResult').implement({
  description:
    'What a backfill read and wrote; per-kind counts are JSON objects keyed by kind or reason.',
  fields: (t) => ({
    dryRun: t.exposeBoolean('dryRun'),
    found: t.int({ resolve: (r) => r.counts.found }),
    read: t.int({ resolve: (r) => r.counts.read }),
    created: t.int({ resolve: (r) => r.counts.created }),
    updated: t.int({ resolve: (r) => r.counts.updated }),
    unchanged: t.int({ resolve: (r) => r.counts.unchanged }),
    failed: t.int({ resolve: (r) => r.counts.failed }),
    needsReview: t.exposeInt('needsReview'),
    byLayout: t.field({ type: 'JSON', resolve: (r) => r.byLayout }),
    byConfidence: t.field({ type: 'JSON', resolve: (r) => r.byConfidence }),
    needsReviewByReason: t.field({ type: 'JSON', resolve: (r) => r.needsReviewByReason }),
    errorsByKind: t.field({ type: 'JSON', resolve: (r) => r.errorsByKind }),
    issues: t.field({
      type: [BackfillIssueRef],
      description: 'The first 200 issues, by path.',
      resolve: (r) =>
        r.issues
          .slice(0, 200)
          .map((i) => ({ kind: i.kind, path: i.path, message: i.message, severity: i.severity })),
    }),
  }),
});

builder.mutationField('backfill', (t) =>
  t.field({
    type: BackfillResult,
    skipTypeScopes: true,
    authScopes: { admin: true },
    errors: {
      types: [InvalidInputError],
      directResult: true,
      union: { name: 'BackfillMutationResult' },
    },
    description:
      'Brings existing run folders in (seed 000 backfill, never guessing). runsDir must lie inside a folder the server was started with --import-root.',
    args: {
      runsDir: t.arg.string({
        required: true,
        description: 'An absolute path inside an --import-root folder.',
      }),
      applyOverrides: t.arg.boolean({ defaultValue: false }),
      dryRun: t.arg.boolean({ defaultValue: false }),
    },
    resolve: (_, args, ctx) =>
      ctx.backfill.run({
        runsDir: args.runsDir,
        applyOverrides: args.applyOverrides ?? false,
        dryRun: args.dryRun ?? false,
      }),
  }),
);
