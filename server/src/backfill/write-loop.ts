import { join } from 'node:path';
import type { FactsStore } from '../facts/index.js';
import { discardEarly, type FinishContext, type Finished, finishRun } from './finish-run.js';
import type { PrepareResult } from './prepare.js';
import type { ReportBuilder } from './report.js';
import { resolveRunId } from './run-ids.js';
import type { BackfillIssue } from './types.js';

export interface WriteLoopOptions {
  /** Sources, in the order their ids are resolved. */
  count: number;
  /** Reads and interprets source i (a folder, or a run fetched from a tracking server). */
  prepareAt(i: number): Promise<PrepareResult>;
  /** Where source i is, for an unexpected failure's report. */
  pathOf(i: number): string;
  width: number;
  signal?: AbortSignal;
  report: ReportBuilder;
  store: FactsStore;
  finish: FinishContext;
  runsRoot: string;
  /** Called once per source handled, any outcome. */
  onDone(): void;
  /** MLflow run id -> run id of every run read, for registry versions. */
  mlflowRunIds: Map<string, string>;
}

/** An unexpected failure on one source: reported against it, so the other runs still come in. */
export function internalError(
  path: string,
  error: unknown,
): { ok: false; issues: BackfillIssue[] } {
  const message = `backfill failed on ${path}: ${(error as Error)?.stack ?? String(error)}; please report this`;
  return { ok: false, issues: [{ severity: 'error', kind: 'internal_error', path, message }] };
}

/**
 * Prepares sources `width` ahead, resolves their ids strictly in order (so collisions always
 * resolve the same way), then canonicalizes, compares and writes `width` at a time.
 */
export async function writeAll(o: WriteLoopOptions): Promise<void> {
  const { report, store } = o;
  const window: Array<Promise<PrepareResult> | undefined> = [];
  const finishing = new Set<Promise<void>>();
  const commits: Promise<void>[] = [];
  const claimed = new Set<string>();
  let launched = 0;

  const record = (f: Finished) => {
    if (!f.ok) return report.notRead(f.issues);
    for (const w of f.warnings) report.issue(w);
    report.run(f.result);
    if (!f.committed) return report.acted(f.result.action);
    commits.push(
      f.committed.then(
        () => report.acted('created'),
        (error: unknown) => {
          report.unwritten(f.result.run_id);
          const path = join(store.runsDir, f.result.run_id);
          report.issue({
            severity: 'error',
            kind: 'write_failed',
            path,
            message: `creating ${path} failed: ${(error as Error).message}`,
          });
        },
      ),
    );
  };

  for (let i = 0; i < o.count; i++) {
    while (launched < o.count && launched < i + o.width && !o.signal?.aborted) {
      const at = launched;
      window[at] = o.prepareAt(at).catch((e: unknown) => internalError(o.pathOf(at), e));
      launched++;
    }
    if (i >= launched) break;
    const prepared = await (window[i] as Promise<PrepareResult>);
    window[i] = undefined;
    if (!prepared.ok) {
      report.notRead(prepared.issues);
      o.onDone();
      continue;
    }
    const p = prepared.prepared;
    const resolved = await resolveRunId(p, claimed, o.runsRoot);
    if (!resolved.ok) {
      await discardEarly(p);
      report.notRead([...p.warnings, resolved.issue]);
      o.onDone();
      continue;
    }
    while (finishing.size >= o.width) await Promise.race(finishing);
    const mlflowId =
      p.candidate.layout === 'mlflow' ? p.inference.run.tags?.['mlflow.run_id'] : undefined;
    const task: Promise<void> = finishRun(p, resolved.runId, resolved.target, o.finish)
      .catch((e: unknown) => internalError(p.candidate.dir, e))
      .then((f) => {
        if (f.ok && mlflowId !== undefined) o.mlflowRunIds.set(mlflowId, f.result.run_id);
        record(f);
      })
      .finally(() => {
        finishing.delete(task);
        o.onDone();
      });
    finishing.add(task);
  }
  await Promise.all(finishing);
  await o.finish.creator?.close();
  await Promise.all(commits);
}
