import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FactsStore } from '../../../server/src/facts/index.js';
import { type Child, spawnTsChild } from '../../helpers/child-process.js';
import { blobFor } from '../../helpers/facts-children/shared.js';
import { sampleRun } from '../../helpers/facts-fixtures.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

const STALE_MS = 2_000;
const BLOB_BYTES = 2 * 1024 * 1024;
const TS = '2024-05-01T12:00:00Z';

let dir: { path: string; remove: () => Promise<void> };
let store: FactsStore;
let children: Child[] = [];
beforeEach(async () => {
  dir = await makeTempDir('crash');
  store = new FactsStore(dir.path, { lock: { staleMs: STALE_MS } });
  children = [];
});
afterEach(async () => {
  await Promise.all(children.map((child) => child.kill()));
  await dir.remove();
});

function spawn(script: string, args: unknown): Child {
  const child = spawnTsChild(script, args);
  children.push(child);
  return child;
}

/**
 * SIGKILLs the child as soon as `dir` holds an entry starting with `prefix` (a temp file, or the
 * lock of a write in progress), and says whether the kill landed mid-write: the entry is left.
 */
async function killMidWrite(child: Child, dir: string, prefix: string): Promise<boolean> {
  const present = async () => (await readdir(dir)).some((n) => n.startsWith(prefix));
  while (child.process.exitCode === null && !(await present())) {
    // Poll as fast as the file system answers: a write lasts only milliseconds.
  }
  await child.kill();
  expect((await child.exited).signal).toBe('SIGKILL');
  return present();
}

/** Rounds stop once two kills landed mid-write; the cap keeps a slow machine bounded. */
const MAX_ROUNDS = 8;
const MID_WRITE_KILLS = 2;

/** The highest N printed as `<prefix> N` so far. */
function lastReported(child: Child, prefix: string): number {
  const counts = child.lines
    .filter((l) => l.startsWith(prefix))
    .map((l) => Number(l.slice(prefix.length)));
  return Math.max(0, ...counts);
}

describe('a writer killed with SIGKILL', () => {
  it('leaves a file written by writeFileAtomic either old or new, never partial', async () => {
    const path = join(dir.path, 'big.json');
    const variants = [0, 1, 2].map((v) => blobFor(v, 2 * BLOB_BYTES));
    let killedMidWrite = 0;
    for (let round = 0; round < MAX_ROUNDS && killedMidWrite < MID_WRITE_KILLS; round++) {
      const writer = spawn('atomic-write-loop.ts', { path, bytes: 2 * BLOB_BYTES, variants: 3 });
      await writer.waitForLine((line) => line.startsWith('wrote '));
      if (await killMidWrite(writer, dir.path, '.tmp-big.json-')) killedMidWrite++;
      const content = await readFile(path, 'utf8');
      expect(variants.indexOf(content)).toBeGreaterThanOrEqual(0);
    }
    expect(killedMidWrite).toBe(MID_WRITE_KILLS);
    const others = (await readdir(dir.path)).filter((n) => n !== 'big.json');
    for (const name of others) expect(name.startsWith('.tmp-big.json-')).toBe(true);
  });

  it('never leaves a torn run.json while rewriting a large one in a loop', async () => {
    const config = { version: 0, blob: blobFor(0, BLOB_BYTES) };
    await store.createRun('big', { run: sampleRun('big', { config }), meta: {} });
    let acknowledged = 0;
    let killedMidWrite = 0;
    for (let round = 0; round < MAX_ROUNDS && killedMidWrite < MID_WRITE_KILLS; round++) {
      const writer = spawn('rewrite-loop.ts', {
        root: dir.path,
        runId: 'big',
        blobBytes: BLOB_BYTES,
        staleMs: STALE_MS,
      });
      await writer.waitForLine((line) => line.startsWith('wrote '));
      if (await killMidWrite(writer, store.factsDir('big'), '.tmp-run.json-')) killedMidWrite++;
      acknowledged = lastReported(writer, 'wrote ');

      const files = await store.readRunFiles('big');
      expect(files.errors).toEqual([]);
      const version = files.run?.config.version;
      expect(typeof version).toBe('number');
      expect(files.run?.config).toEqual({ version, blob: blobFor(version as number, BLOB_BYTES) });
      expect(version).toBeGreaterThanOrEqual(acknowledged);
      expect(version).toBeLessThanOrEqual(acknowledged + 1);
    }
    expect(killedMidWrite).toBe(MID_WRITE_KILLS);

    const updated = await store.updateRun('big', (run) => ({ ...run, status: 'KILLED' }));
    expect(updated.status).toBe('KILLED');
    expect((await store.readRunFiles('big')).run?.status).toBe('KILLED');
    const leftovers = (await readdir(store.factsDir('big'))).filter((n) => n.startsWith('.'));
    expect(leftovers).toEqual([]);
  });

  it('keeps every complete metric line of an append loop, and appends still work', async () => {
    // An append holds the run's lock for its whole write, so a lock left behind proves the kill
    // landed inside one. Each round uses a fresh run; the first such kill is checked.
    let killed: { runId: string; acknowledged: number } | null = null;
    for (let round = 0; round < MAX_ROUNDS && killed === null; round++) {
      const runId = `loop${round}`;
      await store.createRun(runId, { run: sampleRun(runId), meta: {} });
      const writer = spawn('append-loop.ts', {
        root: dir.path,
        runId,
        batch: 2_000,
        staleMs: STALE_MS,
      });
      await writer.waitForLine((line) => line.startsWith('appended '));
      if (await killMidWrite(writer, store.factsDir(runId), '.lock')) {
        killed = { runId, acknowledged: lastReported(writer, 'appended ') };
      }
    }
    if (killed === null) throw new Error(`no kill landed mid-append in ${MAX_ROUNDS} rounds`);
    const { runId, acknowledged } = killed;

    const files = await store.readRunFiles(runId);
    const served = files.metrics.length;
    expect(served).toBeGreaterThanOrEqual(acknowledged);
    expect(files.metrics.map((p) => p.step)).toEqual(Array.from({ length: served }, (_, i) => i));
    // At most the line being written when the kill landed is torn, and it is the last one.
    expect(files.errors.length).toBeLessThanOrEqual(1);
    for (const error of files.errors)
      expect(error).toMatchObject({ kind: 'torn_line', line: served + 1 });

    // The dead writer's lock goes stale and the next append takes it over.
    await store.appendMetrics(runId, [{ key: 'after', value: 1, step: 0, ts: TS }]);
    const after = await store.readRunFiles(runId);
    expect(after.metrics).toHaveLength(served + 1);
    expect(after.metrics.at(-1)?.key).toBe('after');
    expect(after.errors.map((e) => e.kind)).toEqual(files.errors.map(() => 'malformed_json'));
  });

  it('reports the torn line of a writer killed mid-record and serves the rest', async () => {
    await store.createRun('torn', { run: sampleRun('torn'), meta: {} });
    const path = join(store.factsDir('torn'), 'metrics.jsonl');
    const records = [0, 1, 2].map((step) => ({ key: 'loss', value: step, step, ts: TS }));
    const writer = spawn('torn-append.ts', { path, records, partial: '{"key":"loss","value":0.' });
    await writer.waitForLine((line) => line === 'torn');
    await writer.kill();

    const files = await store.readRunFiles('torn');
    expect(files.metrics).toEqual(records);
    expect(files.errors).toMatchObject([{ kind: 'torn_line', line: 4, path }]);

    const next = { key: 'loss', value: 3, step: 3, ts: TS };
    await store.appendMetrics('torn', [next]);
    const after = await store.readRunFiles('torn');
    expect(after.metrics).toEqual([...records, next]);
    expect(after.errors).toMatchObject([{ kind: 'malformed_json', line: 4 }]);
  });
});
