import { listArtifacts } from '../rules/artifacts.js';
import { numericMetrics } from '../rules/flatten.js';
import { runIdentity } from '../rules/identity.js';
import { asInt, asText, isRecord, valueAt } from '../rules/lookup.js';
import { inferMeta } from '../rules/meta.js';
import { runRecord } from '../rules/run-record.js';
import { startTime } from '../rules/run-time.js';
import { type LayoutModule, mappingFile, mtimeOf } from './layout.js';

function modelParameters(value: unknown): { total: number; trainable: number } | null {
  if (!isRecord(value)) return null;
  const total = asInt(value.total);
  const trainable = asInt(value.trainable);
  return total !== undefined && trainable !== undefined && total >= 0 && trainable >= 0
    ? { total, trainable }
    : null;
}

/** Seed 003: `experiments/{model}_{timestamp}/metadata.json` with nested configs and metrics. */
export const experimentFolder: LayoutModule = {
  layout: 'experiment',
  spec: { files: [{ key: 'metadata', path: 'metadata.json', format: 'json', required: true }] },
  infer(source, config) {
    const md = mappingFile(source, 'metadata', 'metadata.json') ?? {};
    const { metrics, model_parameters, ...rest } = md;
    const model = asText(md.model_name);
    const start = startTime([md.timestamp], source.rel, mtimeOf(source, 'metadata'));
    const identity = runIdentity({
      folderName: source.name,
      name: model ?? source.name,
      start: start.date,
    });
    const duration = valueAt(md, 'training_config.training_duration_seconds');
    const { meta, notes } = inferMeta({ tree: md, config });
    const summary = numericMetrics(metrics);
    const run = runRecord({
      layout: 'experiment',
      sourcePath: source.dir,
      identity,
      start,
      experiment: model ?? source.parentName,
      config: rest,
      metrics: summary,
      modelParameters: modelParameters(model_parameters),
      durationSeconds: typeof duration === 'number' && duration >= 0 ? duration : null,
      artifacts: listArtifacts(source.entries, source.listings),
      notes,
    });
    return { run, meta, meta_source: 'backfill', metrics: [], warnings: [] };
  },
};
