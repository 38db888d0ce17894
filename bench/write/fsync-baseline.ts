import { open, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { FactsStore } from '../../server/src/facts/index.js';
import { metricBatch } from './fixtures.js';
import { type Latency, summarize } from './stats.js';

export interface DiskBaseline {
  /** writeFile + fsync + rename + fsync of the folder: one durable replace of a 1 KiB file. */
  atomicReplace: Latency;
  /** One append of 100 metric lines (about 9 KiB) + fsync, as logMetrics does. */
  append100: Latency;
  /** FactsStore.createRun in process: the facts part of registerRun (6 fsyncs), no HTTP, no index. */
  factsCreateRun: Latency;
  /** FactsStore.appendMetrics of 100 points in process: lock + append + fsync, no HTTP, no index. */
  factsAppend100: Latency;
}

async function timed(times: number, fn: (i: number) => Promise<void>): Promise<Latency> {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    await fn(i);
    samples.push(performance.now() - t0);
  }
  return summarize(samples);
}

async function syncFolder(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  await handle.sync();
  await handle.close();
}

/** The disk's own cost of durability in `dir`, which every durable write is bounded by. */
export async function measureDiskBaseline(dir: string, times: number): Promise<DiskBaseline> {
  const body = 'x'.repeat(1024);
  const target = join(dir, 'replace.json');
  const atomicReplace = await timed(times, async (i) => {
    const temp = join(dir, `.tmp-replace-${i}`);
    const handle = await open(temp, 'wx');
    await handle.writeFile(body);
    await handle.sync();
    await handle.close();
    await rename(temp, target);
    await syncFolder(dir);
  });
  const lines = `${metricBatch(0, 100)
    .map((p) => JSON.stringify(p))
    .join('\n')}\n`;
  const append100 = await timed(times, async () => {
    const handle = await open(join(dir, 'append.jsonl'), 'a');
    await handle.write(lines);
    await handle.sync();
    await handle.close();
  });

  const store = new FactsStore(join(dir, 'facts-root'));
  const run = (id: string) => ({
    run_id: id,
    experiment: 'disk',
    name: 'disk',
    architecture_code: null,
    timestamp: '20250101_000000',
    status: 'RUNNING' as const,
    started_at: new Date().toISOString(),
    ended_at: null,
    config: {},
    params: {},
    metrics: {},
    tags: {},
    artifacts: [],
    model_parameters: null,
    duration_seconds: null,
  });
  const id = (i: number) => `disk_20250101_000000-${i + 1}`;
  const factsCreateRun = await timed(times, async (i) => {
    await store.createRun(id(i), { run: run(id(i)), meta: { goal: 'classification' } });
  });
  const points = metricBatch(0, 100).map((p) => ({
    key: p.key,
    value: p.value,
    step: p.step ?? 0,
    ts: p.timestamp ?? new Date().toISOString(),
  }));
  const factsAppend100 = await timed(times, () => store.appendMetrics(id(0), points));
  return { atomicReplace, append100, factsCreateRun, factsAppend100 };
}
