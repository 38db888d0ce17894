/**
 * runfacts beside MLflow 3 on the same N runs (issue 11): filtered search, get-run, and
 * create + log 100 points + finish, over HTTP with keep-alive, interleaved.
 *   scripts/setup/mlflow-venv.sh && npx tsx bench/vs-mlflow.ts --runs 100000
 * Writes bench/results/vs-mlflow.json and the vs-mlflow table in bench/README.md
 * (`--readme` re-renders the table from the saved JSON).
 */
import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { request } from 'undici';
import { listRunFolders } from '../server/src/facts/list-runs.js';
import { type MlflowServer, startMlflowServer } from '../test/helpers/mlflow/server.js';
import {
  BENCH_DIR,
  COMMON_OPTIONS,
  cleanUpOnSignal,
  commandLine,
  loadResult,
  positiveInt,
  saveResult,
} from './lib/bench-run.js';
import { type CliServer, spread, startCliServer, stopAllCliServers } from './lib/cli-server.js';
import { syntheticDataSet } from './lib/data-set.js';
import { GraphqlClient } from './lib/graphql-client.js';
import { checkQuiet, load1m } from './lib/machine.js';
import { linkedCopy, type ScratchRoot } from './lib/scratch-root.js';
import { interleaved, type Timing } from './vs-mlflow/interleave.js';
import { MlflowHttp } from './vs-mlflow/mlflow-http.js';
import { loadIntoMlflow, type MlflowLoad } from './vs-mlflow/mlflow-load.js';
import {
  type VsMlflowResult,
  type WorkloadResult,
  writeReadmeSection,
} from './vs-mlflow/report.js';
import { workloads } from './vs-mlflow/workloads.js';

const { values } = parseArgs({
  options: {
    ...COMMON_OPTIONS,
    'search-samples': { type: 'string', default: '10' },
    'get-samples': { type: 'string', default: '200' },
    'write-samples': { type: 'string', default: '100' },
    /** Per workload: sampling stops after this many seconds with what it has. */
    'cap-seconds': { type: 'string', default: '900' },
  },
});
if (values.readme) {
  await writeReadmeSection(BENCH_DIR, await loadResult<VsMlflowResult>('vs-mlflow'));
  process.exit(0);
}
const runs = positiveInt('runs', values.runs);
const capMs = positiveInt('cap-seconds', values['cap-seconds']) * 1000;
const timings: Record<string, Timing> = {
  search: { samples: positiveInt('search-samples', values['search-samples']), warmup: 1, capMs },
  get: { samples: positiveInt('get-samples', values['get-samples']), warmup: 20, capMs },
  write: { samples: positiveInt('write-samples', values['write-samples']), warmup: 5, capMs },
};
const log = (line: string) => process.stderr.write(`${line}\n`);

const machine = checkQuiet(values['allow-busy'] ?? false, log);
const dataSet = await syntheticDataSet(runs, log);
let scratch: ScratchRoot | undefined;
let runfacts: CliServer | undefined;
let mlflow: MlflowServer | undefined;
/** MLflow's folder while its database is being loaded (before `mlflow` is set). */
let mlflowDir: string | undefined;
const clients: Array<{ close(): Promise<void> }> = [];
const cleanup = async () => {
  for (const c of clients.splice(0)) await c.close();
  await stopAllCliServers();
  await mlflow?.remove();
  if (mlflowDir !== undefined) await rm(mlflowDir, { recursive: true, force: true });
  await scratch?.remove();
};
cleanUpOnSignal(cleanup);

let result: VsMlflowResult;
try {
  scratch = await linkedCopy(dataSet, 'vs-mlflow');
  log(`starting runfacts over a linked copy of ${dataSet} (first index build)`);
  const started = await startCliServer(['--root', scratch.root, '--no-watch'], {
    readyPollMs: 250,
  });
  runfacts = started.server;
  log(`runfacts ready in ${(started.times.readyMs / 1000).toFixed(1)} s at ${runfacts.url}`);

  log(`loading ${runs} runs into MLflow's SQLite by SQL`);
  let load: MlflowLoad | undefined;
  const mlflowStarted = performance.now();
  const facts = scratch.root;
  mlflow = await startMlflowServer({
    prepare: async (db, artifacts) => {
      mlflowDir = dirname(db);
      load = await loadIntoMlflow(facts, db, artifacts, log);
      log(`loaded ${load.runs} runs in ${(load.ms / 1000).toFixed(1)} s; starting mlflow server`);
    },
  });
  mlflowDir = undefined;
  if (load === undefined) throw new Error('the MLflow database was not loaded');
  if (load.runs !== runs) throw new Error(`MLflow got ${load.runs} runs, expected ${runs}`);
  const mlflowStartMs = performance.now() - mlflowStarted - load.ms;
  const version = await request(`${mlflow.uri}/version`).then((r) => r.body.text());

  const ours = new GraphqlClient(runfacts.url);
  const theirs = new MlflowHttp(mlflow.uri);
  clients.push(ours, theirs);
  const { runIds } = await listRunFolders(join(scratch.root, 'runs'));
  const sample = spread(runIds, timings.get?.samples ?? 1);
  const cases = await workloads(ours, theirs, Object.values(load.experiments), sample);
  const measured: Record<string, WorkloadResult> = {};
  for (const w of cases) {
    const timing = timings[w.name] as Timing;
    const checked = await w.check();
    log(`${w.name}: checked: ${checked}`);
    const rounds = timing.warmup + timing.samples;
    const step = Math.max(1, Math.round(rounds / 5));
    const pair = await interleaved(w.runfacts, w.mlflow, timing, (round) => {
      if (round % step === 0) log(`  ${w.name}: ${round}/${rounds}`);
    });
    const ratio = Math.round((pair.mlflow.p50 / pair.runfacts.p50) * 10) / 10;
    measured[w.name] = {
      description: w.description,
      ...pair,
      ratio,
      targetRatio: w.targetRatio,
      met: ratio >= w.targetRatio,
      checked,
    };
    log(
      `${w.name}: runfacts p50 ${pair.runfacts.p50} ms p99 ${pair.runfacts.p99} ms; MLflow p50 ${pair.mlflow.p50} ms p99 ${pair.mlflow.p99} ms; ratio ${ratio}x (target ${w.targetRatio}x)`,
    );
  }
  machine.loadAverage1m.end = load1m();
  result = {
    benchmark: 'vs-mlflow',
    command: commandLine('vs-mlflow.ts'),
    runs,
    date: new Date().toISOString(),
    machine,
    mlflowVersion: version.trim() || 'unknown',
    setup: {
      runfactsReadyMs: Math.round(started.times.readyMs),
      mlflowLoadMs: Math.round(load.ms),
      mlflowStartMs: Math.round(mlflowStartMs),
    },
    workloads: measured,
  };
} finally {
  await cleanup();
}

const out = await saveResult('vs-mlflow', result);
await writeReadmeSection(BENCH_DIR, result);
log(`wrote ${out} and bench/README.md`);
