import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticRun } from '../../server/src/demo/synthetic-run.js';
import { listen, type RunningServer } from '../../server/src/main.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

const N = 400;
const runs = Array.from({ length: N }, (_, i) => syntheticRun(i));
const auroc = (r: (typeof runs)[number]) =>
  (r.run.metrics as Record<string, number>).auroc as number;

type Gql = TestApp['gql'];
let app: TestApp;
let server: RunningServer;
let httpGql: Gql;

beforeAll(async () => {
  app = await startTestApp(N);
  server = await listen({
    waitForIndex: true,
    root: app.root,
    indexPath: ':memory:',
    refresh: false,
    host: '127.0.0.1',
    port: 0,
  });
  httpGql = async (query, variables) => {
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    expect(res.status).toBeLessThan(500);
    return res.json();
  };
});
afterAll(async () => {
  await server?.close();
  await app?.dispose();
});

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

describe.each([
  ['in process (yoga.fetch)', () => app.gql],
  ['over HTTP on 127.0.0.1', () => httpGql],
])('read API %s', (_name, gqlOf) => {
  it('filters with a where string and a typed filter, sorted by a metric', async () => {
    const gql = gqlOf();
    const res = await gql<{
      runs: { totalCount: number; edges: Array<{ node: { id: string; metric: number } }> };
    }>(
      `query($w: String) { runs(where: $w, filter: {modelFamily: ["transformer"]}, orderBy: [{field: "metrics.auroc", direction: DESC}], first: 5) {
        totalCount edges { node { id metric(key: "auroc") } } } }`,
      { w: "metrics.auroc > 0.8 and meta.datatreatment.tokenization = 'binned'" },
    );
    expect(res.errors).toBeUndefined();
    const expected = runs
      .filter((r) => r.meta.model_family === 'transformer' && auroc(r) > 0.8)
      .filter((r) => (r.meta.datatreatment as { tokenization: string }).tokenization === 'binned')
      .sort((a, b) => auroc(b) - auroc(a) || a.runId.localeCompare(b.runId));
    expect(res.data?.runs.totalCount).toBe(expected.length);
    expect(res.data?.runs.edges.map((e) => e.node.id)).toEqual(
      expected.slice(0, 5).map((r) => r.runId),
    );
  });

  it('answers bad input with a clear error, never a 500', async () => {
    const gql = gqlOf();
    const cases: Array<[string, RegExp]> = [
      [
        '{ runs(where: "metrics.auroc >") { totalCount } }',
        /expected a value after '>' at position 15/,
      ],
      ['{ runs(where: "nope.x = 1") { totalCount } }', /nope/],
      ['{ runs(first: -1) { totalCount } }', /first: must be a non-negative integer/],
      ['{ runs(first: 100000) { totalCount } }', /at most 1000 runs a page/],
      ['{ runs(after: "garbage") { totalCount } }', /after: is not a cursor this API returned/],
      [
        '{ coverage(metric: "aurocc") { rows } }',
        /no run has a metric "aurocc"; known metrics: .*auroc/,
      ],
      ['{ runs(orderBy: [{field: "metrics."}]) { totalCount } }', /orderBy\[0\]\.field/],
      ['{ sweep(factors: []) { totalCells } }', /needs 1 to 8 factors/],
      ['{ compare(runIds: ["nope"]) { runs { id } } }', /unknown run id\(s\): nope/],
      ['{ canonicalize(input: {goal: "x"}) { metaHash } }', /goal: "x" is not one of/],
    ];
    for (const [query, message] of cases) {
      const res = await gql(query);
      expect(res.errors?.[0]?.message, query).toMatch(message);
      const code = res.errors?.[0]?.extensions?.code;
      expect(code, query).toEqual(expect.stringMatching(/^[A-Z_]+$/));
      expect(code, query).not.toBe('INTERNAL_SERVER_ERROR');
    }
  });

  it('rejects over-broad queries', async () => {
    const tooDeep = `{ experiments { runs { meta { datatreatment { tokenization } } } } ${'a: __typename '.repeat(600)} }`;
    const res = await gqlOf()(tooDeep);
    expect(res.errors?.[0]?.message).toMatch(/aliases|breadth|complexity/i);
  });
});

it('rejects queries deeper than maxDepth, and only those', async () => {
  const shallow = await startTestApp(1, { limits: { maxDepth: 5 } });
  try {
    const atLimit = await shallow.gql('{ runs { edges { node { meta { goal } } } } }');
    expect(atLimit.errors).toBeUndefined();
    expect(atLimit.data).toMatchObject({ runs: { edges: [{ node: { meta: {} } }] } });
    const over = await shallow.gql(
      '{ runs { edges { node { meta { datatreatment { tokenization } } } } } }',
    );
    expect(over.errors?.[0]?.message).toMatch(/depth/i);
    expect(over.data ?? null).toBeNull();
  } finally {
    await shallow.dispose();
  }
});

describe('coverage and sweep equal a plain recomputation', () => {
  it('coverage: best, median, count and best run per row x column', async () => {
    const res = await app.gql<{
      coverage: {
        cells: Array<{
          row: string;
          column: string;
          best: number;
          median: number;
          nRuns: number;
          bestRun: { id: string };
        }>;
      };
    }>('{ coverage { cells { row column best median nRuns bestRun { id } } } }');
    expect(res.errors).toBeUndefined();
    const groups = new Map<string, typeof runs>();
    for (const r of runs) {
      if (r.meta.dataset_name === null) continue; // needs_review runs are left out by default
      const groupsKey = (r.meta.process_groups as string[][]).map((c) => c.join('+')).join('|');
      const key = `${r.meta.dataset_name}::${groupsKey}\u0000${r.meta.model_family}`;
      groups.set(key, [...(groups.get(key) ?? []), r]);
    }
    const cells = res.data?.coverage.cells ?? [];
    expect(groups.size).toBeGreaterThan(1);
    expect(cells.length).toBe(groups.size);
    for (const cell of cells) {
      const members = groups.get(`${cell.row}\u0000${cell.column}`) ?? [];
      const values = members.map(auroc);
      const best = Math.max(...values);
      expect(cell.nRuns).toBe(members.length);
      expect(cell.best).toBe(best);
      expect(cell.median).toBeCloseTo(median(values), 12);
      const bestRun = members
        .filter((m) => auroc(m) === best)
        .map((m) => m.runId)
        .sort()[0];
      expect(cell.bestRun.id).toBe(bestRun);
    }
  });

  it("sweep: seed 002's 36-cell design with counts, best values and gaps", async () => {
    const levels = {
      pooling: ['cls', 'mean', 'max'],
      tok: ['direct', 'binned', 'vq'],
      met: ['true', 'false'],
      vect: ['4vect', '5vect'],
    };
    const res = await app.gql<{
      sweep: {
        totalCells: number;
        coveredCells: number;
        cells: Array<{ levels: string[]; nRuns: number; best: number | null }>;
      };
    }>(
      `query($f: [SweepFactorInput!]!) { sweep(factors: $f, metric: "auroc", filter: {experiment: ["binning-vs-direct-1"]}) {
        totalCells coveredCells cells { levels nRuns best } } }`,
      {
        f: [
          { field: 'params.model.pooling', levels: levels.pooling },
          { field: 'meta.datatreatment.tokenization', levels: levels.tok },
          { field: 'params.data.met', levels: levels.met },
          { field: 'params.data.vect', levels: levels.vect },
        ],
      },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.sweep.totalCells).toBe(36);
    const inExperiment = runs.filter((r) => r.run.experiment === 'binning-vs-direct-1');
    const cells = res.data?.sweep.cells ?? [];
    expect(cells).toHaveLength(36);
    let covered = 0;
    for (const cell of cells) {
      const [pooling, tok, met, vect] = cell.levels;
      const members = inExperiment.filter((r) => {
        const c = r.run.config as {
          model: { pooling: string };
          data: { met: boolean; vect: string };
        };
        const t = (r.meta.datatreatment as { tokenization: string }).tokenization;
        return (
          c.model.pooling === pooling &&
          t === tok &&
          String(c.data.met) === met &&
          c.data.vect === vect
        );
      });
      expect(cell.nRuns, cell.levels.join(',')).toBe(members.length);
      expect(cell.best).toBe(members.length ? Math.max(...members.map(auroc)) : null);
      if (members.length > 0) covered++;
    }
    // Counted from the runs themselves, not from the response; the design has gaps.
    expect(covered).toBeGreaterThan(0);
    expect(covered).toBeLessThan(36);
    expect(res.data?.sweep.coveredCells).toBe(covered);
  });

  it('compare marks the keys that differ', async () => {
    const [a, b] = [runs[0], runs[1]];
    const res = await app.gql<{
      compare: { params: Array<{ key: string; values: string[]; differs: boolean }> };
    }>(`query($ids: [ID!]!) { compare(runIds: $ids) { params { key values differs } } }`, {
      ids: [a?.runId, b?.runId],
    });
    const epochs = res.data?.compare.params.find((p) => p.key === 'training.epochs');
    expect(epochs).toEqual({ key: 'training.epochs', values: ['50', '50'], differs: false });
    const seed = res.data?.compare.params.find((p) => p.key === 'training.seed');
    expect(seed?.differs).toBe(true);
  });
});
