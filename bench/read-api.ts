/**
 * Read API benchmark (issue 3): cold index build and read latency over HTTP beside bare SQL.
 *   npx tsx bench/read-api.ts --runs 10000
 * Writes bench/results/read-api-<runs>.json and the read-api table in bench/README.md.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { listen } from '../server/src/main.js';
import { syntheticDataSet } from './lib/data-set.js';
import { GraphqlClient } from './lib/graphql-client.js';
import { measureLatency } from './lib/latency.js';
import { readCases } from './lib/read-api-cases.js';
import { type CaseResult, type ReadApiResult, updateReadme } from './lib/read-api-report.js';

const BENCH_DIR = new URL('.', import.meta.url).pathname;
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '10000' },
    samples: { type: 'string', default: '200' },
    warmup: { type: 'string', default: '20' },
    /** Only re-render the README table from the result files. */
    readme: { type: 'boolean', default: false },
  },
});
if (values.readme) {
  await updateReadme(BENCH_DIR);
  process.exit(0);
}
const runs = Number(values.runs);
const timing = { samples: Number(values.samples), warmup: Number(values.warmup) };
if (!Number.isInteger(runs) || runs < 1)
  throw new Error(`--runs must be a positive integer, got ${values.runs}`);
const log = (line: string) => process.stderr.write(`${line}\n`);

const root = await syntheticDataSet(runs, log);
const loads = [loadavg()[0] ?? 0];
log(`starting the server over ${root} (cold index build)`);
const cpuBefore = process.cpuUsage();
const server = await listen({
  root,
  host: '127.0.0.1',
  port: 0,
  refresh: false,
  waitForIndex: true,
});
const cpu = process.cpuUsage(cpuBefore);
const { index } = server.app.services;
const buildMs = index.state.lastBuildMs ?? Number.NaN;
const build = {
  ms: buildMs,
  runsPerSecond: Math.round(runs / (buildMs / 1000)),
  processCpuMs: Math.round((cpu.user + cpu.system) / 1000),
  target: 20_000,
};
log(`built in ${(buildMs / 1000).toFixed(2)} s: ${build.runsPerSecond} runs/s`);

const client = new GraphqlClient(server.url);
const cases: Record<string, CaseResult> = {};
try {
  const ids = await index.db.selectFrom('runs').select('run_id').orderBy('run_id').execute();
  if (ids.length !== runs) throw new Error(`the index holds ${ids.length} runs, expected ${runs}`);
  const step = Math.max(1, Math.floor(ids.length / timing.samples));
  const sample = ids.filter((_, i) => i % step === 0).map((r) => r.run_id);
  for (const c of readCases(client, index.db, sample)) {
    await c.check(0);
    loads.push(loadavg()[0] ?? 0);
    const api = await measureLatency(c.api, timing);
    const bare = await measureLatency(c.sql, timing);
    cases[c.name] = {
      description: c.description,
      targetP50Ms: c.targetP50Ms,
      api,
      sql: bare,
      overhead: Math.round((api.p50 / bare.p50) * 10) / 10,
    };
    log(
      `${c.name}: API p50 ${api.p50} ms p99 ${api.p99} ms; SQL p50 ${bare.p50} ms p99 ${bare.p99} ms`,
    );
  }
} finally {
  await client.close();
  await server.close();
}

loads.push(loadavg()[0] ?? 0);
const result: ReadApiResult = {
  benchmark: 'read-api',
  command: `npx tsx bench/read-api.ts --runs ${runs}`,
  runs,
  date: new Date().toISOString(),
  machine: {
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model ?? 'unknown',
    node: process.version,
    loadAverage1m: [Math.min(...loads), Math.max(...loads)],
  },
  build,
  cases,
};
await mkdir(join(BENCH_DIR, 'results'), { recursive: true });
const out = join(BENCH_DIR, 'results', `read-api-${runs}.json`);
await writeFile(out, `${JSON.stringify(result, null, 2)}\n`);
await updateReadme(BENCH_DIR);
log(`wrote ${out} and bench/README.md`);
