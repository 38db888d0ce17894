// Mirror N generated runs (20 config params, 10 summary metrics, 50-point histories) to a local
// MLflow server, then log the same runs with MLflow's own Python client, for scale.
//
//   scripts/setup/mlflow-venv.sh && npx tsx bench/mlflow-mirror.ts [--runs 1000] [--concurrency 4]
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { mapConcurrent } from '../server/src/facts/concurrent.js';
import { FactsStore } from '../server/src/facts/index.js';
import { META_HASH_TAG, mapRun, RUN_ID_TAG, syncRuns } from '../server/src/mirror/mlflow/index.js';
import { createMirrorRun } from '../test/helpers/mlflow/runs.js';
import { MLFLOW_PYTHON, startMlflowServer } from '../test/helpers/mlflow/server.js';
import { makeTempDir } from '../test/helpers/temp-dir.js';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '4' },
  },
});
const RUNS = Number(values.runs);
const CONCURRENCY = Number(values.concurrency);
const HERE = fileURLToPath(new URL('.', import.meta.url));

const server = await startMlflowServer();
const root = await makeTempDir('bench-mirror');
try {
  const store = new FactsStore(root.path);
  const ids = Array.from({ length: RUNS }, (_, i) => `bench-${String(i).padStart(5, '0')}`);
  const made = Date.now();
  for await (const _ of mapConcurrent(ids, 8, (id) =>
    createMirrorRun(store, id, { experiment: 'bench' }),
  )) {
    // Drain.
  }
  process.stderr.write(`generated ${RUNS} runs in ${((Date.now() - made) / 1000).toFixed(1)} s\n`);

  const first = await syncRuns({ facts: store, trackingUri: server.uri, concurrency: CONCURRENCY });
  if (first.runs.failed > 0) throw new Error(`mirror failed: ${JSON.stringify(first.failures[0])}`);
  const second = await syncRuns({
    facts: store,
    trackingUri: server.uri,
    concurrency: CONCURRENCY,
  });
  const perRun = first.results.map((r) => r.requests);

  // The same content, as the mirror sent it, for MLflow's Python client.
  const lines: string[] = [];
  for (const id of ids) {
    const m = mapRun(await store.readRunFiles(id));
    const createTags = [RUN_ID_TAG, META_HASH_TAG].map((key) => ({ key, value: m.tags.get(key) }));
    lines.push(
      JSON.stringify({
        run_name: m.runName,
        start_time: m.startTime,
        end_time: m.endTime,
        status: m.status,
        create_tags: createTags,
        params: [...m.params].map(([key, value]) => ({ key, value })),
        tags: [...m.tags]
          .filter(([k]) => k !== RUN_ID_TAG && k !== META_HASH_TAG)
          .map(([key, value]) => ({ key, value })),
        metrics: [
          ...[...m.summary].map(([key, value]) => ({
            key,
            value,
            step: 0,
            timestamp: m.summaryTimestamp,
          })),
          ...m.history,
        ],
      }),
    );
  }
  const runsFile = join(root.path, 'runs.jsonl');
  await writeFile(runsFile, `${lines.join('\n')}\n`);
  const { stdout } = await promisify(execFile)(
    MLFLOW_PYTHON,
    [join(HERE, 'mlflow-python-client.py'), server.uri, 'bench-python', runsFile],
    {
      env: { ...process.env, MLFLOW_DISABLE_TELEMETRY: 'true', DO_NOT_TRACK: 'true' },
      maxBuffer: 1 << 20,
    },
  );
  const python = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as {
    seconds: number;
    runs_per_s: number;
  };

  const sample = mapRun(await store.readRunFiles(ids[0] as string));
  const result = {
    runs: RUNS,
    shape: {
      params: sample.params.size,
      configParams: 20,
      summaryMetrics: sample.summary.size,
      historyPoints: sample.history.length,
    },
    concurrency: CONCURRENCY,
    mirror: {
      seconds: first.durationMs / 1000,
      runsPerSecond: RUNS / (first.durationMs / 1000),
      httpRequests: first.httpRequests,
      httpRequestsPerRun: first.httpRequests / RUNS,
      maxRequestsForOneRun: Math.max(...perRun),
    },
    noOpResync: { seconds: second.durationMs / 1000, httpRequests: second.httpRequests },
    pythonClient: {
      seconds: python.seconds,
      runsPerSecond: python.runs_per_s,
      httpRequestsPerRun: 3,
    },
  };
  console.log(JSON.stringify(result, null, 2));
  await mkdir(join(HERE, 'results'), { recursive: true });
  await writeFile(
    join(HERE, 'results', 'mlflow-mirror.raw.json'),
    `${JSON.stringify(result, null, 2)}\n`,
  );
} finally {
  await server.remove();
  await root.remove();
}
