/** Latency percentiles of one operation, in milliseconds. */
export interface Latency {
  samples: number;
  p50: number;
  p99: number;
  mean: number;
}

/** The value at quantile `q` of sorted samples (nearest rank). */
function quantile(sorted: readonly number[], q: number): number {
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

const round = (ms: number) => Math.round(ms * 1000) / 1000;

/**
 * Runs `operation` `warmup` times unmeasured, then `samples` times one after another (never
 * concurrently), timing each call from start to settled result.
 */
export async function measureLatency(
  operation: (i: number) => Promise<unknown>,
  options: { warmup: number; samples: number },
): Promise<Latency> {
  for (let i = 0; i < options.warmup; i++) await operation(i);
  const times: number[] = [];
  for (let i = 0; i < options.samples; i++) {
    const started = performance.now();
    await operation(i);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return {
    samples: times.length,
    p50: round(quantile(times, 0.5)),
    p99: round(quantile(times, 0.99)),
    mean: round(times.reduce((s, t) => s + t, 0) / times.length),
  };
}
