import { appendFile, cp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openApp } from '../../server/src/app.js';
import { syntheticRun } from '../../server/src/demo/synthetic-run.js';
import { writeSyntheticRuns } from '../../server/src/demo/write-synthetic.js';
import { makeTempDir } from '../helpers/temp-dir.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function gql(app: Awaited<ReturnType<typeof openApp>>, query: string) {
  const res = await app.yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  return (await res.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
}

/** A top-level field of a GraphQL answer; throws when the answer has errors. */
function field<T>(answer: { data?: Record<string, unknown>; errors?: unknown[] }, name: string): T {
  if (answer.errors || !answer.data) throw new Error(JSON.stringify(answer.errors));
  return answer.data[name] as T;
}

async function until<T>(probe: () => Promise<T>, ok: (v: T) => boolean, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}

const SNAPSHOT = `{
  runs(first: 200, orderBy: [{field: "attributes.run_id"}]) { totalCount edges { cursor node { id status
    meta { metaHash rowKey needsReview needsReviewReasons fieldConfidence { datasetName } }
    params { key value } metrics { key value } tags { key value } history(key: "loss") { step value timestamp } } } }
  coverage(includeNeedsReview: true) { rows columns cells { row column best median nRuns bestRun { id } } }
  experiments { name runCount needsReviewCount }
  indexStatus { runsIndexed errorCount errors { path kind message } }
}`;

describe('the index is a cache of the facts', () => {
  it('deleting the index file and restarting gives identical answers', async () => {
    const dir = await makeTempDir('rebuild');
    cleanups.push(dir.remove);
    await writeSyntheticRuns(dir.path, 120);
    await writeFile(
      join(dir.path, 'runs', syntheticRun(5).runId, 'facts', 'meta.json'),
      '{"goal": ',
    );
    const indexPath = join(dir.path, '.runfacts', 'index.duckdb');
    const first = await openApp({ root: dir.path, indexPath, refresh: false });
    const before = await gql(first, SNAPSHOT);
    await first.close();
    await rm(indexPath);
    const second = await openApp({ root: dir.path, indexPath, refresh: false });
    cleanups.push(second.close);
    const after = await gql(second, SNAPSHOT);
    expect(before.errors).toBeUndefined();
    expect(field<{ errorCount: number }>(before, 'indexStatus').errorCount).toBe(1);
    expect(after.data).toEqual(before.data);
  });

  it('rescan alone (no watcher): finds atomic edits, appends, broken files and deletions', async () => {
    const dir = await makeTempDir('rescan-only');
    cleanups.push(dir.remove);
    await writeSyntheticRuns(dir.path, 30);
    const app = await openApp({
      root: dir.path,
      indexPath: ':memory:',
      refresh: { rescanSeconds: 1, watch: false },
    });
    cleanups.push(app.close);
    expect(app.services.refresher?.status.watching).toBe(false);
    const target = syntheticRun(3);
    const facts = join(dir.path, 'runs', target.runId, 'facts');
    const record = JSON.parse(await readFile(join(facts, 'run.json'), 'utf8'));
    record.tags.edited = 'by hand';
    // The documented way for other programs: a temp file renamed over the old one.
    await writeFile(join(facts, 'run.json.tmp'), JSON.stringify(record));
    await rename(join(facts, 'run.json.tmp'), join(facts, 'run.json'));
    const tagged = await until(
      () => gql(app, `{ runs(where: "tags.edited = 'by hand'") { totalCount } }`),
      (r) => field<{ totalCount: number } | undefined>(r, 'runs')?.totalCount === 1,
    );
    expect(field<{ totalCount: number }>(tagged, 'runs').totalCount).toBe(1);
    // run(id) reads the run's current facts too, once the rescan saw the change.
    const byId = await gql(app, `{ run(id: "${target.runId}") { tags { key value } } }`);
    expect(field<{ tags: unknown[] }>(byId, 'run').tags).toContainEqual({
      key: 'edited',
      value: 'by hand',
    });

    await appendFile(
      join(facts, 'metrics.jsonl'),
      `${JSON.stringify({ key: 'appended', value: 42, step: 1, ts: new Date().toISOString() })}\n`,
    );
    const appended = await until(
      () => gql(app, '{ runs(where: "metrics.appended = 42") { totalCount } }'),
      (r) => field<{ totalCount: number }>(r, 'runs').totalCount === 1,
    );
    expect(field<{ totalCount: number }>(appended, 'runs').totalCount).toBe(1);

    const broken = syntheticRun(7);
    const brokenFacts = join(dir.path, 'runs', broken.runId, 'facts');
    await writeFile(join(brokenFacts, 'run.json.tmp'), '{"run_id": ');
    await rename(join(brokenFacts, 'run.json.tmp'), join(brokenFacts, 'run.json'));
    const status = await until(
      () =>
        gql(
          app,
          '{ indexStatus { runsIndexed errors { path kind message } } runs { totalCount } }',
        ),
      (r) => field<{ errors: unknown[] }>(r, 'indexStatus').errors.length === 1,
    );
    const report = status.data?.indexStatus as {
      runsIndexed: number;
      errors: Array<{ path: string; kind: string; message: string }>;
    };
    expect(report.errors[0]?.path).toContain(broken.runId);
    expect(report.errors[0]?.kind).toBe('malformed_json');
    expect(report.runsIndexed).toBe(29);
    expect(field<{ totalCount: number }>(status, 'runs').totalCount).toBe(29);

    await rm(join(dir.path, 'runs', syntheticRun(8).runId), { recursive: true });
    const afterDelete = await until(
      () => gql(app, '{ runs { totalCount } }'),
      (r) => field<{ totalCount: number }>(r, 'runs').totalCount === 28,
    );
    expect(field<{ totalCount: number }>(afterDelete, 'runs').totalCount).toBe(28);
  });

  it('an in-place rewrite is found by the full rescan, not the quick one', async () => {
    const dir = await makeTempDir('rescan-full');
    cleanups.push(dir.remove);
    await writeSyntheticRuns(dir.path, 10);
    const app = await openApp({
      root: dir.path,
      indexPath: ':memory:',
      refresh: { rescanSeconds: 3600, watch: false },
    });
    cleanups.push(app.close);
    const runJson = join(dir.path, 'runs', syntheticRun(2).runId, 'facts', 'run.json');
    const record = JSON.parse(await readFile(runJson, 'utf8'));
    record.tags.inplace = 'yes';
    await writeFile(runJson, JSON.stringify(record));
    const count = async () =>
      field<{ totalCount: number }>(
        await gql(app, `{ runs(where: "tags.inplace = 'yes'") { totalCount } }`),
        'runs',
      ).totalCount;
    await app.services.refresher?.rescan(false);
    expect(await count()).toBe(0);
    await app.services.refresher?.rescan(true);
    expect(await count()).toBe(1);
  });

  it('the watcher alone (rescan an hour away) finds run folders added and removed', async () => {
    const dir = await makeTempDir('watch-only');
    cleanups.push(dir.remove);
    const other = await makeTempDir('watch-source');
    cleanups.push(other.remove);
    await writeSyntheticRuns(dir.path, 5);
    await writeSyntheticRuns(other.path, 8);
    const app = await openApp({
      root: dir.path,
      indexPath: ':memory:',
      refresh: { rescanSeconds: 3600 },
    });
    cleanups.push(app.close);
    await until(
      async () => app.services.refresher?.status.watching,
      (w) => w === true,
    );
    const added = syntheticRun(6).runId;
    await cp(join(other.path, 'runs', added), join(dir.path, 'runs', added), { recursive: true });
    const total = async () =>
      field<{ totalCount: number }>(await gql(app, '{ runs { totalCount } }'), 'runs').totalCount;
    expect(await until(total, (n) => n === 6)).toBe(6);
    // Read by id first: the run is then in the run cache, which must not hide its deletion.
    const gone = syntheticRun(1).runId;
    const byId = async () =>
      field<{ id: string } | null>(await gql(app, `{ run(id: "${gone}") { id } }`), 'run');
    expect(await byId()).toEqual({ id: gone });
    await rm(join(dir.path, 'runs', gone), { recursive: true });
    expect(await until(total, (n) => n === 5)).toBe(5);
    expect(await byId()).toBeNull();
    expect(app.services.refresher?.status.lastRescanAt).toBeNull();
  });

  it('with --no-watch and no rescan due, nothing is seen until a rescan; after stop(), nothing at all', async () => {
    const dir = await makeTempDir('no-watch');
    cleanups.push(dir.remove);
    await writeSyntheticRuns(dir.path, 5);
    const app = await openApp({
      root: dir.path,
      indexPath: ':memory:',
      refresh: { rescanSeconds: 3600, watch: false },
    });
    cleanups.push(app.close);
    const total = async () =>
      field<{ totalCount: number }>(await gql(app, '{ runs { totalCount } }'), 'runs').totalCount;
    await rm(join(dir.path, 'runs', syntheticRun(1).runId), { recursive: true });
    // Give a watcher, had there been one, time to act: it would have dropped the run by now.
    await new Promise((r) => setTimeout(r, 1500));
    expect(await total()).toBe(5);
    await app.services.refresher?.rescan();
    expect(await total()).toBe(4);
    await app.services.refresher?.stop();
    await rm(join(dir.path, 'runs', syntheticRun(2).runId), { recursive: true });
    await app.services.refresher?.rescan();
    expect(await total()).toBe(4);
  });
});
