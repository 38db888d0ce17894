import { listArtifacts } from '../rules/artifacts.js';
import { numericMetrics } from '../rules/flatten.js';
import { runIdentity } from '../rules/identity.js';
import { asText, valueAt } from '../rules/lookup.js';
import { inferMeta } from '../rules/meta.js';
import { runRecord } from '../rules/run-record.js';
import { startTime } from '../rules/run-time.js';
import { type LayoutModule, mappingFile, mtimeOf } from './layout.js';

/** Seed 001: `{name}__{arch}__{timestamp}/` or legacy `{name}_{timestamp}/` with config.yaml and summary.json. */
export const resultFolder: LayoutModule = {
  layout: 'result_folder',
  spec: {
    files: [
      { key: 'config', path: 'config.yaml', format: 'yaml', required: true },
      { key: 'summary', path: 'summary.json', format: 'json', required: true },
    ],
  },
  infer(source, config) {
    const cfg = mappingFile(source, 'config', 'config.yaml') ?? {};
    const summary = mappingFile(source, 'summary', 'summary.json') ?? {};
    const { metadata, ...results } = summary;
    const experiment =
      asText(valueAt(cfg, 'experiment.name')) ?? asText(valueAt(metadata, 'experiment_name'));
    const start = startTime(
      [cfg.timestamp, valueAt(metadata, 'timestamp')],
      source.rel,
      mtimeOf(source, 'config'),
    );
    const identity = runIdentity({
      folderName: source.name,
      name: experiment ?? source.name,
      architectureCode:
        asText(cfg.architecture_code) ?? asText(valueAt(metadata, 'architecture_code')),
      start: start.date,
    });
    const { meta, notes } = inferMeta({ tree: cfg, config });
    const run = runRecord({
      layout: 'result_folder',
      sourcePath: source.dir,
      identity,
      start,
      experiment: experiment ?? identity.name,
      config: cfg,
      metrics: numericMetrics(results),
      artifacts: listArtifacts(source.entries, source.listings),
      notes,
    });
    return { run, meta, meta_source: 'backfill', metrics: [], warnings: [] };
  },
};
