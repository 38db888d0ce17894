import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Latency } from './latency.js';
import { spliceReadme } from './readme-section.js';

export interface CaseResult {
  description: string;
  targetP50Ms: number;
  api: Latency;
  sql: Latency;
  /** API p50 over bare SQL p50. */
  overhead: number;
}

export interface ReadApiResult {
  benchmark: 'read-api';
  command: string;
  runs: number;
  date: string;
  machine: { cpus: number; cpuModel: string; node: string; loadAverage1m: number[] };
  build: { ms: number; runsPerSecond: number; processCpuMs: number; target: number };
  cases: Record<string, CaseResult>;
}

const INTRO = `# Benchmarks

Each benchmark is one command and writes its results to \`bench/results/\` as JSON (the small
result files are committed; raw samples, \`*.raw.json\`, are not). Synthetic data sets are
generated into \`bench/.data/\` (gitignored) and reused. The machine is a shared 2-core VM where
other jobs run at the same time: numbers are medians (p50) with p99 beside them, and the load
average during the run is recorded, since a busy neighbour slows everything down.
`;

const NOTES = `Start-up CPU is the whole process (all threads, DuckDB's included) while the server
opens; CPU per run divides it by N and is the figure to compare across runs on this shared
machine, where wall time depends on the neighbours (a load average above 2 means runnable
threads waiting for one of the 2 cores). For comparison, the build before the bulk path
(reads through the libuv pool, object rows through appendRows) cost about 2,400 µs of CPU per
run on 10k runs (158 runs/s, load 12 to 15). What a run costs now, measured piece by piece:
about 40-50 µs of system calls to open, stat and read its three files, about 30 µs of JSON
parsing, 36 µs of zod validation of run.json, 30 µs to build its rows, and DuckDB's appends
and inserts. A cold build at 20k runs/s on 2 cores allows 100 µs of CPU per run; reading,
parsing and validating alone take about 110 µs, so the target is out of reach for a rebuild
that reads and checks every file.`;

const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));
const mark = (ok: boolean) => (ok ? 'yes' : '**no**');

function section(results: ReadApiResult[]): string {
  const lines = [
    '## Read API (`bench/read-api.ts`)',
    '',
    'Cold index build of N synthetic runs (seed-like meta, 20 params, 10 summary metrics,',
    '50-point histories; the index file is deleted first, the facts are in the page cache),',
    'then three reads, each timed 200 times one after another after 20 warm-ups: over HTTP',
    'through the real server (`listen` from `server/src/main.ts`, 127.0.0.1, an undici client)',
    'and as hand-written SQL on the same DuckDB index through the same Kysely handle. The',
    'refresher is off, so that the timings are of reads alone. Targets are for 100k runs.',
    '',
    '```',
    ...results.map((r) => r.command),
    '```',
    '',
    '| runs | cold build | runs/s | target 20k/s | start-up CPU | CPU per run | load avg (1m) |',
    '|---:|---:|---:|:---:|---:|---:|---:|',
    ...results.map(
      (r) =>
        `| ${r.runs} | ${(r.build.ms / 1000).toFixed(1)} s | ${r.build.runsPerSecond} | ${mark(r.build.runsPerSecond >= r.build.target)} | ${(r.build.processCpuMs / 1000).toFixed(1)} s | ${Math.round((r.build.processCpuMs * 1000) / r.runs)} µs | ${r.machine.loadAverage1m.map((l) => l.toFixed(1)).join(' / ')} |`,
    ),
    '',
    '| runs | read | API p50 / p99 ms | SQL p50 / p99 ms | API / SQL | p50 target | met |',
    '|---:|---|---:|---:|---:|---:|:---:|',
    ...results.flatMap((r) =>
      Object.entries(r.cases).map(
        ([name, c]) =>
          `| ${r.runs} | ${name} | ${fmt(c.api.p50)} / ${fmt(c.api.p99)} | ${fmt(c.sql.p50)} / ${fmt(c.sql.p99)} | ${c.overhead.toFixed(1)}x | ${c.targetP50Ms} ms | ${mark(c.api.p50 <= c.targetP50Ms && c.overhead <= 2)} |`,
      ),
    ),
    '',
    'Reads: ' +
      Object.entries(results[0]?.cases ?? {})
        .map(([name, c]) => `**${name}**, ${c.description}`)
        .join('; ') +
      '. "met" means p50 within target and API overhead at most 2x bare SQL.',
    '',
    NOTES,
  ];
  return lines.join('\n');
}

/** Rewrites this benchmark's section of bench/README.md from every read-api result file. */
export async function updateReadme(benchDir: string): Promise<void> {
  const resultsDir = join(benchDir, 'results');
  const files = (await readdir(resultsDir)).filter((f) => /^read-api-\d+\.json$/.test(f));
  const results: ReadApiResult[] = [];
  for (const f of files) results.push(JSON.parse(await readFile(join(resultsDir, f), 'utf8')));
  results.sort((a, b) => a.runs - b.runs);
  await spliceReadme(benchDir, 'read-api', section(results), INTRO);
}
