import { listArtifacts } from '../rules/artifacts.js';
import { flattenParams, numericMetrics } from '../rules/flatten.js';
import { runIdentity } from '../rules/identity.js';
import { asText } from '../rules/lookup.js';
import { inferMeta } from '../rules/meta.js';
import { runRecord } from '../rules/run-record.js';
import { startTime } from '../rules/run-time.js';
import { type LayoutModule, mappingFile, mtimeOf } from './layout.js';

const START_KEYS = ['started_at', 'start_time', 'created_at', 'timestamp'] as const;
const TUNING_KEYS = ['hyperparameter_tuning_method', 'state_grid'] as const;

/**
 * Seed 004's MLflow params: pipeline config and run metadata flattened to dotted keys (lists
 * by index), best params under `best_params.`, plus the seed's `hyperparam_tuning` (1 when a
 * tuning method or HMM state grid is configured) and `feature_list_id` (`NA` when absent).
 */
export function seed004Params(
  pipeline: Record<string, unknown>,
  runMeta: Record<string, unknown>,
  best: Record<string, unknown> | undefined,
): Record<string, string> {
  const params = { ...flattenParams(runMeta), ...flattenParams(pipeline) };
  if (best) Object.assign(params, flattenParams({ best_params: best }));
  const tuned = TUNING_KEYS.some((k) => pipeline[k] !== undefined && pipeline[k] !== null);
  params.hyperparam_tuning = tuned ? '1' : '0';
  params.feature_list_id ??= 'NA';
  return params;
}

/** Seed 004: LGBM/HMM run folders with run_metadata.json, pipeline_config.json, metrics.json, best_params.json. */
export const lgbmHmmFolder: LayoutModule = {
  layout: 'lgbm_hmm',
  spec: {
    files: [
      { key: 'run', path: 'run_metadata.json', format: 'json' },
      { key: 'pipeline', path: 'pipeline_config.json', format: 'json' },
      { key: 'metrics', path: 'metrics.json', format: 'json' },
      { key: 'best', path: 'best_params.json', format: 'json' },
    ],
  },
  infer(source, config) {
    const runMeta = mappingFile(source, 'run', 'run_metadata.json') ?? {};
    const pipeline = mappingFile(source, 'pipeline', 'pipeline_config.json') ?? {};
    const best = mappingFile(source, 'best', 'best_params.json');
    const metrics = mappingFile(source, 'metrics', 'metrics.json');
    const tree = { ...pipeline, ...runMeta };
    const start = startTime(
      START_KEYS.map((k) => runMeta[k]),
      source.rel,
      mtimeOf(source, 'run', 'pipeline'),
    );
    const name = asText(runMeta.run_name) ?? source.name;
    const identity = runIdentity({ folderName: source.name, name, start: start.date });
    // Without a model_type key, the run name (run_..._lgbm_..., run_hmm_...) names the model.
    const choices: Record<string, string> = asText(tree.model_type) ? {} : { model: name };
    const { meta, notes } = inferMeta({ tree, choices, config });
    const run = runRecord({
      layout: 'lgbm_hmm',
      sourcePath: source.dir,
      identity,
      start,
      experiment: asText(runMeta.experiment) ?? asText(pipeline.experiment) ?? source.parentName,
      config: pipeline,
      params: seed004Params(pipeline, runMeta, best),
      metrics: numericMetrics(metrics),
      artifacts: listArtifacts(source.entries, source.listings),
      notes,
    });
    return { run, meta, meta_source: 'backfill', metrics: [], warnings: [] };
  },
};
