import type { MlflowMetric, MlflowRun } from '../../mirror/mlflow/index.js';
import type { Candidate } from '../discover.js';
import type { SourceRead } from '../read-source.js';

/** One run fetched from a tracking server, with the full history of each of its metrics. */
export interface FetchedRun {
  run: MlflowRun;
  experimentName: string;
  histories: Record<string, MlflowMetric[]>;
}

const numberText = (v: number) =>
  Number.isNaN(v) ? 'nan' : v === Infinity ? 'inf' : v === -Infinity ? '-inf' : String(v);

/** The MLflow UI address of a run: its `source_path`, so a user can find where it came from. */
export function runAddress(trackingUri: string, experimentId: string, runId: string): string {
  return `${trackingUri.replace(/\/+$/, '')}/#/experiments/${experimentId}/runs/${runId}`;
}

/** A candidate for the write loop: the run's address is its identity, like a folder's path. */
export function restCandidate(trackingUri: string, experimentId: string, runId: string): Candidate {
  return {
    layout: 'mlflow',
    storedMeta: false,
    dir: runAddress(trackingUri, experimentId, runId),
    rel: `${experimentId}/${runId}`,
    entries: [],
  };
}

/**
 * A fetched run in the shape the MLflow file-store layout reads (meta.yaml fields, params/,
 * tags/, metric files of `timestamp value step` lines), so that one set of rules (statuses, ids,
 * times, meta inference, NaN handling) serves folders and servers alike.
 */
export function restSource(fetched: FetchedRun, candidate: Candidate): SourceRead {
  const { info, data } = fetched.run;
  const text = (items: Array<{ key: string; value: string }>) =>
    Object.fromEntries(items.map((i) => [i.key, i.value]));
  const metrics: Record<string, string> = {};
  for (const [key, points] of Object.entries(fetched.histories)) {
    metrics[key] = points.map((p) => `${p.timestamp} ${numberText(p.value)} ${p.step}`).join('\n');
  }
  const meta = {
    run_id: info.run_id,
    experiment_id: info.experiment_id,
    run_name: info.run_name ?? '',
    status: info.status,
    start_time: info.start_time,
    end_time: info.end_time,
    lifecycle_stage: info.lifecycle_stage ?? 'active',
  };
  return {
    dir: candidate.dir,
    rel: candidate.rel,
    name: info.run_id,
    parentName: info.experiment_id,
    entries: [],
    listings: {},
    files: {
      meta: { value: meta, mtimeMs: 0 },
      experiment: { value: { name: fetched.experimentName }, mtimeMs: 0 },
    },
    textDirs: { params: text(data.params), tags: text(data.tags), metrics },
  };
}
