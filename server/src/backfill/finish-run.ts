import {
  type FactsStore,
  META_FILE,
  METRICS_FILE,
  OVERRIDE_FILE,
  RUN_FILE,
  type RunRecord,
} from '../facts/index.js';
import { toJsonText } from '../facts/layout.js';
import { parseJson } from '../facts/read-json.js';
import { discardStaged, type StagedCreator, type StagedFolder } from '../facts/staged-creator.js';
import { validRunRecord } from '../facts/validate.js';
import { MetaError } from '../meta/index.js';
import { applyUpdate, type UpdateValues } from './apply-update.js';
import type { CanonicalCache, CanonicalEntry } from './meta-cache.js';
import { type DesiredFiles, metricsText, planWrite, type WritePlan } from './plan.js';
import type { Prepared } from './prepare.js';
import { isRecord } from './rules/lookup.js';
import type { TargetState } from './target.js';
import type { BackfillIssue, BackfillRunResult } from './types.js';

export interface FinishContext {
  cache: CanonicalCache;
  applyOverrides: boolean;
  dryRun: boolean;
  store: FactsStore;
  creator: StagedCreator | null;
}

export type Finished =
  | {
      ok: true;
      result: BackfillRunResult;
      warnings: BackfillIssue[];
      /** Settles when the run's facts are on disk; absent when nothing had to be created. */
      committed?: Promise<void>;
    }
  | { ok: false; issues: BackfillIssue[] };

export type Target = TargetState & { state: 'absent' | 'present' };
type Override = { value: Record<string, unknown>; from: 'source' | 'facts' };

function chooseOverride(p: Prepared, target: Target, warnings: BackfillIssue[]): Override | null {
  if (p.sourceOverride) return { value: p.sourceOverride, from: 'source' };
  if (target.state !== 'present' || target.override === null) return null;
  const parsed = parseJson(target.override);
  if (parsed.ok && isRecord(parsed.value)) return { value: parsed.value, from: 'facts' };
  const path = `${p.inference.run.run_id}/facts/${OVERRIDE_FILE}`;
  warnings.push({
    severity: 'warning',
    kind: 'invalid_override',
    path,
    message: `${path} is not a JSON object; it is ignored`,
  });
  return null;
}

/** Canonical meta, with the override when it is valid; a bad override is a warning, bad meta an error. */
function canonical(
  p: Prepared,
  override: Override | null,
  cache: CanonicalCache,
  warnings: BackfillIssue[],
): { entry: CanonicalEntry; override: Override | null } {
  const meta = p.inference.meta;
  if (override) {
    try {
      return { entry: cache.get(meta, override.value), override };
    } catch (error) {
      if (!(error instanceof MetaError)) throw error;
      const message = `meta_override.json of ${p.candidate.dir} is invalid (${error.message}); it is not applied`;
      warnings.push({
        severity: 'warning',
        kind: 'invalid_override',
        path: p.candidate.dir,
        message,
      });
    }
  }
  return { entry: cache.get(meta), override: null };
}

/**
 * A run's files rendered for one id and compared with its facts folder: everything finishing
 * needs besides writing. Plain data, so a worker thread can render it for the proposed id.
 */
export type Rendered =
  | {
      ok: true;
      runId: string;
      result: BackfillRunResult;
      warnings: BackfillIssue[];
      desired: DesiredFiles;
      plan: WritePlan;
      values: UpdateValues;
      /** A `.tmp-` folder holding the files already, when a worker staged the new run. */
      staged?: StagedFolder;
    }
  | { ok: false; issues: BackfillIssue[] };

/** Canonicalizes, validates and renders the run's files for `runId`, and plans the write. */
export function renderRun(
  p: Prepared,
  runId: string,
  target: Target,
  ctx: Pick<FinishContext, 'cache' | 'applyOverrides'>,
): Rendered {
  const c = p.candidate;
  const warnings = [...p.warnings];
  const fail = (kind: BackfillIssue['kind'], path: string, message: string): Rendered => ({
    ok: false,
    issues: [...warnings, { severity: 'error', kind, path, message }],
  });
  const available = chooseOverride(p, target, warnings);
  if (available && !ctx.applyOverrides) {
    const message = `${c.dir} has a meta_override.json (${available.from}); pass --apply-overrides to apply it`;
    warnings.push({ severity: 'warning', kind: 'override_not_applied', path: c.dir, message });
  }
  let entry: CanonicalEntry;
  let override: Override | null;
  let run: RunRecord;
  try {
    ({ entry, override } = canonical(
      p,
      ctx.applyOverrides ? available : null,
      ctx.cache,
      warnings,
    ));
  } catch (error) {
    if (!(error instanceof MetaError)) throw error;
    return fail(
      'invalid_meta',
      c.dir,
      `meta of ${c.dir} breaks a seed-000 rule: ${error.message}; fix the source or add a meta_override.json`,
    );
  }
  try {
    // Artifact checksums were taken when the folder was read (prepare.ts).
    run = validRunRecord(runId, { ...p.inference.run, run_id: runId });
  } catch (error) {
    return fail(
      'invalid_content',
      c.dir,
      `the run record of ${c.dir} is invalid: ${(error as Error).message}`,
    );
  }
  const desired: DesiredFiles = {
    run: toJsonText(run),
    meta: entry.text,
    metrics: metricsText(p.inference.metrics),
    override: override?.from === 'source' ? toJsonText(override.value) : null,
  };
  const plan = planWrite(desired, target);
  const { meta } = entry;
  const result: BackfillRunResult = {
    source_path: c.dir,
    layout: c.layout,
    run_id: runId,
    action: plan.action,
    meta_from: p.metaFrom,
    meta_source: meta.meta_source,
    meta_confidence: meta.meta_confidence,
    meta_confidence_fields: meta.meta_confidence_fields,
    needs_review: meta.needs_review,
    needs_review_reason: meta.needs_review_reason,
    override_from: override?.from ?? null,
  };
  const values: UpdateValues = {
    run,
    meta: meta as unknown as Record<string, unknown>,
    points: p.inference.metrics,
    override: override?.value ?? null,
  };
  return { ok: true, runId, result, warnings, desired, plan, values };
}

/** The files of a new run folder. An empty metrics.jsonl is not written: readers treat a missing one as empty. */
export function newRunFiles(desired: DesiredFiles): Record<string, string> {
  const files: Record<string, string> = { [RUN_FILE]: desired.run, [META_FILE]: desired.meta };
  if (desired.metrics !== '') files[METRICS_FILE] = desired.metrics;
  if (desired.override !== null) files[OVERRIDE_FILE] = desired.override;
  return files;
}

/** Removes the folder a worker staged for the proposed id, when the run is not written under it. */
export async function discardEarly(p: Prepared): Promise<void> {
  const staged = p.early?.rendered.ok ? p.early.rendered.staged : undefined;
  if (staged) await discardStaged(staged);
}

/**
 * Finishes a run under its resolved id: renders it (or takes what the worker rendered for the
 * same id), then writes what differs (nothing in a dry run).
 */
export async function finishRun(
  p: Prepared,
  runId: string,
  target: Target,
  ctx: FinishContext,
): Promise<Finished> {
  // A worker rendered for the proposed id against the same target; another id renders here.
  const early = p.early?.runId === runId ? p.early.rendered : undefined;
  if (!early) await discardEarly(p);
  const rendered = early ?? renderRun(p, runId, target, ctx);
  if (!rendered.ok) return rendered;
  const { result, warnings, desired, plan, values } = rendered;
  if (ctx.dryRun || plan.action === 'unchanged') return { ok: true, result, warnings };
  try {
    if (plan.action === 'created') {
      const creator = ctx.creator as StagedCreator;
      const { committed } = rendered.staged
        ? creator.adopt(rendered.staged, runId)
        : await creator.stage(runId, newRunFiles(desired));
      return { ok: true, result, warnings, committed };
    }
    await applyUpdate(ctx.store, runId, plan, desired, values);
  } catch (error) {
    return {
      ok: false,
      issues: [
        ...warnings,
        {
          severity: 'error',
          kind: 'write_failed',
          path: ctx.store.runDir(runId),
          message: `writing the facts of ${runId} failed: ${(error as Error).message}`,
        },
      ],
    };
  }
  return { ok: true, result, warnings };
}
