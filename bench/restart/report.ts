import type { ReadySample, StartTimes } from '../lib/cli-server.js';
import { loadText, type Machine } from '../lib/machine.js';
import { spliceReadme } from '../lib/readme-section.js';
import type { Latency } from '../write/stats.js';

export interface RestartResult {
  benchmark: 'restart';
  command: string;
  runs: number;
  date: string;
  machine: Machine;
  firstBuild: StartTimes & { rebuiltBecause: string | null; runsIndexed: number };
  /** Restarts with nothing changed on disk. */
  unchanged: {
    healthMs: Latency;
    readyMs: Latency;
    starts: Array<{ healthMs: number; readyMs: number }>;
  };
  changed: StartTimes & { runsChanged: number; changesServed: number };
  idle: {
    seconds: number;
    settleSeconds: number;
    cpuMs: number;
    /** Of one core. */
    cpuPercent: number;
    rssMiB: number;
    peakRssMiB: number;
    /** Whether a periodic rescan ran inside the window (indexStatus.lastRescanAt moved). */
    rescanInWindow: boolean;
  };
  targets: {
    healthMs: number;
    readyMs: number;
    changedReadyMs: number;
    firstBuildMs: number;
    idleCpuPercent: number;
  };
}

const s = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
const met = (ok: boolean) => (ok ? 'yes' : '**no**');

function progressText(samples: readonly ReadySample[]): string {
  return samples.map((p) => `${s(p.ms)}: ${p.phase} ${p.done}/${p.total}`).join('; ');
}

/** The restart section of bench/README.md, from one result. */
export async function writeReadmeSection(benchDir: string, r: RestartResult): Promise<void> {
  const t = r.targets;
  const n = r.unchanged.starts.length;
  const body = [
    '## Start and restart (`bench/restart.ts`)',
    '',
    `The real CLI (\`node server/bin/runfacts.js serve --port 0\`, watcher and rescan on) over ${r.runs}`,
    'synthetic runs (a hard-linked copy of the data set), timed from the spawn of the process to',
    'the first `/health` 200 and the first `/ready` 200. Each server is stopped with SIGTERM',
    'before the next start.',
    '',
    '```',
    r.command,
    '```',
    '',
    '| measure | result | target | met |',
    '|---|---:|---:|:---:|',
    `| first build, no index file: spawn → /health | ${s(r.firstBuild.healthMs)} | ${s(t.healthMs)} | ${met(r.firstBuild.healthMs <= t.healthMs)} |`,
    `| first build: spawn → /ready (${r.firstBuild.runsIndexed} runs indexed) | ${s(r.firstBuild.readyMs)} | ${s(t.firstBuildMs)} | ${met(r.firstBuild.readyMs <= t.firstBuildMs)} |`,
    `| restart, nothing changed: spawn → /health, median / p99 of ${n} | ${s(r.unchanged.healthMs.p50)} / ${s(r.unchanged.healthMs.p99)} | ${s(t.healthMs)} | ${met(r.unchanged.healthMs.p50 <= t.healthMs)} |`,
    `| restart, nothing changed: spawn → /ready, median / p99 of ${n} | ${s(r.unchanged.readyMs.p50)} / ${s(r.unchanged.readyMs.p99)} | ${s(t.readyMs)} | ${met(r.unchanged.readyMs.p50 <= t.readyMs)} |`,
    `| restart after ${r.changed.runsChanged} runs changed on disk: spawn → /ready | ${s(r.changed.readyMs)} | ${s(t.changedReadyMs)} | ${met(r.changed.readyMs <= t.changedReadyMs)} |`,
    `| changed runs served after that restart | ${r.changed.changesServed} of ${r.changed.runsChanged} | all | ${met(r.changed.changesServed === r.changed.runsChanged)} |`,
    `| idle server CPU over ${r.idle.seconds} s (after ${r.idle.settleSeconds} s settling) | ${r.idle.cpuPercent.toFixed(2)} % of a core | ${t.idleCpuPercent} % | ${met(r.idle.cpuPercent <= t.idleCpuPercent)} |`,
    `| idle server memory: RSS (peak) | ${r.idle.rssMiB} MiB (${r.idle.peakRssMiB} MiB) | reported | |`,
    `| load average (1 min), start → end | ${loadText(r.machine)} | ≤ 1.5 | ${met(!r.machine.busy)} |`,
    '',
    `First build progress from /ready's 503 JSON: ${progressText(r.firstBuild.progress)}.`,
    `${r.idle.rescanInWindow ? 'A periodic rescan ran' : 'No periodic rescan ran'} inside the idle window (default interval 60 s; \`--idle-seconds 120\` makes sure one does).`,
    `${r.machine.cpus} cores, Node ${r.machine.node}; ${r.date.slice(0, 16)}Z. JSON: \`results/restart.json\`.`,
  ].join('\n');
  await spliceReadme(benchDir, 'restart', body);
}
