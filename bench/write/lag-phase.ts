import { setTimeout as sleep } from 'node:timers/promises';
import { type RunfactsClient, unwrap } from '../../sdk/src/index.js';
import { metricBatch } from './fixtures.js';
import { register } from './register-phase.js';
import { concurrently, type Latency, summarize, workPool } from './stats.js';

export interface LagSeries {
  latencyMs: Latency;
  /** Samples where the very first query after the acknowledgement already saw the write. */
  firstQuerySaw: number;
  timeouts: number;
  /** Reads of the run by id right after the acknowledgement that did not show the write. */
  runByIdMisses: number;
}

export interface LagResult {
  clients: number;
  logMetrics: LagSeries;
  finishRun: LagSeries;
}

const GIVE_UP_MS = 5_000;

/**
 * Time from the acknowledgement to the answer of the first `runs(where:)` query that sees the
 * write; polls back to back (1 ms apart) until then.
 */
async function visibleAfter(
  client: RunfactsClient,
  experiment: string,
  where: string,
  acked: number,
): Promise<{ lag: number; queries: number } | null> {
  for (let queries = 1; ; queries++) {
    // minSeq null: the raw lag, not the SDK's read-your-writes wait.
    const page = await client.op.runs({
      filter: { experiment: [experiment] },
      where,
      first: 1,
      minSeq: null,
    });
    const now = performance.now();
    if (page.runs.edges.length > 0) return { lag: now - acked, queries };
    if (now - acked > GIVE_UP_MS) return null;
    await sleep(1);
  }
}

function series(
  results: ReadonlyArray<{ lag: number; queries: number } | null>,
  runByIdMisses: number,
): LagSeries {
  const seen = results.filter((r) => r !== null);
  return {
    latencyMs: summarize(seen.map((r) => r.lag)),
    firstQuerySaw: seen.filter((r) => r.queries === 1).length,
    timeouts: results.length - seen.length,
    runByIdMisses,
  };
}

/** Whether run(id), read right after the acknowledgement, shows the metric at this value. */
async function runByIdShows(
  client: RunfactsClient,
  runId: string,
  key: string,
  value: number,
): Promise<boolean> {
  const { run } = await client.op.run({ id: runId });
  return run?.metrics.some((m) => m.key === key && m.value === value) ?? false;
}

/**
 * Write-to-visible lag with `clients` writers: `metricSamples` logMetrics calls whose batch
 * carries a probe point with a rising value, then `finishSamples` fresh runs finished with a
 * rising summary metric; each followed by queries until the write shows. The two stop early
 * after two thirds and one third of `capMs`.
 */
export async function lagPhase(
  clients: readonly RunfactsClient[],
  metricSamples: number,
  finishSamples: number,
  capMs: number,
): Promise<LagResult> {
  const experiment = `bench-lag-${clients.length}`;
  const runIds = await concurrently(clients.length, (c) =>
    register(clients[c] as RunfactsClient, experiment, `lag-c${c}`),
  );
  const metricLags: Array<{ lag: number; queries: number } | null> = [];
  let metricMisses = 0;
  let finishMisses = 0;
  const metricPool = workPool(metricSamples, (capMs * 2) / 3);
  await concurrently(clients.length, async (c) => {
    const client = clients[c] as RunfactsClient;
    for (let i = metricPool.take(), k = 1; i !== null; i = metricPool.take(), k++) {
      const probe = { key: `probe_c${c}`, value: k };
      const result = await client.op.logMetrics({
        runId: runIds[c] as string,
        metrics: metricBatch(k * 10, 100, probe),
      });
      unwrap(result.logMetrics);
      const acked = performance.now();
      if (!(await runByIdShows(client, runIds[c] as string, probe.key, k))) metricMisses++;
      metricLags.push(await visibleAfter(client, experiment, `metrics.probe_c${c} >= ${k}`, acked));
    }
  });

  const finishLags: Array<{ lag: number; queries: number } | null> = [];
  const finishPool = workPool(finishSamples, capMs / 3);
  await concurrently(clients.length, async (c) => {
    const client = clients[c] as RunfactsClient;
    for (let i = finishPool.take(), k = 1; i !== null; i = finishPool.take(), k++) {
      const runId = await register(client, experiment, `fin-c${c}-${k}`);
      const result = await client.op.finishRun({
        runId,
        input: { status: 'FINISHED', metrics: { [`fin_c${c}`]: k } },
      });
      unwrap(result.finishRun);
      const acked = performance.now();
      if (!(await runByIdShows(client, runId, `fin_c${c}`, k))) finishMisses++;
      finishLags.push(await visibleAfter(client, experiment, `metrics.fin_c${c} >= ${k}`, acked));
    }
  });
  return {
    clients: clients.length,
    logMetrics: series(metricLags, metricMisses),
    finishRun: series(finishLags, finishMisses),
  };
}
