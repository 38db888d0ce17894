import type { RunStatus } from '../../facts/index.js';
import { HISTORY_MAX_BYTES } from '../read-source.js';
import { listArtifacts } from '../rules/artifacts.js';
import { runIdentity } from '../rules/identity.js';
import { asInt, asText } from '../rules/lookup.js';
import { inferMeta } from '../rules/meta.js';
import { runRecord } from '../rules/run-record.js';
import { startTime } from '../rules/run-time.js';
import type { Inference } from '../types.js';
import { type LayoutModule, mappingFile, mtimeOf, SkipRun } from './layout.js';
import { parseMlflowMetrics } from './mlflow-metrics.js';

// MLflow's RunStatus enum; a scheduled run has not ended, like a running one.
const STATUS: Record<string, RunStatus> = {
  '1': 'RUNNING',
  '2': 'RUNNING',
  '3': 'FINISHED',
  '4': 'FAILED',
  '5': 'KILLED',
  RUNNING: 'RUNNING',
  SCHEDULED: 'RUNNING',
  FINISHED: 'FINISHED',
  FAILED: 'FAILED',
  KILLED: 'KILLED',
};
const sortedKeys = (record: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

const STORE_FILES = new Set(['meta.yaml', 'params', 'metrics', 'tags']);

/** Seed 004: an MLflow file-store run, `mlruns/<experiment_id>/<run_id>/` with meta.yaml, params/, metrics/, tags/. */
export const mlflowRun: LayoutModule = {
  layout: 'mlflow',
  spec: {
    files: [
      { key: 'meta', path: 'meta.yaml', format: 'yaml', required: true },
      { key: 'experiment', path: '../meta.yaml', format: 'yaml' },
    ],
    textDirs: [
      { key: 'params', path: 'params' },
      { key: 'metrics', path: 'metrics', maxBytes: HISTORY_MAX_BYTES },
      { key: 'tags', path: 'tags' },
    ],
  },
  infer(source, config): Inference {
    const m = mappingFile(source, 'meta', 'meta.yaml') ?? {};
    if (m.lifecycle_stage === 'deleted') {
      throw new SkipRun(
        'deleted_run',
        source.dir,
        `${source.dir} is a deleted MLflow run; restore it in MLflow to import it`,
        'warning',
      );
    }
    const uuid = asText(m.run_id) ?? asText(m.run_uuid) ?? source.name;
    const experimentId = asText(String(m.experiment_id ?? '')) ?? source.parentName;
    // Sorted, so run.json does not depend on the order a file system lists directories in.
    const params = sortedKeys(source.textDirs.params ?? {});
    const tags: Record<string, string> = {
      ...sortedKeys(source.textDirs.tags ?? {}),
      'mlflow.run_id': uuid,
      'mlflow.experiment_id': experimentId,
    };
    const history = parseMlflowMetrics(source.textDirs.metrics ?? {});
    const startMs = asInt(m.start_time);
    const endMs = asInt(m.end_time);
    const start = startTime([startMs], '', mtimeOf(source, 'meta'));
    const name = asText(tags['mlflow.runName']) ?? asText(m.run_name) ?? uuid;
    const identity = runIdentity({ folderName: source.name, name, start: start.date });
    const status = STATUS[String(m.status)];
    const { meta, notes } = inferMeta({ tree: params, config });
    if (status === undefined && m.status !== undefined) {
      notes.push(`status: ${JSON.stringify(m.status)} is not an MLflow run status`);
    }
    const experimentMeta = mappingFile(source, 'experiment', '../meta.yaml');
    if (experimentMeta === undefined) {
      notes.push(`experiment: no ../meta.yaml, the experiment id ${experimentId} is used`);
    }
    const run = runRecord({
      layout: 'mlflow',
      sourcePath: source.dir,
      identity,
      start,
      experiment: asText(experimentMeta?.name) ?? experimentId,
      status: status ? { value: status, from: 'source' } : undefined,
      endedAt: endMs && endMs > 0 ? new Date(endMs) : null,
      durationSeconds: startMs && endMs && endMs >= startMs ? (endMs - startMs) / 1000 : null,
      params,
      metrics: Object.keys(history.latest).length > 0 ? history.latest : null,
      tags,
      artifacts: listArtifacts(source.entries, source.listings, STORE_FILES),
      notes,
    });
    const warnings: Inference['warnings'] = history.bad.map((b) => ({
      kind: 'malformed_metric_line' as const,
      path: `${source.dir}/metrics/${b.key}`,
      message: `${source.dir}/metrics/${b.key} line ${b.line}: ${b.why}; the point is left out`,
    }));
    if (experimentMeta === undefined) {
      const message = `${source.dir}: its experiment folder has no meta.yaml (MLflow itself does not list such runs); imported with experiment ${experimentId}`;
      warnings.push({ kind: 'no_experiment_meta', path: source.dir, message });
    }
    return { run, meta, meta_source: 'backfill', metrics: history.points, warnings };
  },
};
