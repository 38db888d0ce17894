import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FactsStore, type RunRecordInput } from '../../../server/src/facts/index.js';
import { type Child, spawnTsChild } from '../../helpers/child-process.js';
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

describe('eight processes writing one run at once', () => {
  it('loses no metric point and no run.json update', async () => {
    const store = new FactsStore(dir.path);
    const run: RunRecordInput = sampleRun('shared', { config: { counter: 0 } });
    await store.createRun('shared', { run, meta: {} });

    for (let worker = 0; worker < WORKERS; worker++) {
      const args = { root: dir.path, runId: 'shared', worker, rounds: ROUNDS, batch: BATCH };
      children.push(spawnTsChild('concurrent-writer.ts', args));
    }
    const exits = await Promise.all(children.map((child) => child.exited));
    for (const exit of exits) expect(exit).toMatchObject({ code: 0, signal: null });

    const files = await store.readRunFiles('shared');
    expect(files.errors).toEqual([]);
    expect(files.metrics).toHaveLength(WORKERS * ROUNDS * BATCH);
    const seen = new Set(files.metrics.map((p) => `${p.key}@${p.step}`));
    for (let worker = 0; worker < WORKERS; worker++) {
      for (let step = 0; step < ROUNDS * BATCH; step++) {
        expect(seen.has(`w${worker}@${step}`)).toBe(true);
      }
    }
    const tags = files.run?.tags ?? {};
    expect(Object.keys(tags)).toHaveLength(WORKERS * ROUNDS);
    for (let worker = 0; worker < WORKERS; worker++) {
      for (let round = 0; round < ROUNDS; round++) {
        expect(tags[`w${worker}_r${round}`]).toBe(String(round));
      }
    }
    expect(files.run?.config.counter).toBe(WORKERS * ROUNDS);
    const lines = (await readFile(join(store.factsDir('shared'), 'metrics.jsonl'), 'utf8')).split(
      '\n',
    );
    expect(lines.pop()).toBe('');
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
  });
});
