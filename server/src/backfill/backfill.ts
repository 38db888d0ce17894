import { realpath, stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { FactsStore, RUNS_DIR } from '../facts/index.js';
import { RegistryStore } from '../registry/index.js';
import { DEFAULT_BACKFILL_CONFIG } from './config.js';
import { discover } from './discover.js';
import { type Finished, finishRun } from './finish-run.js';
import { CanonicalCache } from './meta-cache.js';
import type { PrepareResult } from './prepare.js';
import { defaultWorkers, PreparePool } from './prepare-pool.js';
import { readRegisteredModelFolder } from './registry-folder.js';
import { importRegisteredModel } from './registry-import.js';
import { ReportBuilder } from './report.js';
import { resolveRunId } from './run-ids.js';
import { StagedCreator } from './staged-creator.js';
import type { BackfillHooks, BackfillIssue, BackfillOptions, BackfillReport } from './types.js';

/** The options cannot work at all (missing runs dir, runs dir inside the facts root); nothing was read. */
export class BackfillUsageError extends Error {
  override name = 'BackfillUsageError';
}

/** An unexpected failure on one source: reported against it, so the other runs still come in. */
function internalError(path: string, error: unknown): { ok: false; issues: BackfillIssue[] } {
  const message = `backfill failed on ${path}: ${(error as Error)?.stack ?? String(error)}; please report this`;
  return { ok: false, issues: [{ severity: 'error', kind: 'internal_error', path, message }] };
}

async function realOrResolved(path: string): Promise<string> {
  return realpath(path).catch(() => resolve(path));
}

async function checkedDirs(options: BackfillOptions): Promise<{ runsDir: string; root: string }> {
  const runsDir = await realpath(options.runsDir).catch(() => {
    throw new BackfillUsageError(
      `--runs-dir ${options.runsDir} does not exist; pass the folder holding your old runs`,
    );
  });
  if (!(await stat(runsDir)).isDirectory()) {
    throw new BackfillUsageError(`--runs-dir ${options.runsDir} is not a directory`);
  }
  const root = await realOrResolved(options.root);
  if (runsDir === root || runsDir.startsWith(root + sep)) {
    throw new BackfillUsageError(
      `--runs-dir ${runsDir} is inside the facts root ${root}; backfill reads other folders into the root, pick a root outside the runs dir or a runs dir outside the root`,
    );
  }
  return { runsDir, root };
}

/**
 * Reads every run folder under `options.runsDir` (six layouts, docs/backfill.md) into the facts
 * root: inferred meta with per-field confidence and review reasons, never guessed. Source files
 * are never modified; runs whose facts would not change are not rewritten. Bad sources are
 * reported in the result, never thrown; only unusable options throw BackfillUsageError.
 */
export async function backfill(
  options: BackfillOptions,
  hooks: BackfillHooks = {},
): Promise<BackfillReport> {
  const signal = hooks.signal ?? options.signal;
  const onProgress = hooks.onProgress ?? options.onProgress;
  const config = options.config ?? DEFAULT_BACKFILL_CONFIG;
  const dryRun = options.dryRun ?? false;
  const applyOverrides = options.applyOverrides ?? false;
  const width = Math.max(1, options.concurrency ?? 16);
  const { runsDir, root } = await checkedDirs(options);
  const store = new FactsStore(root);
  const report = new ReportBuilder(
    { runsDir, root, dryRun, applyOverrides },
    hooks.onIssue ?? options.onIssue,
  );

  const found = await discover(runsDir, { exclude: [root], concurrency: width, signal });
  for (const issue of found.issues) report.issue(issue);
  for (const deleted of found.trashed) report.notRead([deleted]);
  for (const notRun of found.notRuns) report.notRun(notRun);
  const candidates = found.candidates;
  report.counts.found = candidates.length;
  let done = 0;
  const progress = () => onProgress?.(done, candidates.length);
  progress();

  const creator = dryRun ? null : new StagedCreator(store.runsDir, options.batchSize ?? 1000);
  const ctx = { cache: new CanonicalCache(config.meta), applyOverrides, dryRun, store, creator };
  const prepareCtx = { runsDir, runsRoot: join(root, RUNS_DIR), config };
  const claimed = new Set<string>();
  /** MLflow run id -> run id, so registry versions find the runs they were registered from. */
  const mlflowRunIds = new Map<string, string>();
  const pool = new PreparePool(prepareCtx, options.workers ?? defaultWorkers(candidates.length));
  // The loop is a closure so that the workers are stopped however it ends.
  const readAndWrite = async (): Promise<void> => {
    const window: Array<Promise<PrepareResult> | undefined> = [];
    const finishing = new Set<Promise<void>>();
    const commits: Promise<void>[] = [];
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

    // Candidates are prepared `width` ahead but their ids are resolved strictly in path order,
    // so collisions always resolve the same way; writing then runs `width` at a time.
    for (let i = 0; i < candidates.length; i++) {
      while (launched < candidates.length && launched < i + width && !signal?.aborted) {
        const c = candidates[launched] as (typeof candidates)[number];
        window[launched] = pool.prepare(c).catch((e: unknown) => internalError(c.dir, e));
        launched++;
      }
      if (i >= launched) break;
      const prepared = await (window[i] as Promise<PrepareResult>);
      window[i] = undefined;
      if (!prepared.ok) {
        report.notRead(prepared.issues);
        done++;
        progress();
        continue;
      }
      const resolved = await resolveRunId(prepared.prepared, claimed, prepareCtx.runsRoot);
      if (!resolved.ok) {
        report.notRead([...prepared.prepared.warnings, resolved.issue]);
        done++;
        progress();
        continue;
      }
      while (finishing.size >= width) await Promise.race(finishing);
      const dir = prepared.prepared.candidate.dir;
      const mlflowId =
        prepared.prepared.candidate.layout === 'mlflow'
          ? prepared.prepared.inference.run.tags?.['mlflow.run_id']
          : undefined;
      const task: Promise<void> = finishRun(prepared.prepared, resolved.runId, resolved.target, ctx)
        .catch((e: unknown) => internalError(dir, e))
        .then((f) => {
          if (f.ok && mlflowId !== undefined) mlflowRunIds.set(mlflowId, f.result.run_id);
          record(f);
        })
        .finally(() => {
          finishing.delete(task);
          done++;
          progress();
        });
      finishing.add(task);
    }
    await Promise.all(finishing);
    await creator?.close();
    await Promise.all(commits);
  };
  try {
    await readAndWrite();
  } finally {
    await pool.close();
  }
  if (!signal?.aborted) {
    const registry = new RegistryStore(root, store, { metaConfig: config.meta });
    const registryCtx = {
      registry,
      runIds: mlflowRunIds,
      dryRun,
      counts: report.registry,
      issue: (i: BackfillIssue) => report.issue(i),
    };
    for (const dir of found.registeredModels) {
      const read = await readRegisteredModelFolder(dir, config.maxFileBytes);
      for (const i of read.issues) report.issue(i);
      if (read.model) await importRegisteredModel(read.model, registryCtx);
    }
  }
  return report.finish(signal?.aborted ?? false);
}
