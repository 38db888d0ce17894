import { type RunfactsClient, unwrap } from '../../sdk/src/index.js';
import { registration } from './fixtures.js';
import { concurrently, type Latency, round, summarize, workPool } from './stats.js';

export interface RegisterResult {
  clients: number;
  latencyMs: Latency;
  runsPerSecond: number;
}

/** Registers one run through the SDK and returns its id. */
export async function register(
  client: RunfactsClient,
  experiment: string,
  name: string,
): Promise<string> {
  const result = await client.op.registerRun({ input: registration(experiment, name) });
  return unwrap(result.registerRun).runId;
}

/**
 * `warmup` registrations per client untimed, then `total` shared among the clients (fewer if
 * `capMs` runs out), each client one call at a time; every call answers only once its run folder
 * is durable and indexed.
 */
export async function registerPhase(
  clients: readonly RunfactsClient[],
  total: number,
  warmup: number,
  capMs: number,
): Promise<RegisterResult> {
  const experiment = `bench-register-${clients.length}`;
  await concurrently(clients.length, async (c) => {
    for (let i = 0; i < warmup; i++)
      await register(clients[c] as RunfactsClient, experiment, `warm-c${c}-${i}`);
  });
  const pool = workPool(total, capMs);
  const samples: number[] = [];
  const t0 = performance.now();
  await concurrently(clients.length, async (c) => {
    for (let i = pool.take(); i !== null; i = pool.take()) {
      const start = performance.now();
      await register(clients[c] as RunfactsClient, experiment, `reg-c${c}-${i}`);
      samples.push(performance.now() - start);
    }
  });
  const seconds = (performance.now() - t0) / 1000;
  return {
    clients: clients.length,
    latencyMs: summarize(samples),
    runsPerSecond: round(samples.length / seconds, 1),
  };
}
