import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FactsStore, type RunFiles, type RunRecordInput } from '../../../server/src/facts/index.js';
import { type Child, type SpawnOptions, spawnTsChild } from '../../helpers/child-process.js';
import { sampleRun } from '../../helpers/facts-fixtures.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

const WORKERS = 8;
const ROUNDS = 12;
const BATCH = 25;

let dir: { path: string; remove: () => Promise<void> };
let children: Child[] = [];
beforeEach(async () => {
  dir = await makeTempDir('concurrent');
  children = [];
});
afterEach(async () => {
  await Promise.all(children.map((child) => child.kill()));
  await dir.remove();
});

/** Eight writer processes on one run, each appending metrics and updating run.json ROUNDS times. */
async function raceWriters(options: SpawnOptions = {}) {
  const store = new FactsStore(dir.path);
  const run: RunRecordInput = sampleRun('shared', { config: { counter: 0 } });
  await store.createRun('shared', { run, meta: {} });
  for (let worker = 0; worker < WORKERS; worker++) {
    const args = { root: dir.path, runId: 'shared', worker, rounds: ROUNDS, batch: BATCH };
    children.push(spawnTsChild('concurrent-writer.ts', args, options));
  }
  const exits = await Promise.all(children.map((child) => child.exited));
  return { exits, files: await store.readRunFiles('shared') };
}

/** The run.json updates that are not in the file, and writers that failed (each lost its rest). */
function lostRunUpdates(files: RunFiles, exits: Array<{ code: number | null; stderr: string }>) {
  const lost: string[] = exits.filter((e) => e.code !== 0).map((e) => `writer failed: ${e.stderr}`);
  const tags = files.run?.tags ?? {};
  for (let worker = 0; worker < WORKERS; worker++) {
    for (let round = 0; round < ROUNDS; round++) {
      if (tags[`w${worker}_r${round}`] !== String(round)) lost.push(`tag w${worker}_r${round}`);
    }
  }
  const counter = Number(files.run?.config.counter);
  if (counter !== WORKERS * ROUNDS) lost.push(`counter ${counter} of ${WORKERS * ROUNDS}`);
  return lost;
}

describe('eight processes writing one run at once', () => {
  it('loses no metric point and no run.json update', async () => {
    const store = new FactsStore(dir.path);
    const { exits, files } = await raceWriters();
    expect(lostRunUpdates(files, exits)).toEqual([]);
    expect(files.errors).toEqual([]);
    expect(files.metrics).toHaveLength(WORKERS * ROUNDS * BATCH);
    const seen = new Set(files.metrics.map((p) => `${p.key}@${p.step}`));
    for (let worker = 0; worker < WORKERS; worker++) {
      for (let step = 0; step < ROUNDS * BATCH; step++) {
        expect(seen.has(`w${worker}@${step}`)).toBe(true);
      }
    }
    expect(Object.keys(files.run?.tags ?? {})).toHaveLength(WORKERS * ROUNDS);
    const lines = (await readFile(join(store.factsDir('shared'), 'metrics.jsonl'), 'utf8')).split(
      '\n',
    );
    expect(lines.pop()).toBe('');
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
  });

  // Shows the run.json half above detects a missing lock. The metrics half cannot: each batch is
  // one O_APPEND write, which the kernel keeps whole with or without the lock (jsonl.test.ts
  // covers torn appends).
  it('negative control: with a lock that locks nothing, run.json updates are lost', async () => {
    const { exits, files } = await raceWriters({ noLock: true });
    expect(lostRunUpdates(files, exits).length).toBeGreaterThan(0);
  });
});
