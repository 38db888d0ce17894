import { cp } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { treeSnapshot } from '../helpers/tree-snapshot.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/backfill', import.meta.url));
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp(0, { importRoots: [FIXTURES] });
});
afterAll(() => app?.dispose());

type Run = {
  id: string;
  metrics: Array<{ key: string; value: number }>;
  meta: { needsReview: boolean; needsReviewReasons: string[]; metaSource: string };
};

it('backfills through the admin mutation, and an override moves a run out of review into the coverage grid', async () => {
  const res = await app.gql<{
    backfill: { __typename: string; created: number; failed: number; needsReview: number };
  }>(
    'mutation($d: String!) { backfill(runsDir: $d) { __typename ... on BackfillResult { created failed needsReview } ... on Error { message } } }',
    { d: FIXTURES },
  );
  expect(res.data?.backfill.__typename).toBe('BackfillResult');
  expect(res.data?.backfill.created).toBeGreaterThan(5);
  expect(res.data?.backfill.failed).toBe(0);

  const listed = await app.gql<{ runs: { edges: Array<{ node: Run }> } }>(
    '{ runs(first: 100, filter: {needsReview: true}) { edges { node { id metrics { key value } meta { needsReview needsReviewReasons metaSource } } } } }',
  );
  const candidate = listed.data?.runs.edges.map((e) => e.node).find((r) => r.metrics.length > 0);
  if (!candidate) throw new Error('the fixtures hold no run needing review with a metric');
  expect(candidate.meta.metaSource).toBe('backfill');
  const metric = candidate.metrics[0]?.key ?? '';
  const inGrid = async (minSeq?: string) => {
    const grid = await app.gql<{
      coverage: { cells: Array<{ nRuns: number; bestRun: { id: string } | null }> };
    }>(
      'query($m: String!, $s: String) { coverage(metric: $m, direction: HIGHER, minSeq: $s) { cells { nRuns bestRun { id } } } }',
      { m: metric, s: minSeq },
    );
    return (grid.data?.coverage.cells ?? []).some((c) => c.bestRun?.id === candidate.id);
  };
  expect(await inGrid()).toBe(false);

  const override = await app.gql<{
    setMetaOverride: {
      __typename: string;
      seq: string;
      meta: { needsReview: boolean; metaSource: string };
    };
  }>(
    `mutation($id: ID!) { setMetaOverride(runId: $id, override: {
      goal: "classification", datasetName: "4topsplitted", modelFamily: "transformer",
      processGroups: [["4t"], ["ttH", "ttW", "ttWW", "ttZ"]],
      datatreatment: {tokenization: "binned", pidEncoding: "embedded", idEmbedDim: 8},
      reason: "checked the run's data card", author: "reviewer" }) {
      __typename ... on MetaOverridePayload { seq meta { needsReview metaSource } } ... on Error { message field } } }`,
    { id: candidate.id },
  );
  expect(override.data?.setMetaOverride).toMatchObject({
    __typename: 'MetaOverridePayload',
    meta: { needsReview: false, metaSource: 'override' },
  });
  // Lists and grids follow writes behind the acknowledgement: wait for this one.
  expect(await inGrid(override.data?.setMetaOverride.seq)).toBe(true);
});

it('refuses paths outside the import roots and writes nothing', async () => {
  // Importable runs outside the import roots: a refusal that let the call through would import them.
  const outside = await makeTempDir('outside-import-roots');
  try {
    await cp(FIXTURES, outside.path, { recursive: true });
    for (const runsDir of ['/etc', outside.path]) {
      const before = await treeSnapshot(app.root);
      const res = await app.gql<{ backfill: { __typename: string; field: string } }>(
        'mutation($d: String!) { backfill(runsDir: $d) { __typename ... on Error { message field } } }',
        { d: runsDir },
      );
      expect(res.data?.backfill, runsDir).toMatchObject({
        __typename: 'InvalidInputError',
        field: 'runsDir',
      });
      expect(await treeSnapshot(app.root), runsDir).toEqual(before);
    }
  } finally {
    await outside.remove();
  }
});
