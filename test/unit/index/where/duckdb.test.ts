import { type Expression, type SqlBool, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DuckDbHandle, openDuckDb } from '../../../../server/src/index/duckdb/open-duckdb.js';
import type { IndexTables } from '../../../../server/src/index/tables.js';
import {
  compileRunFilter,
  compileRunQuery,
  compileWhere,
  type RunFilter,
} from '../../../../server/src/index/where/index.js';
import { selectRunIds } from './helpers/compile-sql.js';
import { createTestIndex, loadTestTables, type TestIndex } from './helpers/duckdb-index.js';
import { type GeneratedRun, generateRuns, INJECTION_VALUE } from './helpers/generated-runs.js';

const runs = generateRuns();

interface Runner {
  runIds(condition: Expression<SqlBool>): Promise<string[]>;
  count(table: string): Promise<number>;
}

// Every case runs twice: compiled with a dummy Kysely and executed on @duckdb/node-api directly,
// and through the runfacts DuckDB dialect, which binds parameters its own way.
let raw: TestIndex;
let dialect: DuckDbHandle<IndexTables>;
const runners: [string, Runner][] = [
  [
    'node-api',
    {
      runIds: (condition) => raw.runIds(selectRunIds(condition)),
      count: async (table) => Number(await raw.scalar(`select count(*) from ${table}`)),
    },
  ],
  [
    'dialect',
    {
      runIds: async (condition) => {
        const rows = await dialect.db
          .selectFrom('runs')
          .select('run_id')
          .where(condition)
          .orderBy('run_id')
          .execute();
        return rows.map((row) => row.run_id);
      },
      count: async (table) => {
        const query = sql<{ n: number }>`select count(*)::INTEGER as n from ${sql.table(table)}`;
        return Number((await query.execute(dialect.db)).rows[0]?.n);
      },
    },
  ],
];

beforeAll(async () => {
  raw = await createTestIndex(runs);
  dialect = await openDuckDb<IndexTables>({ path: ':memory:' });
  await dialect.withConnection(({ connection }) => loadTestTables(connection, runs));
});
afterAll(async () => {
  raw.close();
  await dialect.close();
});

function expectedIds(predicate: (run: GeneratedRun) => boolean): string[] {
  return runs
    .filter(predicate)
    .map((run) => run.run_id)
    .sort();
}

const ms = (iso: string) => Date.parse(iso);
const has = <T>(value: T | undefined): value is T => value !== undefined;
const gt = (value: number | undefined, than: number) => has(value) && value > than;

const whereCases: { where: string; matches: (run: GeneratedRun) => boolean }[] = [
  {
    where:
      "metrics.auroc > 0.9 and params.lr = '0.001' and meta.model_family = 'transformer' " +
      "and tags.note LIKE '%seed%' and attributes.status = 'FINISHED'",
    matches: (r) =>
      gt(r.metrics.auroc, 0.9) &&
      r.params.lr === '0.001' &&
      r.model_family === 'transformer' &&
      (r.tags.note ?? '').includes('seed') &&
      r.status === 'FINISHED',
  },
  {
    where: 'metrics.auroc <= 0.7 OR metrics.`val/loss` > 2.5',
    matches: (r) =>
      (has(r.metrics.auroc) && r.metrics.auroc <= 0.7) || gt(r.metrics['val/loss'], 2.5),
  },
  {
    where: "not (params.optimizer = 'adam' or params.optimizer = 'sgd')",
    matches: (r) => !(r.params.optimizer === 'adam' || r.params.optimizer === 'sgd'),
  },
  {
    where: "params.optimizer not in ('adam', 'sgd')",
    matches: (r) => has(r.params.optimizer) && !['adam', 'sgd'].includes(r.params.optimizer),
  },
  { where: 'params.optimizer IS NULL', matches: (r) => !has(r.params.optimizer) },
  {
    where: "tags.note ILIKE '%SEED%' and tags.owner is not null",
    matches: (r) => (r.tags.note ?? '').toLowerCase().includes('seed') && has(r.tags.owner),
  },
  {
    where: "tags.note like 'seed%'",
    matches: (r) => (r.tags.note ?? '').startsWith('seed'),
  },
  {
    where: "tags.note like 'seed\\_%' or tags.note not like '%\\%%'",
    matches: (r) =>
      has(r.tags.note) && (r.tags.note.startsWith('seed_') || !r.tags.note.includes('%')),
  },
  {
    where: "tags.note like '%\\%%'",
    matches: (r) => (r.tags.note ?? '').includes('%'),
  },
  {
    where: "meta.needs_review = true and (meta.goal = 'classification' or meta.goal is null)",
    matches: (r) => r.needs_review && (r.goal === 'classification' || r.goal === null),
  },
  {
    where: "meta.needs_review = 'false' and meta.n_classes in (2, 3)",
    matches: (r) => !r.needs_review && (r.n_classes === 2 || r.n_classes === 3),
  },
  {
    where: `attributes.start_time >= '2024-03-01' and run.start_time < ${ms('2024-05-01T00:00:00Z')}`,
    matches: (r) =>
      r.started_at.getTime() >= ms('2024-03-01T00:00:00Z') &&
      r.started_at.getTime() < ms('2024-05-01T00:00:00Z'),
  },
  {
    where: "attributes.ended_at > '2024-04-01T02:00:00+02:00'",
    matches: (r) => r.ended_at !== null && r.ended_at.getTime() > ms('2024-04-01T00:00:00Z'),
  },
  { where: 'attributes.end_time IS NULL', matches: (r) => r.ended_at === null },
  {
    where: "attributes.status != 'FINISHED' and attributes.duration_seconds > 3600",
    matches: (r) => r.status !== 'FINISHED' && gt(r.duration_seconds ?? undefined, 3600),
  },
  {
    where:
      "meta.datatreatment.tokenization = 'bpe' and meta.datatreatment_pid_encoding like 'one%'",
    matches: (r) => r.tokenization === 'bpe' && r.pid_encoding.startsWith('one'),
  },
  {
    where: "not meta.model_family = 'transformer'",
    matches: (r) => r.model_family !== 'transformer',
  },
  {
    where: "meta.model_family != 'transformer'",
    matches: (r) => r.model_family !== null && r.model_family !== 'transformer',
  },
  {
    where:
      "run.experiment in ('exp-a', 'exp-b') and not (metrics.auroc > 0.8 and params.lr = '0.01')",
    matches: (r) =>
      ['exp-a', 'exp-b'].includes(r.experiment) &&
      !(gt(r.metrics.auroc, 0.8) && r.params.lr === '0.01'),
  },
  {
    where:
      "params.model.layers in ('4', '8') and metrics.epochs >= 10 and attributes.timestamp >= '20240401_000000'",
    matches: (r) =>
      ['4', '8'].includes(r.params['model.layers'] ?? '') &&
      (r.metrics.epochs ?? -1) >= 10 &&
      r.timestamp >= '20240401_000000',
  },
];

describe.each(runners)('where strings on DuckDB (%s) match a JS filter', (_, db) => {
  for (const { where, matches } of whereCases) {
    it(where, async () => {
      const expected = expectedIds(matches);
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(runs.length);
      expect(await db.runIds(compileWhere(where))).toEqual(expected);
    });
  }
});

const filterCases: { name: string; filter: RunFilter; matches: (run: GeneratedRun) => boolean }[] =
  [
    {
      name: 'lists, booleans, metrics and params',
      filter: {
        experiment: ['exp-a', 'exp-c'],
        needsReview: false,
        metrics: [{ key: 'auroc', op: 'GTE', value: 0.8 }],
        params: [{ key: 'optimizer', op: 'IN', values: ['adam', 'sgd'] }],
      },
      matches: (r) =>
        ['exp-a', 'exp-c'].includes(r.experiment) &&
        !r.needs_review &&
        (r.metrics.auroc ?? -1) >= 0.8 &&
        ['adam', 'sgd'].includes(r.params.optimizer ?? ''),
    },
    {
      name: 'time window, tags LIKE, single strings',
      filter: {
        status: 'FINISHED',
        modelFamily: 'transformer',
        createdAfter: '2024-02-01',
        createdBefore: '2024-05-01T00:00:00Z',
        tags: [{ key: 'note', op: 'LIKE', value: '%seed%' }],
      },
      matches: (r) =>
        r.status === 'FINISHED' &&
        r.model_family === 'transformer' &&
        r.started_at.getTime() >= ms('2024-02-01T00:00:00Z') &&
        r.started_at.getTime() < ms('2024-05-01T00:00:00Z') &&
        (r.tags.note ?? '').includes('seed'),
    },
    {
      name: 'meta columns and NEQ conditions',
      filter: {
        datasetName: 'jetclass',
        goal: ['classification', 'regression'],
        tokenization: ['bpe', 'binned'],
        metaHash: ['h1', 'h2', 'h3'],
        metrics: [{ key: 'val/loss', op: 'NEQ', value: 1 }],
        params: [{ key: 'lr', op: 'NEQ', value: '0.01' }],
      },
      matches: (r) =>
        r.dataset_name === 'jetclass' &&
        r.goal !== null &&
        ['bpe', 'binned'].includes(r.tokenization) &&
        ['h1', 'h2', 'h3'].includes(r.meta_hash) &&
        has(r.metrics['val/loss']) &&
        r.metrics['val/loss'] !== 1 &&
        r.params.lr !== '0.01',
    },
    {
      name: 'process groups and row keys',
      filter: { processGroupsKey: 'ttbar+qcd', rowKey: ['r1'] },
      matches: (r) => r.process_groups_key === 'ttbar+qcd' && r.row_key === 'r1',
    },
  ];

describe.each(runners)('RunFilter on DuckDB (%s) matches a JS filter', (_, db) => {
  for (const { name, filter, matches } of filterCases) {
    it(name, async () => {
      const expected = expectedIds(matches);
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(runs.length);
      expect(await db.runIds(compileRunFilter(filter))).toEqual(expected);
    });
  }

  it('matches nothing for an empty any-of list and everything for an empty filter', async () => {
    expect(await db.runIds(compileRunFilter({ tokenization: [] }))).toEqual([]);
    expect(await db.runIds(compileRunFilter({}))).toHaveLength(runs.length);
  });

  it('combines a RunFilter with a where string', async () => {
    const query = compileRunQuery({ status: ['FINISHED', 'FAILED'] }, 'not metrics.auroc > 0.75');
    const expected = expectedIds(
      (r) => ['FINISHED', 'FAILED'].includes(r.status) && !gt(r.metrics.auroc, 0.75),
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(await db.runIds(query)).toEqual(expected);
    expect(await db.runIds(compileRunQuery(undefined, undefined))).toHaveLength(runs.length);
  });
});

describe.each(runners)('injection attempts on DuckDB (%s) are plain values', (_, db) => {
  it('treats quotes and SQL in a value as text and leaves the table alone', async () => {
    const attempt = "params.x = '\\'; drop table runs; --'";
    expect(await db.runIds(compileWhere(attempt))).toEqual(['run-007']);
    const other = "params.lr = '\\' or 1=1; drop table run_params; --'";
    expect(await db.runIds(compileWhere(other))).toEqual([]);
    expect(await db.count('runs')).toBe(runs.length);
    expect(await db.count('run_params')).toBeGreaterThan(0);
    expect(runs.find((r) => r.run_id === 'run-007')?.params.x).toBe(INJECTION_VALUE);
  });

  it('treats a hostile key as a key', async () => {
    const where = 'metrics.`auroc"; drop table runs; --` > 0 or params."lr\'" = \'x\'';
    expect(await db.runIds(compileWhere(where))).toEqual([]);
    expect(await db.count('runs')).toBe(runs.length);
  });
});
