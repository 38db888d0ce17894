/**
 * Start and restart of the real CLI server at N runs (issue 11): first build, restart with
 * nothing changed, restart after 1,000 runs changed on disk, and the idle server's CPU and RSS.
 *   npx tsx bench/restart.ts --runs 100000
 * Writes bench/results/restart.json and the restart table in bench/README.md.
 */
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { listRunFolders } from '../server/src/facts/list-runs.js';
import {
  BENCH_DIR,
  COMMON_OPTIONS,
  cleanUpOnSignal,
  commandLine,
  loadResult,
  positiveInt,
  saveResult,
} from './lib/bench-run.js';
import { spread, startCliServer, stopAllCliServers } from './lib/cli-server.js';
import { syntheticDataSet } from './lib/data-set.js';
import { GraphqlClient } from './lib/graphql-client.js';
import { checkQuiet, load1m } from './lib/machine.js';
import { linkedCopy, type ScratchRoot } from './lib/scratch-root.js';
import { CHANGE_TAG, tagRuns } from './restart/change-runs.js';
import { processCpuMs, processMemoryMiB } from './restart/proc-stat.js';
import { type RestartResult, writeReadmeSection } from './restart/report.js';
import { summarize } from './write/stats.js';

const { values } = parseArgs({
  options: {
    ...COMMON_OPTIONS,
    restarts: { type: 'string', default: '5' },
    changed: { type: 'string', default: '1000' },
    'idle-seconds': { type: 'string', default: '30' },
    'settle-seconds': { type: 'string', default: '5' },
  },
});
if (values.readme) {
  await writeReadmeSection(BENCH_DIR, await loadResult<RestartResult>('restart'));
  process.exit(0);
}
const runs = positiveInt('runs', values.runs);
const restarts = positiveInt('restarts', values.restarts);
const changedCount = Math.min(runs, positiveInt('changed', values.changed));
const idleSeconds = positiveInt('idle-seconds', values['idle-seconds']);
const settleSeconds = Number(values['settle-seconds']);
if (!(settleSeconds >= 0))
  throw new Error(`--settle-seconds must be 0 or more, got ${values['settle-seconds']}`);
const log = (line: string) => process.stderr.write(`${line}\n`);
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

interface Status {
  runsIndexed: number;
  rebuiltBecause: string | null;
  lastRescanAt: string | null;
}
async function indexStatus(url: string): Promise<Status> {
  const client = new GraphqlClient(url);
  try {
    const data = await client.query<{ indexStatus: Status }>(
      '{ indexStatus { runsIndexed rebuiltBecause lastRescanAt } }',
    );
    return data.indexStatus;
  } finally {
    await client.close();
  }
}

const machine = checkQuiet(values['allow-busy'] ?? false, log);
const dataSet = await syntheticDataSet(runs, log);
let scratch: ScratchRoot | undefined;
const cleanup = async () => {
  await stopAllCliServers();
  await scratch?.remove();
};
cleanUpOnSignal(cleanup);

let result: RestartResult;
try {
  scratch = await linkedCopy(dataSet, 'restart');
  const args = ['--root', scratch.root];
  const start = async (what: string) => {
    log(`${what}: spawning runfacts serve`);
    const started = await startCliServer(args, { readyPollMs: 50 });
    const { healthMs, readyMs } = started.times;
    log(`${what}: /health after ${secs(healthMs)}, /ready after ${secs(readyMs)}`);
    return {
      ...started.times,
      status: await indexStatus(started.server.url),
      server: started.server,
    };
  };
  const first = await start('first build');
  if (first.status.runsIndexed !== runs) {
    throw new Error(`the first build indexed ${first.status.runsIndexed} runs, expected ${runs}`);
  }
  for (const p of spread(first.progress, 6))
    log(`  ${secs(p.ms)}: ${p.phase} ${p.done}/${p.total}`);
  await first.server.stop();

  const starts: Array<{ healthMs: number; readyMs: number }> = [];
  for (let k = 1; k <= restarts; k++) {
    const again = await start(`restart ${k}/${restarts}, nothing changed`);
    if (again.status.rebuiltBecause !== null) {
      throw new Error(`the restart rebuilt the index: ${again.status.rebuiltBecause}`);
    }
    starts.push({ healthMs: again.healthMs, readyMs: again.readyMs });
    await again.server.stop();
  }

  const { runIds } = await listRunFolders(join(scratch.root, 'runs'));
  const stamp = new Date().toISOString();
  log(`changing run.json of ${changedCount} runs on disk while the server is down`);
  await tagRuns(scratch.root, spread(runIds, changedCount), stamp);
  const changed = await start(`restart after ${changedCount} changed`);
  const client = new GraphqlClient(changed.server.url);
  const served = await client
    .query<{ runs: { totalCount: number } }>(
      `{ runs(where: "tags.${CHANGE_TAG} = '${stamp}'", first: 1) { totalCount } }`,
    )
    .finally(() => client.close());
  log(`  ${served.runs.totalCount} of ${changedCount} changed runs served with the new tag`);

  const pid = changed.server.pid;
  log(`idle: settling ${settleSeconds} s, then measuring CPU for ${idleSeconds} s`);
  await sleep(settleSeconds * 1000);
  const before = await indexStatus(changed.server.url);
  const cpu0 = await processCpuMs(pid);
  const t0 = performance.now();
  await sleep(idleSeconds * 1000);
  const cpuMs = (await processCpuMs(pid)) - cpu0;
  const wallMs = performance.now() - t0;
  const memory = await processMemoryMiB(pid);
  const after = await indexStatus(changed.server.url);
  const cpuPercent = Math.round((cpuMs / wallMs) * 10_000) / 100;
  log(`idle: ${cpuPercent} % of a core, RSS ${memory.rss} MiB (peak ${memory.peak} MiB)`);
  await changed.server.stop();

  machine.loadAverage1m.end = load1m();
  result = {
    benchmark: 'restart',
    command: commandLine('restart.ts'),
    runs,
    date: new Date().toISOString(),
    machine,
    firstBuild: {
      healthMs: first.healthMs,
      readyMs: first.readyMs,
      progress: spread(first.progress, 20),
      rebuiltBecause: first.status.rebuiltBecause,
      runsIndexed: first.status.runsIndexed,
    },
    unchanged: {
      healthMs: summarize(starts.map((x) => x.healthMs)),
      readyMs: summarize(starts.map((x) => x.readyMs)),
      starts,
    },
    changed: {
      healthMs: changed.healthMs,
      readyMs: changed.readyMs,
      progress: spread(changed.progress, 20),
      runsChanged: changedCount,
      changesServed: served.runs.totalCount,
    },
    idle: {
      seconds: idleSeconds,
      settleSeconds,
      cpuMs: Math.round(cpuMs),
      cpuPercent,
      rssMiB: memory.rss,
      peakRssMiB: memory.peak,
      rescanInWindow: after.lastRescanAt !== before.lastRescanAt,
    },
    targets: {
      healthMs: 1000,
      readyMs: 5000,
      changedReadyMs: 10_000,
      firstBuildMs: 60_000,
      idleCpuPercent: 2,
    },
  };
} finally {
  await cleanup();
}

const out = await saveResult('restart', result);
await writeReadmeSection(BENCH_DIR, result);
log(`wrote ${out} and bench/README.md`);
