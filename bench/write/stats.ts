/** Latency summary of one measured series, in milliseconds. */
export interface Latency {
  n: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentile of an ascending array; NaN for an empty one. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

export function summarize(samples: readonly number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  const sum = sorted.reduce((s, x) => s + x, 0);
  return {
    n: sorted.length,
    p50: round(percentile(sorted, 50)),
    p90: round(percentile(sorted, 90)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.at(-1) ?? Number.NaN),
    mean: round(sorted.length ? sum / sorted.length : Number.NaN),
  };
}

export function median(values: readonly number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

export function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** Runs `worker(clientIndex)` for every client at once and waits for all. */
export async function concurrently<T>(
  clients: number,
  worker: (client: number) => Promise<T>,
): Promise<T[]> {
  return Promise.all(Array.from({ length: clients }, (_, i) => worker(i)));
}

/**
 * A shared pool of `total` work items; each `take()` claims one until none are left or
 * `capMs` has passed since the pool was made (which keeps a slow server from stretching the run).
 */
export function workPool(
  total: number,
  capMs = Number.POSITIVE_INFINITY,
): { take(): number | null } {
  let next = 0;
  const deadline = performance.now() + capMs;
  return { take: () => (next < total && performance.now() < deadline ? next++ : null) };
}
