import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createClient, unwrap } from '../../sdk/src/index.js';
import { type App, openApp } from '../../server/src/app.js';
import { syntheticRun } from '../../server/src/demo/synthetic-run.js';
import { writeSyntheticRuns } from '../../server/src/demo/write-synthetic.js';
import { FactsStore } from '../../server/src/facts/index.js';
import { openDuckDb } from '../../server/src/index/duckdb/open-duckdb.js';
import { type RunChange, RunIndex } from '../../server/src/index/run-index.js';
import { listen } from '../../server/src/main.js';
import { canonicalizeMeta, DEFAULT_META_CONFIG } from '../../server/src/meta/index.js';
import { exited, startServerProcess } from '../helpers/server-process.js';
import { makeTempDir } from '../helpers/temp-dir.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const c of cleanups.splice(0).reverse()) await c();
});

type Answer = { data?: Record<string, unknown>; errors?: Array<{ message: string }> };

async function gql(app: App, query: string, variables?: Record<string, unknown>): Promise<Answer> {
  const res = await app.yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as Answer;
}

function data<T>(answer: Answer, name: string): T {
  if (answer.errors || !answer.data) throw new Error(JSON.stringify(answer.errors));
  return answer.data[name] as T;
}

const REGISTER = `mutation($input: RegisterRunInput!) { registerRun(input: $input) {
  __typename ... on RegisterRunPayload { runId seq created meta { metaHash } }
  ... on Error { message field } ... on IdempotencyConflictError { runId } } }`;
const LOG = `mutation($runId: ID!, $metrics: [MetricPointInput!]!, $batchId: String) {
  logMetrics(runId: $runId, metrics: $metrics, batchId: $batchId) {
  __typename ... on LogMetricsPayload { count applied seq } ... on Error { message } } }`;
const TAG = `mutation($runId: ID!, $tags: [TagInput!]!) { setTags(runId: $runId, tags: $tags) {
  __typename ... on RunPayload { seq } ... on Error { message } } }`;

const input = (name: string, extra: Record<string, unknown> = {}) => ({
  experiment: 'persist',
  name,
  meta: { goal: 'classification', datasetName: '4topsplitted', processGroups: [[1], [2, 3]] },
  ...extra,
});

async function openOn(root: string, indexPath: string): Promise<App> {
  const app = await openApp({ root, indexPath, refresh: false });
  cleanups.push(() => app.close());
  return app;
}

describe('a persistent index', () => {
  it('a restart rereads only the run folders that changed, new or gone (10k runs)', async () => {
    const dir = await makeTempDir('restart');
    cleanups.push(dir.remove);
    await writeSyntheticRuns(dir.path, 10_000);
    const indexPath = join(dir.path, '.runfacts', 'index.duckdb');
    const first = await openApp({ root: dir.path, indexPath, refresh: false });
    expect(first.services.index.state.ready).toBe(true);
    await first.close();

    const edited = syntheticRun(10).runId;
    const runJson = join(dir.path, 'runs', edited, 'facts', 'run.json');
    const record = JSON.parse(await readFile(runJson, 'utf8'));
    record.tags.restart = 'seen';
    await writeFile(runJson, JSON.stringify(record));
    await rm(join(dir.path, 'runs', syntheticRun(11).runId), { recursive: true });

    const reads = vi.spyOn(FactsStore.prototype, 'readRunFiles');
    const second = await openOn(dir.path, indexPath);
    const readIds = reads.mock.calls.map((c) => c[0]);
    expect(readIds).toEqual([edited]);
    expect(second.services.index.state.rebuiltBecause).toBeNull();
    const runs = data<{ totalCount: number }>(await gql(second, '{ runs { totalCount } }'), 'runs');
    expect(runs.totalCount).toBe(9_999);
    const tagged = data<{ totalCount: number }>(
      await gql(second, `{ runs(where: "tags.restart = 'seen'") { totalCount } }`),
      'runs',
    );
    expect(tagged.totalCount).toBe(1);
  }, 240_000);

  it('rebuilds a corrupt index file, one of an older schema and one of a newer runfacts', async () => {
    const dir = await makeTempDir('schema');
    cleanups.push(dir.remove);
    await writeSyntheticRuns(dir.path, 20);
    const indexPath = join(dir.path, '.runfacts', 'index.duckdb');
    const count = async (app: App) =>
      data<{ totalCount: number }>(await gql(app, '{ runs { totalCount } }'), 'runs').totalCount;
    const setVersion = async (version: string) => {
      const handle = await openDuckDb({ path: indexPath });
      await sql`UPDATE index_info SET value = ${version} WHERE key = 'schema_version'`.execute(
        handle.db,
      );
      await handle.close();
    };
    await (await openApp({ root: dir.path, indexPath, refresh: false })).close();

    await setVersion('1');
    const older = await openApp({ root: dir.path, indexPath, refresh: false });
    expect(older.services.index.state.rebuiltBecause).toMatch(/index schema 1/);
    expect(await count(older)).toBe(20);
    await older.close();

    await setVersion('99');
    const newer = await openApp({ root: dir.path, indexPath, refresh: false });
    expect(newer.services.index.state.rebuiltBecause).toMatch(/newer runfacts/);
    expect(await count(newer)).toBe(20);
    await newer.close();

    await writeFile(indexPath, 'this is not a DuckDB file '.repeat(1000));
    await rm(`${indexPath}.wal`, { force: true });
    const corrupt = await openOn(dir.path, indexPath);
    expect(corrupt.services.index.state.rebuiltBecause).toMatch(/could not be opened/);
    expect(await count(corrupt)).toBe(20);
  });
});

describe('writes acknowledged before the index', () => {
  it('run(id) reflects a write at once while lists wait for minSeq', async () => {
    const dir = await makeTempDir('ryw');
    cleanups.push(dir.remove);
    const app = await openOn(dir.path, ':memory:');
    // Hold the index back: every batch waits until released.
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => {
      release = r;
    });
    const apply = RunIndex.prototype.apply;
    vi.spyOn(RunIndex.prototype, 'apply').mockImplementation(async function (
      this: RunIndex,
      changes: readonly RunChange[],
    ) {
      await held;
      return apply.call(this, changes);
    });
    const reg = data<{ runId: string; seq: string }>(
      await gql(app, REGISTER, { input: input('ryw') }),
      'registerRun',
    );
    const tag = data<{ seq: string }>(
      await gql(app, TAG, { runId: reg.runId, tags: [{ key: 'k', value: 'v' }] }),
      'setTags',
    );
    const byId = data<{ tags: unknown[] } | null>(
      await gql(app, `{ run(id: "${reg.runId}") { tags { key value } } }`),
      'run',
    );
    expect(byId?.tags).toEqual([{ key: 'k', value: 'v' }]);
    const listed = data<{ totalCount: number }>(
      await gql(app, `{ runs(where: "tags.k = 'v'") { totalCount } }`),
      'runs',
    );
    expect(listed.totalCount).toBe(0);
    const waited = gql(
      app,
      `query($s: String) { runs(where: "tags.k = 'v'", minSeq: $s) { totalCount } }`,
      {
        s: tag.seq,
      },
    );
    release();
    expect(data<{ totalCount: number }>(await waited, 'runs').totalCount).toBe(1);
    const bad = await gql(app, '{ runs(minSeq: "not-a-token") { totalCount } }');
    expect(bad.errors?.[0]?.message).toMatch(/minSeq/);
  });

  it("the SDK's list queries wait for its own writes: finish() then runs() sees the run", async () => {
    const dir = await makeTempDir('sdk-ryw');
    cleanups.push(dir.remove);
    const server = await listen({
      root: dir.path,
      indexPath: ':memory:',
      refresh: false,
      host: '127.0.0.1',
      port: 0,
      waitForIndex: true,
    });
    cleanups.push(() => server.close());
    const apply = RunIndex.prototype.apply;
    let released = false;
    vi.spyOn(RunIndex.prototype, 'apply').mockImplementation(async function (
      this: RunIndex,
      changes: readonly RunChange[],
    ) {
      // The index is slow: a list query that does not wait for the write misses it.
      while (!released) await new Promise((r) => setTimeout(r, 10));
      return apply.call(this, changes);
    });
    const client = createClient({ url: `${server.url}/graphql` });
    cleanups.push(() => client.close());
    const run = await client.startRun(input('sdk-ryw'));
    await run.log({ loss: 0.25 }, 1);
    await run.finish({ metrics: { auroc: 0.9 } });
    const listing = (async () => {
      const ids: string[] = [];
      for await (const r of client.runs({ where: 'metrics.auroc = 0.9' })) ids.push(r.id);
      return ids;
    })();
    setTimeout(() => {
      released = true;
    }, 300);
    expect(await listing).toEqual([run.id]);
  });

  it('a write hands the index the rows of one run, however long its history', async () => {
    const dir = await makeTempDir('cost');
    cleanups.push(dir.remove);
    const app = await openOn(dir.path, ':memory:');
    const reg = data<{ runId: string }>(
      await gql(app, REGISTER, { input: input('cost') }),
      'registerRun',
    );
    await app.services.feed.flush();
    const batch = (from: number) =>
      Array.from({ length: 1000 }, (_, i) => ({ key: `m${i % 5}`, value: i, step: from + i }));
    const applied: RunChange[][] = [];
    const apply = RunIndex.prototype.apply;
    vi.spyOn(RunIndex.prototype, 'apply').mockImplementation(function (
      this: RunIndex,
      changes: readonly RunChange[],
    ) {
      applied.push([...changes]);
      return apply.call(this, changes);
    });
    const reads = vi.spyOn(FactsStore.prototype, 'readRunFiles');
    const rowsOf = (c: RunChange) =>
      1 + (c.rows?.params.length ?? 0) + (c.rows?.metrics.length ?? 0) + (c.rows?.tags.length ?? 0);
    const logAndMeasure = async (from: number) => {
      await app.services.feed.flush();
      applied.length = 0;
      await gql(app, LOG, { runId: reg.runId, metrics: batch(from) });
      await app.services.feed.flush();
      return applied.flat().map(rowsOf);
    };
    const short = await logAndMeasure(0);
    for (let i = 1; i < 30; i++)
      await gql(app, LOG, { runId: reg.runId, metrics: batch(i * 1000) });
    const long = await logAndMeasure(30_000);
    expect(short).toEqual(long);
    expect(long).toEqual([1 + 5 + 3]); // the run row, 5 summary metrics, 3 config params
    expect(reads).not.toHaveBeenCalled();
  });

  it('a retried metrics batch is applied once, also after a restart', async () => {
    const dir = await makeTempDir('batch');
    cleanups.push(dir.remove);
    const indexPath = join(dir.path, 'index.duckdb');
    const app = await openApp({ root: dir.path, indexPath, refresh: false });
    const reg = data<{ runId: string }>(
      await gql(app, REGISTER, { input: input('batch') }),
      'registerRun',
    );
    const metrics = [{ key: 'loss', value: 0.5, step: 1 }];
    const send = (a: App) => gql(a, LOG, { runId: reg.runId, metrics, batchId: 'b-1' });
    const [one, two] = await Promise.all([send(app), send(app)]);
    const applied = [one, two].map((a) => data<{ applied: boolean }>(a, 'logMetrics').applied);
    expect(applied.sort()).toEqual([false, true]);
    await app.close();
    const again = await openOn(dir.path, indexPath);
    expect(data<{ applied: boolean }>(await send(again), 'logMetrics').applied).toBe(false);
    const lines = (
      await readFile(join(dir.path, 'runs', reg.runId, 'facts', 'metrics.jsonl'), 'utf8')
    )
      .trim()
      .split('\n');
    expect(lines).toHaveLength(1);
  });

  it('registerRun idempotency holds without the index and refuses a different body', async () => {
    const dir = await makeTempDir('idem');
    cleanups.push(dir.remove);
    const indexPath = join(dir.path, 'index.duckdb');
    const app = await openApp({ root: dir.path, indexPath, refresh: false });
    const body = input('idem', { clientRequestId: 'req-1' });
    const first = data<{ runId: string; created: boolean }>(
      await gql(app, REGISTER, { input: body }),
      'registerRun',
    );
    await app.close();
    await rm(indexPath);
    const again = await openOn(dir.path, indexPath);
    const retry = data<{ runId: string; created: boolean }>(
      await gql(again, REGISTER, { input: body }),
      'registerRun',
    );
    expect(retry).toMatchObject({ runId: first.runId, created: false });
    const other = data<{ __typename: string; runId: string; field: string }>(
      await gql(again, REGISTER, { input: { ...body, name: 'something-else' } }),
      'registerRun',
    );
    expect(other).toMatchObject({
      __typename: 'IdempotencyConflictError',
      runId: first.runId,
      field: 'clientRequestId',
    });
  });

  it("meta.json holds seed 000's full record, with the hash the API serves", async () => {
    const dir = await makeTempDir('metafile');
    cleanups.push(dir.remove);
    const app = await openOn(dir.path, ':memory:');
    const reg = data<{ runId: string; meta: { metaHash: string } }>(
      await gql(app, REGISTER, { input: input('metafile') }),
      'registerRun',
    );
    const file = JSON.parse(
      await readFile(join(dir.path, 'runs', reg.runId, 'facts', 'meta.json'), 'utf8'),
    );
    expect(file.meta_hash).toBe(reg.meta.metaHash);
    for (const key of [
      'meta_confidence',
      'meta_confidence_fields',
      'needs_review',
      'needs_review_reason',
      'row_key',
      'process_groups_key',
      'n_classes',
    ]) {
      expect(file, key).toHaveProperty(key);
    }
    expect(Object.keys(file.datatreatment)).toHaveLength(8);
    const reread = canonicalizeMeta(file, { config: DEFAULT_META_CONFIG });
    expect(reread.meta_hash).toBe(reg.meta.metaHash);
    expect(reread.derived_mismatches).toEqual([]);
  });
});

describe('a server process', () => {
  it('answers /health at once, /ready with progress, and serves every acknowledged write after kill -9', async () => {
    const dir = await makeTempDir('kill');
    cleanups.push(dir.remove);
    await writeSyntheticRuns(dir.path, 3_000);
    const first = await startServerProcess(['--root', dir.path, '--no-watch'], {}, 'listening');
    cleanups.push(async () => first.child.kill('SIGKILL'));
    const health = await fetch(`${first.url}/health`);
    expect(health.status).toBe(200);
    // Poll /ready until 200; a 3,000-run first build takes longer than one poll, so the
    // 503 answers with progress are seen on the way.
    const progress: Array<{ ready: boolean; total: number }> = [];
    for (;;) {
      const ready = await fetch(`${first.url}/ready`);
      if (ready.status === 200) break;
      expect(ready.status).toBe(503);
      progress.push((await ready.json()) as { ready: boolean; total: number });
    }
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toMatchObject({ ready: false, total: 3_000 });
    const acked: Array<{ runId: string; tag: string }> = [];
    let stop = false;
    const writer = async (w: number) => {
      const client = createClient({ url: `${first.url}/graphql`, retries: 0, timeoutMs: 10_000 });
      try {
        for (let i = 0; !stop; i++) {
          const reg = unwrap(
            (await client.op.registerRun({ input: input(`w${w}-${i}`) })).registerRun,
          );
          const runId = 'runId' in reg ? reg.runId : '';
          const tagged = await client.op.setTags({
            runId,
            tags: [{ key: 'writer', value: `${w}` }],
          });
          unwrap(tagged.setTags);
          acked.push({ runId, tag: `${w}` });
        }
      } catch {
        // cut off by the kill: never acknowledged
      } finally {
        await client.close().catch(() => undefined);
      }
    };
    const writers = Array.from({ length: 4 }, (_, w) => writer(w));
    while (acked.length < 40) await new Promise((r) => setTimeout(r, 20));
    first.child.kill('SIGKILL');
    stop = true;
    await exited(first.child);
    await Promise.all(writers);

    const second = await startServerProcess(['--root', dir.path, '--no-watch']);
    cleanups.push(async () => second.child.kill('SIGKILL'));
    const client = createClient({ url: `${second.url}/graphql` });
    cleanups.push(() => client.close());
    const listed = new Map<string, string | undefined>();
    for await (const run of client.runs({ where: "attributes.experiment = 'persist'" })) {
      listed.set(run.id, run.tags.find((t) => t.key === 'writer')?.value);
    }
    for (const { runId, tag } of acked) expect(listed.get(runId), runId).toBe(tag);
  }, 240_000);
});
