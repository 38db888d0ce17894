import { join } from 'node:path';
import { FactsStore, RUNS_DIR } from '../../facts/index.js';
import { StagedCreator } from '../../facts/staged-creator.js';
import { MlflowClient, type MlflowClientOptions } from '../../mirror/mlflow/index.js';
import { RegistryStore } from '../../registry/index.js';
import { type BackfillConfig, DEFAULT_BACKFILL_CONFIG } from '../config.js';
import { CanonicalCache } from '../meta-cache.js';
import { importRegisteredModel } from '../registry-import.js';
import { ReportBuilder } from '../report.js';
import type { BackfillHooks, BackfillReport } from '../types.js';
import { writeAll } from '../write-loop.js';
import { fetchRegistry, listRuns, type RunListing } from './fetch.js';
import { prepareRun } from './prepare-rest-run.js';

export interface ImportMlflowOptions extends BackfillHooks {
  /** The tracking server, e.g. `http://127.0.0.1:5000`. */
  trackingUri: string;
  /** Only these experiments (by name); default all active ones. */
  experiments?: readonly string[];
  root: string;
  dryRun?: boolean;
  config?: BackfillConfig;
  /** Runs fetched at once. Default 4. */
  concurrency?: number;
  /** Also the model registry. Default true. */
  registry?: boolean;
  clientOptions?: Omit<MlflowClientOptions, 'trackingUri'>;
}

/** A named experiment does not exist on the server: nothing was imported. */
export class ImportUsageError extends Error {
  override name = 'ImportUsageError';
}

/**
 * `runfacts import mlflow`: runs (params, tags, full metric histories, status and times, parent
 * ids), then the model registry, from a live tracking server into the facts root, through the
 * same rules, comparison and writing as backfill, so a second import changes nothing and an
 * interrupted one is resumed by running it again.
 */
export async function importMlflow(options: ImportMlflowOptions): Promise<BackfillReport> {
  const config = options.config ?? DEFAULT_BACKFILL_CONFIG;
  const dryRun = options.dryRun ?? false;
  const trackingUri = options.trackingUri.replace(/\/+$/, '');
  const store = new FactsStore(options.root);
  const runsRoot = join(options.root, RUNS_DIR);
  const report = new ReportBuilder(
    { runsDir: trackingUri, root: options.root, dryRun, applyOverrides: false },
    options.onIssue,
  );
  const client = new MlflowClient({ ...options.clientOptions, trackingUri });
  try {
    const { runs, missing } = await listRuns(client, options.experiments);
    if (missing.length > 0) {
      throw new ImportUsageError(
        `no active experiment named ${missing.map((m) => JSON.stringify(m)).join(', ')} on ${trackingUri}; check the name (runfacts import mlflow --tracking-uri ${trackingUri} lists all when --experiment is left out)`,
      );
    }
    report.counts.found = runs.length;
    let done = 0;
    options.onProgress?.(0, runs.length);
    const creator = dryRun ? null : new StagedCreator(store.runsDir, 1000);
    const mlflowRunIds = new Map<string, string>();
    await writeAll({
      count: runs.length,
      prepareAt: (i) => prepareRun(client, runs[i] as RunListing, trackingUri, runsRoot, config),
      pathOf: (i) => trackingUri + (runs[i] ? `/#/runs/${runs[i]?.run.info.run_id}` : ''),
      width: Math.max(1, options.concurrency ?? 4),
      signal: options.signal,
      report,
      store,
      finish: {
        cache: new CanonicalCache(config.meta),
        applyOverrides: false,
        dryRun,
        store,
        creator,
      },
      runsRoot,
      onDone: () => options.onProgress?.(++done, runs.length),
      mlflowRunIds,
    });
    if ((options.registry ?? true) && !options.signal?.aborted) {
      const registry = new RegistryStore(options.root, store, { metaConfig: config.meta });
      const models = await fetchRegistry(client, (name) => `${trackingUri}/#/models/${name}`);
      // With --experiment, models of other experiments' runs are not this import's business.
      const filtered = (options.experiments?.length ?? 0) > 0;
      const ours = (m: (typeof models)[number]) =>
        !filtered || m.versions.some((v) => v.runId !== null && mlflowRunIds.has(v.runId));
      for (const model of models.filter(ours)) {
        report.notRun({ kind: 'registered_model', path: model.origin });
        await importRegisteredModel(model, {
          registry,
          runIds: mlflowRunIds,
          dryRun,
          counts: report.registry,
          issue: (i) => report.issue(i),
        });
      }
    }
  } finally {
    await client.close();
  }
  return report.finish(options.signal?.aborted ?? false);
}
