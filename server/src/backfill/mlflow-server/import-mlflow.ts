import { join } from 'node:path';
import { FactsStore, RUNS_DIR } from '../../facts/index.js';
import { isSafeRunId } from '../../meta/index.js';
import { MlflowClient, type MlflowClientOptions } from '../../mirror/mlflow/index.js';
import { RegistryStore } from '../../registry/index.js';
import { type BackfillConfig, DEFAULT_BACKFILL_CONFIG } from '../config.js';
import { SkipRun } from '../layouts/index.js';
import { mlflowRun } from '../layouts/mlflow.js';
import { CanonicalCache } from '../meta-cache.js';
import type { PrepareResult } from '../prepare.js';
import { importRegisteredModel } from '../registry-import.js';
import { ReportBuilder } from '../report.js';
import { StagedCreator } from '../staged-creator.js';
import { readTarget } from '../target.js';
import type { BackfillHooks, BackfillReport, Inference } from '../types.js';
import { writeAll } from '../write-loop.js';
import { fetchRegistry, fetchRun, listRuns, type RunListing } from './fetch.js';
import { isMirrorParam, isMirrorTag, metaFromMirrorParams } from './mirror-meta.js';
import { restCandidate, restSource } from './rest-run.js';

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
 * A run the runfacts mirror wrote comes back as it was: its `runfacts.run_id` tag is its id,
 * its `meta.*` params its meta; the mirror's bookkeeping params and tags are dropped.
 */
function fromMirror(inference: Inference): { inference: Inference; stored: boolean } {
  const { run } = inference;
  const params = run.params ?? {};
  const tags = run.tags ?? {};
  const meta = metaFromMirrorParams(params);
  const mirroredId = tags['runfacts.run_id'];
  if (meta === null || mirroredId === undefined) return { inference, stored: false };
  const keep = <T>(o: Record<string, T>, drop: (k: string) => boolean) =>
    Object.fromEntries(Object.entries(o).filter(([k]) => !drop(k)));
  return {
    stored: true,
    inference: {
      ...inference,
      meta,
      run: {
        ...run,
        run_id: isSafeRunId(mirroredId) ? mirroredId : run.run_id,
        params: keep(params, isMirrorParam),
        tags: keep(tags, isMirrorTag),
      },
    },
  };
}

async function prepareRun(
  client: MlflowClient,
  listing: RunListing,
  trackingUri: string,
  runsRoot: string,
  config: BackfillConfig,
): Promise<PrepareResult> {
  const candidate = restCandidate(
    trackingUri,
    listing.experiment.experiment_id,
    listing.run.info.run_id,
  );
  if (listing.run.info.lifecycle_stage === 'deleted') {
    const message = `${candidate.dir} is a deleted MLflow run; restore it in MLflow to import it`;
    return {
      ok: false,
      issues: [{ severity: 'warning', kind: 'deleted_run', path: candidate.dir, message }],
    };
  }
  const source = restSource(await fetchRun(client, listing), candidate);
  let inferred: Inference;
  try {
    inferred = mlflowRun.infer(source, config);
  } catch (error) {
    if (!(error instanceof SkipRun)) throw error;
    const { severity, kind, path, message } = error;
    return { ok: false, issues: [{ severity, kind, path, message }] };
  }
  const { inference, stored } = fromMirror(inferred);
  const target = await readTarget(join(runsRoot, inference.run.run_id));
  const warnings = inference.warnings.map((w) => ({ severity: 'warning' as const, ...w }));
  return {
    ok: true,
    prepared: {
      candidate: { ...candidate, storedMeta: stored },
      inference,
      metaFrom: stored ? 'stored' : 'inferred',
      sourceOverride: null,
      target,
      warnings,
    },
  };
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
