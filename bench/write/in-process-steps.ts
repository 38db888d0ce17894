/**
 * The write path taken apart, in one process and without HTTP: `npx tsx
 * bench/write/in-process-steps.ts [--calls 80] [--points 100] [--index file|memory]`. Times the RunWriter
 * calls and the facts and index steps they are made of (p50/p99 ms and CPU ms per call, which
 * is steadier than wall time on a shared machine), to check a change to the index or writer.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openApp } from '../../server/src/app.js';
import type { MetricPoint } from '../../server/src/facts/index.js';
import type { RegisterRunInput } from '../../server/src/writes/run-writer.js';
import { metricBatch } from './fixtures.js';
import { summarize } from './stats.js';

const { values } = parseArgs({
  options: {
    calls: { type: 'string', default: '80' },
    index: { type: 'string', default: 'file' },
    points: { type: 'string', default: '100' },
  },
});
const calls = Number(values.calls);
const perCall = Number(values.points);

async function timed(label: string, fn: (i: number) => Promise<unknown>): Promise<void> {
  const samples: number[] = [];
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < calls; i++) {
    const t0 = performance.now();
    await fn(i);
    samples.push(performance.now() - t0);
  }
  const cpu = process.cpuUsage(cpu0);
  const l = summarize(samples);
  const cpuMs = ((cpu.user + cpu.system) / 1000 / calls).toFixed(2);
  console.log(`${label.padEnd(40)} p50 ${l.p50} ms  p99 ${l.p99} ms  CPU ${cpuMs} ms/call`);
}

// The writer's own input: meta in the snake_case the GraphQL layer hands it.
const input = (i: number): RegisterRunInput => ({
  experiment: 'steps',
  name: `steps-${i}`,
  architectureCode: 'tf-cls',
  config: { optim: { lr: 0.001, name: 'adamw' }, batch_size: 256, epochs: 40 },
  meta: {
    goal: 'classification',
    dataset_name: '4topsplitted',
    model_family: 'transformer',
    process_groups: [['4t'], ['ttH', 'ttW', 'ttWW', 'ttZ']],
    datatreatment: { tokenization: 'binned' },
  },
  tags: { bench: 'write-api' },
  clientRequestId: `steps-${i}`,
});

const base = await mkdtemp(join(os.tmpdir(), 'runfacts-bench-steps-'));
try {
  const app = await openApp({
    root: join(base, 'facts'),
    indexPath: values.index === 'memory' ? ':memory:' : undefined,
    refresh: false,
  });
  const { writer, facts, index } = app.services;
  const ids: string[] = [];
  const points: MetricPoint[] = metricBatch(0, perCall).map((p) => ({
    key: p.key,
    value: p.value,
    step: p.step ?? 0,
    ts: p.timestamp ?? new Date().toISOString(),
  }));
  const id = (i: number) => ids[i] as string;
  console.log(`${calls} calls each, index ${values.index}, load ${os.loadavg()[0]?.toFixed(2)}`);
  await timed('writer.registerRun (facts; index behind)', async (i) => {
    ids.push((await writer.registerRun(input(i))).runId);
  });
  await timed('  index.refreshRuns of that run', (i) => index.refreshRuns([id(i)]));
  await timed('  facts.readRunFiles', (i) => facts.readRunFiles(id(i)));
  await timed(`writer.logMetrics, ${perCall} points`, (i) =>
    writer.logMetrics(
      id(i),
      points.map((p) => ({ ...p, timestamp: null })),
    ),
  );
  await timed(`  facts.appendMetrics, ${perCall} points`, (i) =>
    facts.appendMetrics(id(i), points),
  );
  await timed('writer.finishRun', (i) => writer.finishRun(id(i), { status: 'FINISHED' }));
  await app.close();
} finally {
  await rm(base, { recursive: true, force: true });
}
