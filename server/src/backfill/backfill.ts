import { readdir, realpath, stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { FactsStore, RUNS_DIR } from '../facts/index.js';
import { StagedCreator } from '../facts/staged-creator.js';
import { RegistryStore } from '../registry/index.js';
import { DEFAULT_BACKFILL_CONFIG } from './config.js';
import { discover } from './discover.js';
import { CanonicalCache } from './meta-cache.js';
import { defaultWorkers, PreparePool } from './prepare-pool.js';
import { readRegisteredModelFolder } from './registry-folder.js';
import { importRegisteredModel } from './registry-import.js';
import { ReportBuilder } from './report.js';
import type { BackfillHooks, BackfillOptions, BackfillReport } from './types.js';
import { writeAll } from './write-loop.js';

/** The options cannot work at all (missing runs dir, runs dir inside the facts root); nothing was read. */
export class BackfillUsageError extends Error {
  override name = 'BackfillUsageError';
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
  const finish = { cache: new CanonicalCache(config.meta), applyOverrides, dryRun, store, creator };
  const runsRoot = join(root, RUNS_DIR);
  // One listing instead of a failed open per new run; runs created meanwhile are claimed ids.
  const existing = new Set(await readdir(runsRoot).catch(() => []));
  const prepareCtx = { runsDir, runsRoot, config, existing, dryRun, applyOverrides };
  /** MLflow run id -> run id, so registry versions find the runs they were registered from. */
  const mlflowRunIds = new Map<string, string>();
  const onBytesHashed = hooks.onBytesHashed ?? options.onBytesHashed;
  const pool = new PreparePool(prepareCtx, options.workers ?? defaultWorkers(candidates.length), {
    onBytesHashed,
  });
  try {
    await writeAll({
      count: candidates.length,
      prepareAt: (i) => pool.prepare(candidates[i] as (typeof candidates)[number]),
      pathOf: (i) => candidates[i]?.dir ?? runsDir,
      width,
      signal,
      report,
      store,
      finish,
      runsRoot: prepareCtx.runsRoot,
      onDone: () => {
        done++;
        progress();
      },
      mlflowRunIds,
    });
  } finally {
    await pool.close();
  }
  if (!signal?.aborted) {
    const registry = new RegistryStore(root, store, { metaConfig: config.meta });
    const ctx = { registry, runIds: mlflowRunIds, dryRun, counts: report.registry };
    for (const dir of found.registeredModels) {
      const read = await readRegisteredModelFolder(dir, config.maxFileBytes);
      for (const i of read.issues) report.issue(i);
      if (read.model)
        await importRegisteredModel(read.model, { ...ctx, issue: (i) => report.issue(i) });
    }
  }
  return report.finish(signal?.aborted ?? false);
}
