import type { DiskBaseline } from './fsync-baseline.js';
import type { LagResult } from './lag-phase.js';
import type { MetricsResult } from './metrics-phase.js';
import type { RegisterResult } from './register-phase.js';
import type { Latency } from './stats.js';

export interface Target {
  name: string;
  target: string;
  measured: string;
  met: boolean;
}

export interface BenchReport {
  startedAt: string;
  command: string;
  machine: Record<string, string | number>;
  loadAverage1m: { start: number; end: number; min: number; median: number; max: number };
  server: { index: string; watch: boolean };
  settings: Record<string, number | string>;
  durationSeconds: number;
  disk: DiskBaseline;
  registerRun: Array<RegisterResult & { serverCpuMsPerCall: number }>;
  logMetrics: Array<MetricsResult & { serverCpuMsPerCall: number }>;
  lag: LagResult[];
  /** registerRun with one client on an empty root and on a root of `runs` runs, same run. */
  rootSize?: { runs: number; emptyP50: number; fullP50: number; ratio: number };
  targets: Target[];
}

/** The write targets of issue #11, judged on the medians of the measured runs. */
export function judgeTargets(
  register: readonly RegisterResult[],
  metrics: readonly MetricsResult[],
  lag: readonly LagResult[],
  rootSize?: BenchReport['rootSize'],
): Target[] {
  const p50 = (clients: number) =>
    register.find((r) => r.clients === clients)?.latencyMs.p50 ?? Number.POSITIVE_INFINITY;
  const rate = (clients: number, points: number) =>
    metrics.find((m) => m.clients === clients && m.pointsPerCall === points)?.pointsPerSecond ?? 0;
  const worstLag = Math.max(
    ...lag.flatMap((l) => [l.logMetrics.latencyMs.p99, l.finishRun.latencyMs.p99]),
  );
  const lagTimeouts = lag.reduce((n, l) => n + l.logMetrics.timeouts + l.finishRun.timeouts, 0);
  const misses = lag.reduce(
    (n, l) => n + l.logMetrics.runByIdMisses + l.finishRun.runByIdMisses,
    0,
  );
  const targets: Target[] = [
    {
      name: 'registerRun p50, 1 client',
      target: '<= 8 ms',
      measured: `${p50(1)} ms`,
      met: p50(1) <= 8,
    },
    {
      name: 'registerRun p50, 16 clients',
      target: '<= 20 ms',
      measured: `${p50(16)} ms`,
      met: p50(16) <= 20,
    },
    {
      name: 'logMetrics points/s, 4 clients x 1000 points',
      target: '>= 20000',
      measured: `${rate(4, 1000)}`,
      met: rate(4, 1000) >= 20_000,
    },
    {
      name: 'logMetrics points/s, 16 clients x 100 points',
      target: '>= 10000',
      measured: `${rate(16, 100)}`,
      met: rate(16, 100) >= 10_000,
    },
    {
      name: 'write-to-visible lag p99 in runs(where:) (worst level)',
      target: '<= 200 ms',
      measured: `${worstLag} ms${lagTimeouts ? `, ${lagTimeouts} never seen` : ''}`,
      met: worstLag <= 200 && lagTimeouts === 0,
    },
    {
      name: 'run(id) right after the ack misses the write',
      target: '0',
      measured: `${misses}`,
      met: misses === 0,
    },
  ];
  if (rootSize) {
    targets.push({
      name: `registerRun p50 on a ${rootSize.runs}-run root / on an empty root`,
      target: '<= 1.5x',
      measured: `${rootSize.fullP50} / ${rootSize.emptyP50} ms = ${rootSize.ratio}x`,
      met: rootSize.ratio <= 1.5,
    });
  }
  return targets;
}

const ms = (l: Latency) => `${l.p50} / ${l.p99}`;

/** The generated part of RESULTS.md: machine, command, one table per measure, targets. */
export function markdownTables(r: BenchReport): string {
  const load = r.loadAverage1m;
  const lines = [
    `Run ${r.startedAt} with \`${r.command}\` (${r.durationSeconds} s in all).`,
    '',
    `Machine: ${r.machine.cpus} × ${r.machine.cpuModel}, ${r.machine.memoryGiB} GiB, Node ${r.machine.node}, ` +
      `${r.machine.os}; temp root on ${r.machine.tmpdir}. Shared and noisy: 1-minute load average ` +
      `${load.start} at start, ${load.end} at end (min ${load.min}, median ${load.median}, max ${load.max} over the phases).`,
    `Server: a child process (\`listen\` on 127.0.0.1), index ${r.server.index}, watcher ${r.server.watch ? 'on' : 'off'}, rescan 5 s — as \`runfacts serve\` runs by default. ` +
      'Latencies are p50 / p99 in ms, measured in the client around each SDK call.',
    '',
    '**Targets**',
    '',
    '| target | goal | measured | |',
    '|---|---|---|---|',
    ...r.targets.map(
      (t) => `| ${t.name} | ${t.target} | ${t.measured} | ${t.met ? 'met' : 'MISSED'} |`,
    ),
    '',
    '**Disk baseline** (same file system, no server): what durability alone costs',
    '',
    '| operation | p50 / p99 ms |',
    '|---|---|',
    `| writeFile + fsync + rename + fsync(dir), 1 KiB | ${ms(r.disk.atomicReplace)} |`,
    `| append 100 metric lines + fsync | ${ms(r.disk.append100)} |`,
    `| FactsStore.createRun (facts part of registerRun, 6 fsyncs) | ${ms(r.disk.factsCreateRun)} |`,
    `| FactsStore.appendMetrics, 100 points (lock + append + fsync) | ${ms(r.disk.factsAppend100)} |`,
    '',
    '**Durable registerRun** (each call: run folder durable, index refreshed, event published)',
    '',
    '| clients | calls | p50 / p99 ms | runs/s | server CPU ms/call |',
    '|---|---|---|---|---|',
    ...r.registerRun.map(
      (x) =>
        `| ${x.clients} | ${x.latencyMs.n} | ${ms(x.latencyMs)} | ${x.runsPerSecond} | ${x.serverCpuMsPerCall} |`,
    ),
    '',
    '**logMetrics** (each client its own run, one call at a time; a reader polls `runs(where:)` every 25 ms; then the `loss` history the index serves is counted against what was acknowledged)',
    '',
    '| clients | points/call | s | calls | p50 / p99 ms | points/s | server CPU ms/call | reader p50 / p99 ms | reader polls missing a run | `loss` rows served / logged (1 s later) |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...r.logMetrics.map(
      (x) =>
        `| ${x.clients} | ${x.pointsPerCall} | ${x.seconds} | ${x.calls} | ${ms(x.latencyMs)} | ${x.pointsPerSecond} | ${x.serverCpuMsPerCall} | ${ms(x.reader.latencyMs)} | ${x.reader.pollsMissingARun} of ${x.reader.polls} | ${x.history.found} / ${x.history.expected} (${x.history.foundAfter1s}) |`,
    ),
    '',
    '**Write-to-visible lag** (acknowledged write → answer of the first `runs(where:)` that sees it)',
    '',
    '| clients | after logMetrics p50 / p99 ms (n) | seen by 1st query | run(id) misses | after finishRun p50 / p99 ms (n) | seen by 1st query | run(id) misses |',
    '|---|---|---|---|---|---|---|',
    ...r.lag.map(
      (x) =>
        `| ${x.clients} | ${ms(x.logMetrics.latencyMs)} (${x.logMetrics.latencyMs.n}) | ${x.logMetrics.firstQuerySaw} | ${x.logMetrics.runByIdMisses} | ` +
        `${ms(x.finishRun.latencyMs)} (${x.finishRun.latencyMs.n}) | ${x.finishRun.firstQuerySaw} | ${x.finishRun.runByIdMisses} |`,
    ),
  ];
  return lines.join('\n');
}

export const GENERATED_START = '<!-- generated by bench/write-api.ts: start -->';
export const GENERATED_END = '<!-- generated by bench/write-api.ts: end -->';

/** Replaces the generated block of `existing` (or starts a new file), keeping the prose around it. */
export function spliceGenerated(existing: string | null, tables: string): string {
  const block = `${GENERATED_START}\n${tables}\n${GENERATED_END}`;
  if (existing === null) return `# Write API benchmark\n\n${block}\n`;
  const start = existing.indexOf(GENERATED_START);
  const end = existing.indexOf(GENERATED_END);
  if (start === -1 || end === -1) return `${existing.trimEnd()}\n\n${block}\n`;
  return existing.slice(0, start) + block + existing.slice(end + GENERATED_END.length);
}
