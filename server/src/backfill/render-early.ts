import { stageSync } from '../facts/staged-creator.js';
import { isSafeRunId } from '../meta/index.js';
import { newRunFiles, type Rendered, renderRun } from './finish-run.js';
import type { CanonicalCache } from './meta-cache.js';
import type { PrepareContext, Prepared } from './prepare.js';

/** A run rendered by a worker thread for its proposed id (see finishRun). */
export interface EarlyRender {
  runId: string;
  rendered: Rendered;
}

/**
 * On a worker thread: renders the run for its proposed id, and when that creates a new run,
 * stages its folder right away, so the writing thread only resolves the id and adopts the
 * folder into a batch. When the id turns out taken, the writing thread renders again and
 * discards the folder. A staging failure is left to the writing thread to retry and report.
 */
export function renderEarly(
  p: Prepared,
  ctx: PrepareContext,
  cache: CanonicalCache,
): EarlyRender | undefined {
  const runId = p.inference.run.run_id;
  if (p.target.state === 'damaged' || !isSafeRunId(runId)) return undefined;
  let rendered: Rendered;
  try {
    rendered = renderRun(p, runId, p.target, { cache, applyOverrides: ctx.applyOverrides });
  } catch {
    return undefined; // the writing thread renders again and reports the failure
  }
  if (rendered.ok && rendered.plan.action === 'created' && !ctx.dryRun) {
    try {
      rendered.staged = stageSync(ctx.runsRoot, runId, newRunFiles(rendered.desired));
    } catch {
      // The writing thread stages it again and reports what fails there.
    }
  }
  return { runId, rendered };
}
