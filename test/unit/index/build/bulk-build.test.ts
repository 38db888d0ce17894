import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FactsStore } from '../../../../server/src/facts/index.js';
import { CREATE_TABLES, RUN_TABLES } from '../../../../server/src/index/ddl.js';
import { type DuckDbHandle, openDuckDb } from '../../../../server/src/index/duckdb/open-duckdb.js';
import { loadAllRuns } from '../../../../server/src/index/load-all-runs.js';
import { RunIndex } from '../../../../server/src/index/run-index.js';
import { interpretRun } from '../../../../server/src/index/run-rows.js';
import type { IndexTables } from '../../../../server/src/index/tables.js';
import { DEFAULT_META_CONFIG } from '../../../../server/src/meta/index.js';
import { makeTempDir } from '../../../helpers/temp-dir.js';
import { EXPECTED_ERROR_KINDS, JSON_MAX_BYTES, writeBrokenRoot } from './broken-root.js';

const TABLES = [...RUN_TABLES, 'index_errors'] as const;
type Dump = Record<(typeof TABLES)[number], unknown[]>;

let dir: { path: string; remove: () => Promise<void> };
let facts: FactsStore;
let runIds: string[];
const handles: DuckDbHandle<IndexTables>[] = [];

async function emptyIndex(): Promise<DuckDbHandle<IndexTables>> {
  const handle = await openDuckDb<IndexTables>({ path: ':memory:' });
  handles.push(handle);
  for (const ddl of CREATE_TABLES) await sql.raw(ddl).execute(handle.db);
  return handle;
}

/** Every table's rows in a canonical order (row order in a table carries no meaning). */
async function dump(db: DuckDbHandle<IndexTables>['db']): Promise<Dump> {
  const out = {} as Dump;
  for (const table of TABLES) {
    out[table] = (await sql.raw(`SELECT * FROM ${table} ORDER BY ALL`).execute(db)).rows;
  }
  return out;
}

/** The index as the build made it before the bulk path: async reads, interpretRun, appendRows. */
async function referenceIndex(): Promise<Dump> {
  const handle = await emptyIndex();
  const { runIds: ids, skipped } = await facts.listRunIds();
  const runs = [];
  for (const id of ids) runs.push(interpretRun(await facts.readRunFiles(id), DEFAULT_META_CONFIG));
  const rows = runs.flatMap((r) => (r.rows ? [r.rows] : []));
  await handle.appendRows(
    'runs',
    rows.map((r) => r.run),
  );
  await handle.appendRows(
    'run_params',
    rows.flatMap((r) => r.params),
  );
  await handle.appendRows(
    'run_metrics',
    rows.flatMap((r) => r.metrics),
  );
  await handle.appendRows(
    'run_tags',
    rows.flatMap((r) => r.tags),
  );
  const skippedErrors = skipped
    .filter((s) => s.reason !== 'temporary')
    .map((s) => ({ path: s.path, run_id: null, kind: s.reason, message: s.message }));
  await handle.appendRows('index_errors', [...skippedErrors, ...runs.flatMap((r) => r.errors)]);
  return dump(handle.db);
}

let reference: Dump;

beforeAll(async () => {
  dir = await makeTempDir('bulk-build');
  runIds = await writeBrokenRoot(dir.path, 40);
  facts = new FactsStore(dir.path, { jsonMaxBytes: JSON_MAX_BYTES });
  reference = await referenceIndex();
});

afterAll(async () => {
  for (const handle of handles) await handle.close();
  await dir.remove();
});

describe('bulk index build', () => {
  it('the generated root exercises every kind of index error', () => {
    const kinds = new Set(reference.index_errors.map((e) => (e as { kind: string }).kind));
    expect([...kinds].sort()).toEqual([...EXPECTED_ERROR_KINDS].sort());
    expect(reference.runs.length).toBeGreaterThan(30);
    expect(reference.runs.length).toBeLessThan(runIds.length);
  });

  it('on the calling thread, fills every table exactly as the reference build', async () => {
    const handle = await emptyIndex();
    await loadAllRuns(handle, facts, DEFAULT_META_CONFIG, { workers: 0, batchSize: 7 });
    expect(await dump(handle.db)).toEqual(reference);
  });

  it('with worker threads, fills every table exactly as the reference build', async () => {
    const handle = await emptyIndex();
    const progress: number[] = [];
    await loadAllRuns(handle, facts, DEFAULT_META_CONFIG, {
      workers: 2,
      batchSize: 3,
      onProgress: (done, total) => {
        expect(total).toBe(runIds.length);
        progress.push(done);
      },
    });
    expect(await dump(handle.db)).toEqual(reference);
    expect(progress.at(-1)).toBe(runIds.length);
  });

  it('replaces what the index held, and a rebuild gives the same tables', async () => {
    const handle = await emptyIndex();
    await handle.appendRows('run_tags', [{ run_id: 'stale', key: 'k', value: 'v' }]);
    await loadAllRuns(handle, facts, DEFAULT_META_CONFIG, { workers: 0 });
    await loadAllRuns(handle, facts, DEFAULT_META_CONFIG, { workers: 0 });
    expect(await dump(handle.db)).toEqual(reference);
  });

  it('RunIndex.build agrees with refreshing each run on its own', async () => {
    const built = await RunIndex.open({
      facts,
      metaConfig: DEFAULT_META_CONFIG,
      path: ':memory:',
      bulkFrom: 1,
    });
    const refreshed = await RunIndex.open({
      facts,
      metaConfig: DEFAULT_META_CONFIG,
      path: ':memory:',
    });
    try {
      await built.catchUp();
      await refreshed.refreshRuns(runIds);
      const a = await dump(built.db);
      const b = await dump(refreshed.db);
      for (const table of RUN_TABLES) expect(a[table]).toEqual(b[table]);
      // Only the build lists entries under runs/ that are not run folders.
      const runErrors = (rows: unknown[]) => rows.filter((e) => (e as { run_id: unknown }).run_id);
      expect(runErrors(a.index_errors)).toEqual(runErrors(b.index_errors));
      expect(a).toEqual(reference);
    } finally {
      await built.close();
      await refreshed.close();
    }
  });

  it('leaves the old tables in place when the build fails', async () => {
    const handle = await emptyIndex();
    await loadAllRuns(handle, facts, DEFAULT_META_CONFIG, { workers: 0 });
    // An extra NOT NULL column makes the last step, the insert from staging, fail.
    await sql`ALTER TABLE run_metrics RENAME TO run_metrics_before`.execute(handle.db);
    await sql`CREATE TABLE run_metrics (run_id VARCHAR NOT NULL, key VARCHAR NOT NULL,
      value DOUBLE NOT NULL, from_history BOOLEAN NOT NULL, extra VARCHAR NOT NULL)`.execute(
      handle.db,
    );
    await sql`INSERT INTO run_metrics SELECT *, 'x' FROM run_metrics_before`.execute(handle.db);
    await expect(loadAllRuns(handle, facts, DEFAULT_META_CONFIG, { workers: 0 })).rejects.toThrow(
      /extra/,
    );
    const after = await dump(handle.db);
    const metrics = await sql
      .raw('SELECT run_id, key, value, from_history FROM run_metrics ORDER BY ALL')
      .execute(handle.db);
    expect({ ...after, run_metrics: metrics.rows }).toEqual(reference);
    // The connection that failed is usable again: its transaction and staging tables are gone.
    await sql`DROP TABLE run_metrics`.execute(handle.db);
    await sql`ALTER TABLE run_metrics_before RENAME TO run_metrics`.execute(handle.db);
    await loadAllRuns(handle, facts, DEFAULT_META_CONFIG, { workers: 0 });
    expect(await dump(handle.db)).toEqual(reference);
  });
});
