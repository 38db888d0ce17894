import { listArtifacts } from '../rules/artifacts.js';
import { numericMetrics } from '../rules/flatten.js';
import { runIdentity } from '../rules/identity.js';
import { asInt, asText, valueAt } from '../rules/lookup.js';
import { inferMeta } from '../rules/meta.js';
import { runRecord } from '../rules/run-record.js';
import { startTime } from '../rules/run-time.js';
import { experimentChoice, hydraChoices } from './hydra-overrides.js';
import { type LayoutModule, mappingFile, mtimeOf, SkipRun } from './layout.js';

const NAME_KEYS = ['experiment.name', 'exp_name', 'meta.run_name', 'name'] as const;

/** A multirun job number: `hydra.job.num`, or a numeric folder name under a sweep folder. */
function jobNumber(hydra: unknown, folderName: string): number | undefined {
  return (
    asInt(valueAt(hydra, 'hydra.job.num')) ??
    (/^\d+$/.test(folderName) ? Number(folderName) : undefined)
  );
}

/** The nearest folder above the run that is not a date, time or job number (`outputs`, `multirun`). */
function namedAncestor(rel: string): string | undefined {
  const parts = rel.split('/').slice(0, -1).reverse();
  return parts.find((p) => !/^[\d_:-]+$/.test(p));
}

/** Seeds 000/002: a Hydra run folder with `.hydra/config.yaml` and `.hydra/overrides.yaml`. */
export const hydraRun: LayoutModule = {
  layout: 'hydra',
  spec: {
    files: [
      { key: 'config', path: '.hydra/config.yaml', format: 'yaml', required: true },
      { key: 'overrides', path: '.hydra/overrides.yaml', format: 'yaml' },
      { key: 'hydra', path: '.hydra/hydra.yaml', format: 'yaml' },
      { key: 'metrics', path: 'metrics.json', format: 'json' },
    ],
  },
  infer(source, config) {
    const cfg = mappingFile(source, 'config', '.hydra/config.yaml') ?? {};
    const overrides = source.files.overrides?.value;
    if (overrides !== undefined && overrides !== null && !Array.isArray(overrides)) {
      const path = `${source.dir}/.hydra/overrides.yaml`;
      throw new SkipRun('invalid_content', path, `${path} must be a list of key=value strings`);
    }
    const hydra = source.files.hydra?.value;
    const { choices, params } = hydraChoices(overrides, hydra);
    const explicitName = NAME_KEYS.map((k) => asText(valueAt(cfg, k))).find((n) => n !== undefined);
    const experiment =
      explicitName ??
      experimentChoice(choices) ??
      asText(valueAt(hydra, 'hydra.job.name')) ??
      namedAncestor(source.rel) ??
      'hydra_run';
    const job = jobNumber(hydra, source.name);
    const start = startTime(
      [cfg.timestamp, valueAt(cfg, 'meta.started_at')],
      source.rel,
      mtimeOf(source, 'config'),
    );
    const identity = runIdentity({
      folderName: source.name,
      name: job === undefined ? experiment : `${experiment}-${job}`,
      architectureCode: asText(cfg.architecture_code),
      start: start.date,
    });
    const { meta, notes } = inferMeta({ tree: cfg, choices, config });
    const run = runRecord({
      layout: 'hydra',
      sourcePath: source.dir,
      identity,
      start,
      experiment,
      config: cfg,
      params,
      metrics: numericMetrics(mappingFile(source, 'metrics', 'metrics.json')),
      artifacts: listArtifacts(source.entries, source.listings),
      notes,
    });
    return { run, meta, meta_source: 'backfill', metrics: [], warnings: [] };
  },
};
