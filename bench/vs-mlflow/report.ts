import type { Machine } from '../lib/machine.js';
import { loadText } from '../lib/machine.js';
import { spliceReadme } from '../lib/readme-section.js';
import type { Latency } from '../write/stats.js';

export interface WorkloadResult {
  description: string;
  runfacts: Latency;
  mlflow: Latency;
  /** MLflow p50 over runfacts p50: how many times faster runfacts is (below 1: slower). */
  ratio: number;
  targetRatio: number;
  met: boolean;
  checked: string;
}

export interface VsMlflowResult {
  benchmark: 'vs-mlflow';
  command: string;
  runs: number;
  date: string;
  machine: Machine;
  mlflowVersion: string;
  setup: { runfactsReadyMs: number; mlflowLoadMs: number; mlflowStartMs: number };
  workloads: Record<string, WorkloadResult>;
}

const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));
const ratio = (r: number) =>
  r >= 1 ? `${r.toFixed(1)}x faster` : `${(1 / r).toFixed(1)}x **slower**`;

/** The vs-mlflow section of bench/README.md, from one result. */
export async function writeReadmeSection(benchDir: string, r: VsMlflowResult): Promise<void> {
  const rows = Object.entries(r.workloads).map(
    ([name, w]) =>
      `| ${name} | ${ms(w.runfacts.p50)} / ${ms(w.runfacts.p99)} | ${ms(w.mlflow.p50)} / ${ms(w.mlflow.p99)} | ${w.runfacts.n} | runfacts ${ratio(w.ratio)} | ≥ ${w.targetRatio}x | ${w.met ? 'yes' : '**no**'} |`,
  );
  const body = [
    '## Side by side with MLflow (`bench/vs-mlflow.ts`)',
    '',
    `The same ${r.runs} synthetic runs (seed-like meta, 20 params, 10 summary metrics, 50-point`,
    'histories) in runfacts (`runfacts serve --no-watch`, the real CLI) and in MLflow',
    `${r.mlflowVersion} (\`mlflow server\`, SQLite, one worker), loaded by SQL as the runfacts`,
    'mirror maps runs (`meta.<field>` params, config params, tags, full histories,',
    'latest_metrics). Both on 127.0.0.1 over HTTP with keep-alive (undici), interleaved one call',
    'at a time with the order swapped every round. With fewer than 100 samples p99 is the',
    'slowest call.',
    '',
    '```',
    r.command,
    '```',
    '',
    '| workload | runfacts p50 / p99 ms | MLflow p50 / p99 ms | samples | p50 ratio | target | met |',
    '|---|---:|---:|---:|---|---:|:---:|',
    ...rows,
    '',
    ...Object.entries(r.workloads).map(([name, w]) => `- **${name}**: ${w.description}.`),
    '',
    `Load average (1 min) ${loadText(r.machine)} on ${r.machine.cpus} cores; ${r.date.slice(0, 16)}Z.`,
    `Set-up: runfacts ready in ${(r.setup.runfactsReadyMs / 1000).toFixed(1)} s (first index build),`,
    `MLflow's SQLite loaded in ${(r.setup.mlflowLoadMs / 1000).toFixed(1)} s and its server`,
    `started in ${(r.setup.mlflowStartMs / 1000).toFixed(1)} s. JSON: \`results/vs-mlflow.json\`.`,
  ].join('\n');
  await spliceReadme(benchDir, 'vs-mlflow', body);
}
