import { join } from 'node:path';
import { isSafeRunId } from '../../meta/index.js';
import type { MlflowClient } from '../../mirror/mlflow/index.js';
import type { BackfillConfig } from '../config.js';
import { SkipRun } from '../layouts/index.js';
import { mlflowRun } from '../layouts/mlflow.js';
import type { PrepareResult } from '../prepare.js';
import { readTarget } from '../target.js';
import type { Inference } from '../types.js';
import { fetchRun, type RunListing } from './fetch.js';
import { isMirrorParam, isMirrorTag, metaFromMirrorParams } from './mirror-meta.js';
import { restCandidate, restSource } from './rest-run.js';

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

/** Fetches one listed run's histories and reads it like a file-store run folder. */
export async function prepareRun(
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
