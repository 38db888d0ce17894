import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { FactsStore } from '../../server/src/facts/index.js';
import { mapRun } from '../../server/src/mirror/mlflow/index.js';
import type { MlflowMetric } from '../../server/src/mirror/mlflow/types.js';
import { MLFLOW_PYTHON } from '../../test/helpers/mlflow/server.js';

const LOADER = fileURLToPath(new URL('./load-mlflow-sqlite.py', import.meta.url));

/** The MLflow run uuid a runfacts run gets in the loaded database (32 hex, stable). */
export function mlflowRunUuid(runId: string): string {
  return createHash('md5').update(runId).digest('hex');
}

export interface MlflowLoad {
  /** MLflow experiment id by name. */
  experiments: Record<string, number>;
  runs: number;
  ms: number;
}

type Point = [key: string, value: number, timestamp: number, step: number];

/** MLflow's latest_metrics rule: per key, the point with the highest (step, timestamp, value). */
function latestOf(points: readonly Point[]): Point[] {
  const latest = new Map<string, Point>();
  for (const p of points) {
    const seen = latest.get(p[0]);
    if (
      seen === undefined ||
      p[3] > seen[3] ||
      (p[3] === seen[3] && (p[2] > seen[2] || (p[2] === seen[2] && p[1] > seen[1])))
    ) {
      latest.set(p[0], p);
    }
  }
  return [...latest.values()];
}

const point = (m: MlflowMetric): Point => [m.key, m.value, m.timestamp, m.step];

/**
 * Loads every run of the facts root into MLflow's SQLite as the runfacts mirror maps it
 * (`mapRun`: `meta.*` and config params, tags, full histories, summary metrics), through the
 * venv's Python and sqlite3 executemany.
 */
export async function loadIntoMlflow(
  factsRoot: string,
  dbPath: string,
  artifactRoot: string,
  log: (line: string) => void,
): Promise<MlflowLoad> {
  const started = performance.now();
  const python = spawn(MLFLOW_PYTHON, [LOADER, dbPath, artifactRoot], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  python.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
  });
  python.stderr.on('data', (chunk: Buffer) => {
    err = (err + chunk.toString('utf8')).slice(-10_000);
  });
  // A loader that dies is reported by its exit code below, not by a write error here.
  python.stdin.on('error', () => undefined);
  const exited = once(python, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  let sent = 0;
  for await (const files of new FactsStore(factsRoot).scan({ concurrency: 8 })) {
    const run = mapRun(files);
    const metrics = [
      ...run.history.map(point),
      ...[...run.summary].map(([key, value]): Point => [key, value, run.summaryTimestamp, 0]),
    ];
    const line = JSON.stringify({
      uuid: mlflowRunUuid(run.runId),
      experiment: run.experiment,
      name: run.runName,
      status: run.status,
      start: run.startTime,
      end: run.endTime,
      params: [...run.params],
      tags: [['mlflow.runName', run.runName], ['mlflow.user', 'bench'], ...run.tags],
      metrics,
      latest: latestOf(metrics),
    });
    if (!python.stdin.write(`${line}\n`)) {
      await Promise.race([once(python.stdin, 'drain'), exited]);
    }
    sent++;
    if (sent % 10_000 === 0) log(`  mlflow sqlite: ${sent} runs sent`);
  }
  python.stdin.end();
  const [code] = await exited;
  if (code !== 0) throw new Error(`loading MLflow's SQLite failed (exit ${code}):\n${err}`);
  const result = JSON.parse(out) as { experiments: Record<string, number>; runs: number };
  return { ...result, ms: performance.now() - started };
}
