import { availableParallelism, cpus, loadavg } from 'node:os';

/** Above this 1-minute load average a 2-core machine is too busy for numbers worth keeping. */
export const QUIET_LOAD = 1.5;

export interface Machine {
  cpus: number;
  cpuModel: string;
  node: string;
  /** 1-minute load average when the benchmark started and when it ended. */
  loadAverage1m: { start: number; end: number };
  /** True when the load was above QUIET_LOAD at the start and the run went on anyway. */
  busy: boolean;
}

export const load1m = (): number => Math.round((loadavg()[0] ?? 0) * 100) / 100;

/**
 * Refuses to start on a busy machine (1-minute load above QUIET_LOAD) unless `allowBusy`, in
 * which case it warns and the result is marked busy. Returns the machine with the start load.
 */
export function checkQuiet(allowBusy: boolean, log: (line: string) => void): Machine {
  const start = load1m();
  const busy = start > QUIET_LOAD;
  if (busy && !allowBusy) {
    throw new Error(
      `the 1-minute load average is ${start} (above ${QUIET_LOAD}): other work would distort the timings; wait for a quiet machine, or pass --allow-busy to run anyway (the result is then marked busy)`,
    );
  }
  if (busy) log(`warning: load average ${start} is above ${QUIET_LOAD}; the result is marked busy`);
  return {
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model ?? 'unknown',
    node: process.version,
    loadAverage1m: { start, end: Number.NaN },
    busy,
  };
}

/** "0.4 → 1.2", with a warning mark when the run was busy. */
export function loadText(machine: Machine): string {
  const { start, end } = machine.loadAverage1m;
  return `${start.toFixed(2)} → ${end.toFixed(2)}${machine.busy ? ' (**busy**: not a result)' : ''}`;
}
