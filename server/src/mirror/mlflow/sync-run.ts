import type { FactsStore } from '../../facts/facts-store.js';
import type { DirLockOptions } from '../../facts/lock.js';
import type { RunFiles } from '../../facts/read-run-files.js';
import { syncArtifacts } from './artifact-sync.js';
import { planBatches } from './batch-plan.js';
import type { MlflowClient } from './client.js';
import { MlflowApiError, MlflowNetworkError } from './errors.js';
import type { ExperimentResolver } from './experiments.js';
import { type MappedRun, META_HASH_TAG, mapRun, RUN_ID_TAG } from './mapping.js';
import { type MlflowRunMirror, readMirrorEntry, writeMirrorEntry } from './mirror-state.js';
import type { RunLocator } from './run-locator.js';
import {
  adoptedRunView,
  confirmBatch,
  historyFingerprint,
  type MirrorView,
  newRunView,
  planRunSync,
} from './run-plan.js';

export type RunOutcome = 'created' | 'updated' | 'unchanged' | 'failed';

export interface RunSyncResult {
  runId: string;
  outcome: RunOutcome;
  /** The MLflow run, when one is known (also after a partial failure). */
  mlflowRunId: string | null;
  /** Why it failed: what, where and how to fix it. */
  error?: string;
  /** Params that changed after MLflow got them (see docs/mlflow-mirror.md). */
  changedParams: string[];
  warnings: string[];
}

/** The result, and the network failure behind a failed run (so a sync can stop early). */
export interface RunSyncOutcome extends RunSyncResult {
  networkError?: MlflowNetworkError;
}

export interface RunSyncContext {
  client: MlflowClient;
  facts: FactsStore;
  trackingKey: string;
  rebuild: boolean;
  experiments: ExperimentResolver;
  locator: RunLocator;
  lock?: DirLockOptions;
}

/** Where one run's sync stands; saved to mirrors.json whatever happens. */
interface Progress {
  mapped: MappedRun;
  view: MirrorView | null;
  stored: MlflowRunMirror | null;
  created: boolean;
  sentSomething: boolean;
  changedParams: string[];
  warnings: string[];
}

/** Brings one run's MLflow copy up to its facts; never throws, a failure is in the result. */
export async function syncRun(ctx: RunSyncContext, files: RunFiles): Promise<RunSyncOutcome> {
  let progress: Progress | null = null;
  try {
    const mapped = mapRun(files);
    const factsDir = ctx.facts.factsDir(files.runId);
    const stored = await readMirrorEntry(factsDir, ctx.trackingKey);
    const warnings = [...mapped.warnings];
    if (stored.problem !== null) warnings.push(stored.problem);
    progress = {
      mapped,
      view: null,
      stored: stored.entry,
      created: false,
      sentSomething: false,
      changedParams: [],
      warnings,
    };
    await pushWithRecovery(ctx, progress, ctx.rebuild ? null : stored.entry);
    await pushArtifacts(ctx, progress, files);
    await save(ctx, progress);
    const outcome = progress.created ? 'created' : progress.sentSomething ? 'updated' : 'unchanged';
    return result(files.runId, outcome, progress);
  } catch (error) {
    if (progress !== null) {
      await save(ctx, progress).catch((saveError: unknown) => {
        progress?.warnings.push(`could not record progress: ${(saveError as Error).message}`);
      });
    }
    const failed: RunSyncOutcome = {
      ...result(files.runId, 'failed', progress),
      error: (error as Error).message,
    };
    if (error instanceof MlflowNetworkError) failed.networkError = error;
    return failed;
  }
}

function result(runId: string, outcome: RunOutcome, progress: Progress | null): RunSyncResult {
  return {
    runId,
    outcome,
    mlflowRunId: progress?.view?.run_id ?? null,
    changedParams: progress?.changedParams ?? [],
    warnings: progress?.warnings ?? [],
  };
}

/**
 * Pushes from the state record, falling back to a lookup by tag when the recorded MLflow run is
 * gone (404) or MLflow refuses a param the record did not know about (then MLflow's own params
 * are read back and the changed-param rule applies).
 */
async function pushWithRecovery(
  ctx: RunSyncContext,
  progress: Progress,
  entry: MirrorView | null,
): Promise<void> {
  let start = entry;
  for (let attempt = 0; ; attempt++) {
    try {
      await push(ctx, progress, start);
      return;
    } catch (error) {
      if (attempt >= 2 || !(error instanceof MlflowApiError)) throw error;
      if ((error.notFound || error.runNotActive) && progress.view !== null && !progress.created) {
        progress.warnings.push(
          `MLflow run ${progress.view.run_id} is gone or deleted in MLflow; looked the run up again`,
        );
        progress.view = null;
        start = null;
      } else if (error.paramChangeRefused && progress.view !== null) {
        const run = await ctx.client.getRun(progress.view.run_id);
        if (run === null) throw error;
        start = adoptedRunView(progress.mapped, run, progress.view.experiment);
      } else {
        throw error;
      }
    }
  }
}

async function push(ctx: RunSyncContext, progress: Progress, entry: MirrorView | null) {
  const { mapped } = progress;
  let view = entry ?? (await findOrCreate(ctx, progress));
  progress.view = view;
  const plan = planRunSync(mapped, view);
  progress.changedParams = plan.changedParams;
  view = { ...view, history: { ...view.history, sent: plan.historyFrom } };
  progress.view = view;
  const batches = planBatches({ params: plan.params, tags: plan.tags, metrics: plan.metrics });
  for (const batch of batches) {
    await ctx.client.logBatch(view.run_id, batch);
    progress.sentSomething = true;
    view = confirmBatch(view, plan, batch);
    progress.view = view;
  }
  for (const key of plan.deleteTags) {
    await ctx.client.deleteTag(view.run_id, key);
    progress.sentSomething = true;
    const tags = { ...view.tags };
    delete tags[key];
    view = { ...view, tags };
    progress.view = view;
  }
  if (plan.update !== null) {
    await ctx.client.updateRun(view.run_id, mapped.status, mapped.endTime);
    progress.sentSomething = true;
    view = { ...view, status: mapped.status, end_time: mapped.endTime };
    progress.view = view;
  }
}

/** Uploads the run's artifacts MLflow lacks (by checksum); each confirmed upload is recorded. */
async function pushArtifacts(
  ctx: RunSyncContext,
  progress: Progress,
  files: RunFiles,
): Promise<void> {
  const view = progress.view;
  if (view === null || files.run === null) return;
  const result = await syncArtifacts({
    client: ctx.client,
    facts: ctx.facts,
    runId: files.runId,
    artifacts: files.run.artifacts,
    mlflowRunId: view.run_id,
    sent: view.artifacts,
    root: view.artifact_root,
    onSent: (sent) => {
      if (progress.view !== null) progress.view = { ...progress.view, artifacts: sent };
      progress.sentSomething = true;
    },
  });
  if (progress.view !== null && result.root !== view.artifact_root) {
    progress.view = { ...progress.view, artifact_root: result.root };
  }
  progress.warnings.push(...result.warnings);
}

/** The MLflow run found by its tag, or a new one carrying that tag from its first moment. */
async function findOrCreate(ctx: RunSyncContext, progress: Progress): Promise<MirrorView> {
  const { mapped } = progress;
  const experiment = await ctx.experiments.resolve(mapped.experiment);
  if (!experiment.createdNow) {
    const found = await ctx.locator.find(
      { id: experiment.id, name: mapped.experiment },
      mapped.runId,
    );
    if (found !== null) return adopt(progress, found.run.info.run_id, found);
  }
  const tags = [
    { key: RUN_ID_TAG, value: mapped.runId },
    { key: META_HASH_TAG, value: mapped.metaHash },
  ];
  const create = () =>
    ctx.client.createRun({
      experimentId: experiment.id,
      runName: mapped.runName,
      startTime: mapped.startTime,
      tags,
    });
  let run: Awaited<ReturnType<typeof create>>;
  try {
    run = await create();
  } catch (error) {
    if (!(error instanceof MlflowNetworkError) || !error.maybeApplied) throw error;
    // The run may exist without us having its id: it carries the tag, so look before retrying.
    const found = await ctx.locator.findFresh(experiment.id, mapped.runId);
    if (found !== null) return adopt(progress, found.run.info.run_id, found);
    run = await create();
  }
  progress.created = true;
  return newRunView(run.info.run_id, experiment.id, mapped.experiment, tags);
}

function adopt(
  progress: Progress,
  runId: string,
  found: { run: Parameters<typeof adoptedRunView>[1]; duplicates: string[] },
): MirrorView {
  if (found.duplicates.length > 0) {
    progress.warnings.push(
      `MLflow has ${found.duplicates.length + 1} runs tagged ${RUN_ID_TAG}=${progress.mapped.runId}; mirroring to ${runId}, left alone: ${found.duplicates.join(', ')}`,
    );
  }
  return adoptedRunView(progress.mapped, found.run, progress.mapped.experiment);
}

async function save(ctx: RunSyncContext, progress: Progress): Promise<void> {
  const { view, mapped } = progress;
  if (view === null) return;
  const entry: MlflowRunMirror = {
    ...view,
    history: {
      sent: view.history.sent,
      fingerprint: historyFingerprint(mapped.history, view.history.sent),
    },
    synced_at: new Date().toISOString(),
  };
  if (!progress.sentSomething && sameState(progress.stored, entry)) return;
  await writeMirrorEntry(ctx.facts.factsDir(mapped.runId), ctx.trackingKey, entry, ctx.lock);
}

function sameState(stored: MlflowRunMirror | null, next: MlflowRunMirror): boolean {
  if (stored === null) return false;
  const strip = ({ synced_at: _, ...rest }: MlflowRunMirror) => stableJson(rest);
  return strip(stored) === strip(next);
}

/** JSON with object keys sorted, so two equal records compare equal whatever their key order. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
