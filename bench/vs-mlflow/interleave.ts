import { type Latency, summarize } from '../write/stats.js';

export interface Timing {
  samples: number;
  warmup: number;
  /** Stops sampling after this long (keeping what was measured), so a slow side cannot stall. */
  capMs: number;
}

export interface PairResult {
  runfacts: Latency;
  mlflow: Latency;
}

/**
 * Times `a` and `b` alternately, one call at a time, the order swapped every round so neither
 * side always follows the other; `warmup` rounds are not kept.
 */
export async function interleaved(
  a: (i: number) => Promise<void>,
  b: (i: number) => Promise<void>,
  timing: Timing,
  progress: (round: number) => void = () => undefined,
): Promise<PairResult> {
  const times: [number[], number[]] = [[], []];
  const deadline = performance.now() + timing.capMs;
  for (let round = 0; round < timing.warmup + timing.samples; round++) {
    if (round > timing.warmup && performance.now() > deadline) break;
    const order = round % 2 === 0 ? ([0, 1] as const) : ([1, 0] as const);
    for (const side of order) {
      const started = performance.now();
      await (side === 0 ? a : b)(round);
      if (round >= timing.warmup) times[side].push(performance.now() - started);
    }
    progress(round + 1);
  }
  return { runfacts: summarize(times[0]), mlflow: summarize(times[1]) };
}
