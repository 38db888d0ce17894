import type { MirrorStatus } from '../mirror/continuous/continuous-mirror.js';
import { builder } from './builder.js';

const MirrorFailure = builder.simpleObject('MirrorFailure', {
  fields: (t) => ({
    runId: t.id(),
    reason: t.string(),
    attempts: t.int(),
    at: t.field({ type: 'DateTime' }),
  }),
});

const MirrorStatusRef = builder.objectRef<MirrorStatus>('MirrorStatus').implement({
  description: 'The continuous MLflow mirror: off unless the server runs with --mirror-mlflow.',
  fields: (t) => ({
    enabled: t.exposeBoolean('enabled'),
    trackingUri: t.exposeString('trackingUri', { nullable: true }),
    pending: t.exposeInt('pending', {
      description: 'Runs waiting to be mirrored (failed ones included).',
    }),
    failed: t.field({ type: [MirrorFailure], resolve: (s) => s.failed }),
    lastSyncAt: t.field({ type: 'DateTime', nullable: true, resolve: (s) => s.lastSyncAt }),
    lastError: t.exposeString('lastError', { nullable: true }),
  }),
});

builder.queryField('mirrorStatus', (t) =>
  t.field({
    type: MirrorStatusRef,
    skipTypeScopes: true,
    authScopes: { admin: true },
    resolve: (_, __, ctx) =>
      ctx.mirror?.status() ?? {
        enabled: false,
        trackingUri: null,
        pending: 0,
        failed: [],
        lastSyncAt: null,
        lastError: null,
      },
  }),
);
