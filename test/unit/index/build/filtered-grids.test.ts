import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSyntheticRuns } from '../../../../server/src/demo/write-synthetic.js';
import { FactsStore } from '../../../../server/src/facts/index.js';
import { coverage } from '../../../../server/src/index/queries/coverage.js';
import { sweep } from '../../../../server/src/index/queries/sweep.js';
import { RunIndex } from '../../../../server/src/index/run-index.js';
import type { RunFilter } from '../../../../server/src/index/where/index.js';
import { DEFAULT_META_CONFIG } from '../../../../server/src/meta/index.js';
import { makeTempDir } from '../../../helpers/temp-dir.js';

// Coverage and sweep apply their RunFilter to `runs` in place; these check that against a plain
// recomputation over the index rows, with filters on columns and on metric/param/tag keys.

interface Run {
  id: string;
  experiment: string;
  rowKey: string | null;
  family: string | null;
  review: boolean;
  metrics: Map<string, number>;
  params: Map<string, string>;
  tags: Map<string, string>;
}

let dir: { path: string; remove: () => Promise<void> };
let index: RunIndex;
let runs: Run[];

beforeAll(async () => {
  dir = await makeTempDir('filtered-grids');
  await writeSyntheticRuns(dir.path, 300);
  index = await RunIndex.open({
    facts: new FactsStore(dir.path),
    metaConfig: DEFAULT_META_CONFIG,
    path: ':memory:',
  });
  await index.catchUp();
  const rows = await index.db.selectFrom('runs').selectAll().execute();
  const byRun = new Map<string, Run>();
  for (const r of rows) {
    byRun.set(r.run_id, {
      id: r.run_id,
      experiment: r.experiment,
      rowKey: r.row_key,
      family: r.model_family,
      review: r.needs_review,
      metrics: new Map(),
      params: new Map(),
      tags: new Map(),
    });
  }
  for (const table of ['run_metrics', 'run_params', 'run_tags'] as const) {
    const kv = await index.db.selectFrom(table).select(['run_id', 'key', 'value']).execute();
    const field = ({ run_metrics: 'metrics', run_params: 'params', run_tags: 'tags' } as const)[
      table
    ];
    for (const { run_id, key, value } of kv) byRun.get(run_id)?.[field].set(key, value as never);
  }
  runs = [...byRun.values()];
});

afterAll(async () => {
  await index?.close();
  await dir.remove();
});

const FILTERS: Array<[string, RunFilter, (r: Run) => boolean]> = [
  ['no filter', {}, () => true],
  [
    'experiment and a metric threshold',
    { experiment: ['binning-vs-direct-1'], metrics: [{ key: 'accuracy', op: 'GT', value: 0.75 }] },
    (r) => r.experiment === 'binning-vs-direct-1' && (r.metrics.get('accuracy') ?? -1) > 0.75,
  ],
  [
    'a param and a tag',
    {
      params: [{ key: 'model.pooling', op: 'EQ', value: 'cls' }],
      tags: [{ key: 'owner', op: 'IN', values: ['ana', 'bo'] }],
    },
    (r) =>
      r.params.get('model.pooling') === 'cls' && ['ana', 'bo'].includes(r.tags.get('owner') ?? ''),
  ],
];

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

describe.each(FILTERS)('grids with %s', (_name, filter, keep) => {
  it('coverage equals a recomputation', async () => {
    const grid = await coverage(index.db, {
      rows: { name: 'ROW_KEY' },
      columns: { name: 'MODEL_FAMILY' },
      metric: 'auroc',
      direction: 'HIGHER',
      includeNeedsReview: false,
      filter,
    });
    const groups = new Map<string, Run[]>();
    for (const r of runs.filter((r) => keep(r) && !r.review && r.metrics.has('auroc'))) {
      const key = JSON.stringify([r.rowKey, r.family]);
      groups.set(key, [...(groups.get(key) ?? []), r]);
    }
    expect(grid.cells.length).toBe(groups.size);
    expect(groups.size).toBeGreaterThan(0);
    for (const cell of grid.cells) {
      const members = groups.get(JSON.stringify([cell.row, cell.column])) ?? [];
      const values = members.map((m) => m.metrics.get('auroc') as number);
      const best = Math.max(...values);
      expect(cell.nRuns).toBe(members.length);
      expect(cell.best).toBe(best);
      expect(cell.median).toBeCloseTo(median(values), 12);
      const bestRun = members.filter((m) => m.metrics.get('auroc') === best).map((m) => m.id);
      expect(cell.bestRunId).toBe(bestRun.sort()[0]);
    }
  });

  it('sweep counts equal a recomputation', async () => {
    const result = await sweep(index.db, {
      factors: [{ field: 'params.model.pooling' }, { field: 'meta.datatreatment.tokenization' }],
      metric: 'auroc',
      direction: 'HIGHER',
      filter,
    });
    const counts = new Map<string, number>();
    for (const r of runs.filter(keep)) {
      const key = JSON.stringify([r.params.get('model.pooling'), tokenizationOf(r)]);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    for (const cell of result.cells) {
      expect(cell.nRuns).toBe(counts.get(JSON.stringify(cell.levels)) ?? 0);
    }
    expect(result.cells.reduce((n, c) => n + c.nRuns, 0)).toBe(runs.filter(keep).length);
  });
});

function tokenizationOf(r: Run): string {
  return r.params.get('tokenizer.name') as string;
}
