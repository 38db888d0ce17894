import { isChecked } from '../artifacts/entries.js';
import type { Artifact } from '../facts/index.js';
import { artifactUrlPath } from '../http/artifact-request.js';
import type { FrozenRunFacts } from '../registry/index.js';
import { builder } from './builder.js';
import { ModelVersionRef } from './registry.js';
import { RunRef } from './run.js';

type RunArtifact = Artifact & { runId: string };
type FrozenArtifact = NonNullable<FrozenRunFacts['artifacts']>[number] & { runId: string };

/** Absolute download URLs, on the host and port the caller used to reach GraphQL. */
function downloadUrl(ctx: object, runId: string, path: string, sha256?: string): string {
  const base = (ctx as { request?: Request }).request?.url ?? 'http://localhost/';
  return new URL(artifactUrlPath(runId, path, sha256), base).toString();
}

const ArtifactRef = builder.objectRef<RunArtifact>('Artifact').implement({
  description:
    'A file of a run. size and sha256 are known for files logged or scanned into runfacts (then downloadUrl serves them); older entries only name a path.',
  fields: (t) => ({
    path: t.string({ resolve: (a) => a.path }),
    kind: t.string({ resolve: (a) => a.kind }),
    size: t.float({
      nullable: true,
      description: 'Bytes.',
      resolve: (a) => (isChecked(a) ? a.size : null),
    }),
    sha256: t.string({ nullable: true, resolve: (a) => (isChecked(a) ? a.sha256 : null) }),
    downloadUrl: t.string({
      nullable: true,
      description: 'GET it with the read scope; the ETag is the sha256.',
      resolve: (a, _, ctx) => (isChecked(a) ? downloadUrl(ctx, a.runId, a.path) : null),
    }),
  }),
});

builder.objectField(RunRef, 'artifacts', (t) =>
  t.field({
    type: [ArtifactRef],
    resolve: (r) => (JSON.parse(r.artifacts) as Artifact[]).map((a) => ({ ...a, runId: r.run_id })),
  }),
);

const ArtifactStatus = builder.enumType('ArtifactStatus', {
  description: 'How the file on disk compares with the checksum frozen at registration.',
  values: {
    MATCHES: { description: 'The file is the one that was registered.' },
    CHANGED: { description: 'The file changed since registration: downloads fail with 409.' },
    MISSING: { description: 'The file is gone (or cannot be served).' },
  } as const,
});

const FrozenArtifactRef = builder.objectRef<FrozenArtifact>('FrozenArtifact').implement({
  description: 'A model file of a version, with the checksum frozen at registration.',
  fields: (t) => ({
    path: t.string({ resolve: (a) => a.path }),
    kind: t.string({ resolve: (a) => a.kind }),
    size: t.float({ resolve: (a) => a.size }),
    sha256: t.string({ description: 'Frozen at registration.', resolve: (a) => a.sha256 }),
    downloadUrl: t.string({
      description: 'Serves the file only while it still has the frozen sha256 (else 409).',
      resolve: (a, _, ctx) => downloadUrl(ctx, a.runId, a.path, a.sha256),
    }),
    currentSha256: t.string({
      nullable: true,
      description:
        "The file's checksum now (hashed once per change of the file); null when missing.",
      resolve: async (a, _, ctx) =>
        (await ctx.artifacts.currentChecksum(a.runId, await entryOf(ctx, a)))?.sha256 ?? null,
    }),
    status: t.field({
      type: ArtifactStatus,
      resolve: async (a, _, ctx) => {
        const now = await ctx.artifacts.currentChecksum(a.runId, await entryOf(ctx, a));
        if (now === null) return 'MISSING';
        return now.sha256 === a.sha256 ? 'MATCHES' : 'CHANGED';
      },
    }),
  }),
});

/** The run's current entry for a frozen path (a backfilled one may live elsewhere, see `source`). */
async function entryOf(
  ctx: { artifacts: { list(runId: string): Promise<Artifact[]> } },
  a: FrozenArtifact,
): Promise<Artifact> {
  const list = await ctx.artifacts.list(a.runId).catch(() => []);
  return list.find((e) => e.path === a.path) ?? { path: a.path, kind: a.kind };
}

builder.objectField(ModelVersionRef, 'artifacts', (t) =>
  t.field({
    type: [FrozenArtifactRef],
    description:
      "The run's model files with checksums frozen at registration, and download URLs that refuse a changed file.",
    resolve: (v) => (v.frozen.artifacts ?? []).map((a) => ({ ...a, runId: v.run_id })),
  }),
);
