import { afterAll, beforeAll, expect, it } from 'vitest';
import { syntheticRun } from '../../server/src/demo/synthetic-run.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

const N = 10_000;
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp(N);
}, 300_000);
afterAll(() => app?.dispose());

type Page = {
  runs: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: Array<{ node: { id: string } }>;
  };
};

async function pageThrough(
  orderBy: Array<{ field: string; direction: 'ASC' | 'DESC' }>,
): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  for (let guard = 0; guard < 1000; guard++) {
    const res: { data?: Page; errors?: unknown[] } = await app.gql<Page>(
      'query($o: [RunOrder!], $a: String) { runs(first: 37, orderBy: $o, after: $a) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }',
      { o: orderBy, a: after },
    );
    expect(res.errors).toBeUndefined();
    const page: Page['runs'] | undefined = res.data?.runs;
    if (!page) throw new Error('no page');
    expect(page.totalCount).toBe(N);
    ids.push(...page.edges.map((e) => e.node.id));
    if (!page.pageInfo.hasNextPage) return ids;
    after = page.pageInfo.endCursor;
  }
  throw new Error('paging did not end');
}

it('pages through 10k runs 37 at a time, every run exactly once, under orders with many ties and nulls', async () => {
  const all = Array.from({ length: N }, (_, i) => syntheticRun(i).runId).sort();
  for (const order of [
    [{ field: 'metrics.auroc', direction: 'DESC' as const }],
    [
      { field: 'meta.model_family', direction: 'ASC' as const },
      { field: 'params.optim.lr', direction: 'DESC' as const },
    ],
    [{ field: 'meta.dataset_name', direction: 'DESC' as const }],
  ]) {
    const ids = await pageThrough(order);
    expect(ids.length).toBe(N);
    expect(new Set(ids).size).toBe(N);
    expect([...ids].sort()).toEqual(all);
  }
}, 600_000);
