import { setTimeout as sleep } from 'node:timers/promises';
import { type RunfactsClient, unwrap } from '../../sdk/src/index.js';
import { metricBatch, STEPS_PER_BATCH } from './fixtures.js';
import { register } from './register-phase.js';
import { concurrently, type Latency, round, summarize } from './stats.js';

export interface MetricsResult {
  clients: number;
  pointsPerCall: number;
  seconds: number;
  calls: number;
  points: number;
  pointsPerSecond: number;
  latencyMs: Latency;
  /** A dashboard polling `runs(where: "metrics.loss >= 0")` while the writers run. */
  reader: { polls: number; latencyMs: Latency; pollsMissingARun: number };
  /**
   * `loss` points acknowledged (warm-up included) against the history the index serves right
   * after the writers stop, and again once the server has had a second to settle.
   */
  history: { expected: number; found: number; foundAfter1s: number };
}

const WINDOW = 10_000;

/** How many `loss` rows the index serves for the run (doubled rows count twice), by step window. */
async function lossPoints(
  client: RunfactsClient,
  runId: string,
  lastStep: number,
): Promise<number> {
  let found = 0;
  for (let minStep = 0; minStep < lastStep; minStep += WINDOW) {
    const page = await client.op.metricHistory({
      id: runId,
      key: 'loss',
      minStep,
      maxStep: minStep + WINDOW - 1,
    });
    found += page.run?.history.length ?? 0;
  }
  return found;
}

/**
 * Each client logs to a run of its own, one call at a time, for `seconds`; a reader polls the
 * runs meanwhile and counts answers in which one of the (already visible) runs is missing.
 */
export async function metricsPhase(
  clients: readonly RunfactsClient[],
  reader: RunfactsClient,
  seconds: number,
  pointsPerCall: number,
): Promise<MetricsResult> {
  const experiment = `bench-metrics-${clients.length}`;
  const runIds = await concurrently(clients.length, (c) =>
    register(clients[c] as RunfactsClient, experiment, `metrics-c${c}`),
  );
  const steps = runIds.map(() => 0);
  const log = async (c: number) => {
    const step = steps[c] as number;
    steps[c] = step + STEPS_PER_BATCH(pointsPerCall);
    const result = await (clients[c] as RunfactsClient).op.logMetrics({
      runId: runIds[c] as string,
      metrics: metricBatch(step, pointsPerCall),
    });
    return unwrap(result.logMetrics).count;
  };
  // Warm-up: every run has history before the clock starts, so the reader expects them all.
  await concurrently(clients.length, async (c) => {
    for (let i = 0; i < 3; i++) await log(c);
  });

  let running = true;
  const readerSamples: number[] = [];
  let missing = 0;
  const reading = (async () => {
    while (running) {
      const start = performance.now();
      const page = await reader.op.runs({
        filter: { experiment: [experiment] },
        where: 'metrics.loss >= 0',
        first: 1,
      });
      readerSamples.push(performance.now() - start);
      if (page.runs.totalCount < clients.length) missing++;
      await sleep(25);
    }
  })();

  const samples: number[] = [];
  let points = 0;
  const t0 = performance.now();
  const deadline = t0 + seconds * 1000;
  let lastAck = t0;
  await concurrently(clients.length, async (c) => {
    while (performance.now() < deadline) {
      const start = performance.now();
      // Not `points += await ...`: that reads `points` before the await and loses other clients' adds.
      const logged = await log(c);
      points += logged;
      lastAck = performance.now();
      samples.push(lastAck - start);
    }
  });
  running = false;
  await reading;
  // One `loss` point per step: as many as the steps logged, unless points were lost or doubled.
  const served = () =>
    concurrently(clients.length, (c) =>
      lossPoints(reader, runIds[c] as string, steps[c] as number),
    ).then((counts) => counts.reduce((a, b) => a + b, 0));
  const found = await served();
  await sleep(1000);
  const foundAfter1s = await served();
  const elapsed = (lastAck - t0) / 1000;
  return {
    clients: clients.length,
    pointsPerCall,
    seconds: round(elapsed),
    calls: samples.length,
    points,
    pointsPerSecond: Math.round(points / elapsed),
    latencyMs: summarize(samples),
    reader: {
      polls: readerSamples.length,
      latencyMs: summarize(readerSamples),
      pollsMissingARun: missing,
    },
    history: { expected: steps.reduce((a, b) => a + b, 0), found, foundAfter1s },
  };
}
