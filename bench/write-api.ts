/**
 * Write-path benchmark of issue #4: durable registerRun, logMetrics (100 points a call) and the
 * lag from an acknowledged write to the first query that sees it, with 1, 4 and 16 concurrent
 * SDK clients against a real server over HTTP, next to the disk's own fsync cost. One more
 * logMetrics row sends --big-batch points a call (the most a call takes; 0 skips it).
 *
 *   npx tsx bench/write-api.ts [--seconds 10] [--registrations 200] [--lag-samples 200]
 *     [--phase-cap 10] [--big-batch 1000] [--index file|memory] [--no-watch]
 *     [--cpu-prof <dir>] [--label <name>] [--root-runs 100000]
 *
 * --root-runs N also times registerRun (one client) on a root holding N synthetic runs (a
 * hard-linked copy of bench/.data/N) against the empty root, alternating, in the same run.
 *
 * A slow server cannot stretch the run: registrations and lag samples stop after --phase-cap
 * seconds per level (the tables give the count measured). Writes
 * bench/results/write-api[.<label>].json and, without --label, the tables of
 * bench/write/RESULTS.md. The temp facts root and the server are removed at the end.
 */

import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { createClient, type RunfactsClient } from '../sdk/src/index.js';
import { syntheticDataSet } from './lib/data-set.js';
import { measureDiskBaseline } from './write/fsync-baseline.js';
import { lagPhase } from './write/lag-phase.js';
import { metricsPhase } from './write/metrics-phase.js';
import { registerPhase } from './write/register-phase.js';
import { type BenchReport, judgeTargets, markdownTables, spliceGenerated } from './write/report.js';
import { type ServerProcess, startServer } from './write/server-process.js';
import { median, round } from './write/stats.js';

const { values } = parseArgs({
  options: {
    levels: { type: 'string', default: '1,4,16' },
    seconds: { type: 'string', default: '10' },
    registrations: { type: 'string', default: '200' },
    warmup: { type: 'string', default: '20' },
    'lag-samples': { type: 'string', default: '200' },
    'finish-samples': { type: 'string', default: '100' },
    points: { type: 'string', default: '100' },
    'disk-samples': { type: 'string', default: '100' },
    'phase-cap': { type: 'string', default: '10' },
    'big-batch': { type: 'string', default: '1000' },
    'big-batch-clients': { type: 'string', default: '4' },
    index: { type: 'string', default: 'file' },
    'no-watch': { type: 'boolean', default: false },
    'cpu-prof': { type: 'string' },
    label: { type: 'string' },
    'root-runs': { type: 'string', default: '0' },
  },
});
const levels = values.levels.split(',').map(Number);
const count = (name: keyof typeof values) => {
  const n = Number(values[name]);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer`);
  return n;
};
const settings = {
  levels: values.levels,
  seconds: count('seconds'),
  registrations: count('registrations'),
  warmup: count('warmup'),
  lagSamples: count('lag-samples'),
  finishSamples: count('finish-samples'),
  pointsPerCall: count('points'),
  diskSamples: count('disk-samples'),
  phaseCapSeconds: count('phase-cap'),
  bigBatchPoints: Number(values['big-batch']),
  bigBatchClients: count('big-batch-clients'),
};
if (values.index !== 'file' && values.index !== 'memory')
  throw new Error('--index is file or memory');
if (levels.some((n) => !Number.isInteger(n) || n <= 0)) throw new Error('--levels: e.g. 1,4,16');
const index = values.index;
const HERE = fileURLToPath(new URL('.', import.meta.url));
const log = (line: string) => process.stderr.write(`${line}\n`);
const sleepMs = (ms: number) => new Promise((r) => setTimeout(r, ms));

const loads: number[] = [];
const sampleLoad = () => {
  const [one] = os.loadavg();
  loads.push(round(one ?? 0));
};

const startedAt = new Date();
const t0 = performance.now();
sampleLoad();
const base = await mkdtemp(join(os.tmpdir(), 'runfacts-bench-write-'));
let server: ServerProcess | null = null;
const clients: RunfactsClient[] = [];
// Interrupted (Ctrl-C, a timeout): still stop the server and remove the temp root.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void (server?.stop() ?? Promise.resolve())
      .then(() => rm(base, { recursive: true, force: true }))
      .finally(() => process.exit(130));
  });
}
try {
  log(`disk baseline in ${base}`);
  const diskDir = join(base, 'disk');
  await mkdir(diskDir);
  const disk = await measureDiskBaseline(diskDir, settings.diskSamples);
  sampleLoad();

  const root = join(base, 'facts');
  await mkdir(join(root, 'runs'), { recursive: true });
  server = await startServer({
    root,
    index,
    watch: !values['no-watch'],
    cpuProfileDir: values['cpu-prof'],
  });
  const running = server;
  log(`server at ${running.url} (pid ${running.pid})`);
  for (let i = 0; i <= Math.max(...levels, settings.bigBatchClients); i++)
    clients.push(createClient({ url: `${running.url}/graphql`, timeoutMs: 30_000 }));
  const reader = clients.pop() as RunfactsClient;

  /** Runs `fn` and returns its result with the server's CPU ms per call it made. */
  const withCpu = async <T>(fn: () => Promise<T>, calls: (r: T) => number) => {
    const before = await running.cpuMs();
    const result = await fn();
    const used = (await running.cpuMs()) - before;
    sampleLoad();
    return { ...result, serverCpuMsPerCall: round(used / calls(result)) };
  };

  const registerRun = [];
  for (const n of levels) {
    log(`registerRun, ${n} clients`);
    registerRun.push(
      await withCpu(
        () =>
          registerPhase(
            clients.slice(0, n),
            settings.registrations,
            Math.ceil(settings.warmup / n),
            settings.phaseCapSeconds * 1000,
          ),
        (r) => r.latencyMs.n,
      ),
    );
  }
  const logMetrics = [];
  for (const n of levels) {
    log(`logMetrics, ${n} clients, ${settings.seconds} s`);
    logMetrics.push(
      await withCpu(
        () => metricsPhase(clients.slice(0, n), reader, settings.seconds, settings.pointsPerCall),
        (r) => r.calls,
      ),
    );
  }
  if (settings.bigBatchPoints > 0) {
    const n = settings.bigBatchClients;
    log(
      `logMetrics, ${n} clients, ${settings.bigBatchPoints} points a call, ${settings.seconds} s`,
    );
    logMetrics.push(
      await withCpu(
        () => metricsPhase(clients.slice(0, n), reader, settings.seconds, settings.bigBatchPoints),
        (r) => r.calls,
      ),
    );
  }
  const lag = [];
  for (const n of levels) {
    log(`write-to-visible lag, ${n} clients`);
    lag.push(
      await lagPhase(
        clients.slice(0, n),
        settings.lagSamples,
        settings.finishSamples,
        settings.phaseCapSeconds * 1000,
      ),
    );
    sampleLoad();
  }

  let rootSize: BenchReport['rootSize'];
  const rootRuns = Number(values['root-runs']);
  if (rootRuns > 0) {
    const source = await syntheticDataSet(rootRuns, log);
    const fullRoot = join(base, 'full');
    log(`hard-linking ${source} to ${fullRoot}`);
    await promisify(execFile)('cp', ['-al', source, fullRoot]);
    // The index file is written in place: never share it with the data set.
    await rm(join(fullRoot, '.runfacts'), { recursive: true, force: true });
    const full = await startServer({ root: fullRoot, index, watch: !values['no-watch'] });
    try {
      log(`server on the ${rootRuns}-run root: waiting for its first index build`);
      while ((await fetch(`${full.url}/ready`)).status !== 200) await sleepMs(500);
      const fullClient = createClient({ url: `${full.url}/graphql`, timeoutMs: 30_000 });
      const empty = clients[0] as RunfactsClient;
      const emptyP50s: number[] = [];
      const fullP50s: number[] = [];
      const share = Math.ceil(settings.registrations / 3);
      for (let round = 0; round < 3; round++) {
        log(`registerRun on empty / ${rootRuns}-run root, round ${round + 1} of 3`);
        const cap = settings.phaseCapSeconds * 1000;
        emptyP50s.push((await registerPhase([empty], share, 5, cap)).latencyMs.p50);
        fullP50s.push((await registerPhase([fullClient], share, 5, cap)).latencyMs.p50);
        sampleLoad();
      }
      await fullClient.close();
      const emptyP50 = median(emptyP50s);
      const fullP50 = median(fullP50s);
      rootSize = { runs: rootRuns, emptyP50, fullP50, ratio: round(fullP50 / emptyP50, 2) };
    } finally {
      await full.stop();
    }
  }

  const report: BenchReport = {
    startedAt: startedAt.toISOString(),
    command: `npx tsx bench/write-api.ts ${process.argv.slice(2).join(' ')}`.trim(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      memoryGiB: round(os.totalmem() / 2 ** 30, 1),
      node: process.version,
      os: `${os.type()} ${os.release()}`,
      tmpdir: os.tmpdir(),
    },
    loadAverage1m: {
      start: loads[0] ?? 0,
      end: loads.at(-1) ?? 0,
      min: Math.min(...loads),
      median: median(loads),
      max: Math.max(...loads),
    },
    server: {
      index: index === 'file' ? 'DuckDB file (default)' : ':memory:',
      watch: !values['no-watch'],
    },
    settings,
    durationSeconds: round((performance.now() - t0) / 1000, 1),
    disk,
    registerRun,
    logMetrics,
    lag,
    rootSize,
    targets: judgeTargets(registerRun, logMetrics, lag, rootSize),
  };
  const suffix = values.label ? `.${values.label}` : '';
  await mkdir(join(HERE, 'results'), { recursive: true });
  await writeFile(
    join(HERE, 'results', `write-api${suffix}.json`),
    `${JSON.stringify(report, null, 2)}\n`,
  );
  const tables = markdownTables(report);
  if (!values.label) {
    const path = join(HERE, 'write', 'RESULTS.md');
    const existing = await readFile(path, 'utf8').catch(() => null);
    await writeFile(path, spliceGenerated(existing, tables));
  }
  console.log(tables);
} finally {
  await Promise.all(clients.map((c) => c.close()));
  await server?.stop();
  await rm(base, { recursive: true, force: true });
}
