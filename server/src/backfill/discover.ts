import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import { type Detected, detectLayout, detectNotRun, type Entry, isBookkeeping } from './detect.js';
import type { BackfillIssue, NotRun } from './types.js';

export interface Candidate extends Detected {
  /** Absolute real path of the source folder: its identity (run.json source_path). */
  dir: string;
  /** Path relative to the runs dir, '/'-separated; candidates are handled in this order. */
  rel: string;
  entries: Entry[];
}

export interface Discovery {
  candidates: Candidate[];
  issues: BackfillIssue[];
  /** Runs found in an MLflow `.trash` folder: deleted, reported, not imported. */
  trashed: BackfillIssue[];
  /** Folders recognised as not runs, sorted by path. */
  notRuns: NotRun[];
  /** MLflow registered-model folders (`mlruns/models/<name>/`), sorted. */
  registeredModels: string[];
}

/**
 * `nested`: below a Hydra run (its `outputs/` may hold dated runs); only runs are reported there,
 * since the run's own subfolders (checkpoints, wandb) are not runs. `trash`: MLflow's `.trash`.
 */
type Mode = 'top' | 'nested' | 'trash';
type Queued = { dir: string; mode: Mode };

interface WalkContext {
  runsDir: string;
  exclude: ReadonlySet<string>;
  candidates: Candidate[];
  issues: BackfillIssue[];
  trashed: BackfillIssue[];
  notRuns: NotRun[];
  signal: AbortSignal | undefined;
}

const error = (kind: BackfillIssue['kind'], path: string, message: string): BackfillIssue => ({
  severity: 'error',
  kind,
  path,
  message,
});

function entryOf(d: Dirent): Entry {
  const type = d.isDirectory()
    ? 'dir'
    : d.isFile()
      ? 'file'
      : d.isSymbolicLink()
        ? 'symlink'
        : 'other';
  return { name: d.name, type };
}

async function listNames(dir: string): Promise<string[] | null> {
  try {
    return await readdir(dir);
  } catch {
    return null;
  }
}

/** Symlinked folders are never followed: pointing out is an error, into an ancestor a loop. */
async function checkSymlink(ctx: WalkContext, dir: string, name: string): Promise<void> {
  const path = join(dir, name);
  let target: string;
  try {
    target = await realpath(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ELOOP')
      ctx.issues.push(error('symlink_loop', path, `${path} is a symlink loop; remove the link`));
    return; // a dangling link at folder level holds no run
  }
  if (
    !(await stat(target).then(
      (s) => s.isDirectory(),
      () => false,
    ))
  )
    return;
  const inside = target === ctx.runsDir || target.startsWith(ctx.runsDir + sep);
  if (!inside) {
    const message = `${path} links to ${target}, outside the runs dir; it is not followed (pass that folder as --runs-dir to read it)`;
    ctx.issues.push(error('symlink_outside', path, message));
  } else if (dir === target || dir.startsWith(target + sep)) {
    ctx.issues.push(
      error(
        'symlink_loop',
        path,
        `${path} links to its own ancestor ${target}; it is not followed`,
      ),
    );
  } else {
    const message = `${path} links to ${target}, which is read under its own path; the link is not followed`;
    ctx.issues.push({ severity: 'warning', kind: 'duplicate_source', path, message });
  }
}

function queueSubdirs(
  ctx: WalkContext,
  dir: string,
  entries: Entry[],
  mode: Mode,
  queue: Queued[],
) {
  for (const e of entries) {
    if (e.type !== 'dir' || e.name.startsWith('.')) continue;
    const path = join(dir, e.name);
    if (!ctx.exclude.has(path)) queue.push({ dir: path, mode });
  }
}

async function visit(ctx: WalkContext, { dir, mode }: Queued, queue: Queued[]): Promise<void> {
  let dirents: Dirent[];
  try {
    dirents = await readdir(dir, { withFileTypes: true });
  } catch (e) {
    const why = (e as Error).message;
    ctx.issues.push(
      error('unreadable', dir, `${dir} could not be listed (${why}); check its permissions`),
    );
    return;
  }
  const entries = dirents.map(entryOf);
  const quiet = mode !== 'top';
  if (entries.length === 0) {
    if (quiet) return;
    ctx.issues.push(
      error('empty_folder', dir, `${dir} is empty; remove it or put the run's files back`),
    );
    return;
  }
  const has = (name: string) => entries.some((e) => e.name === name && e.type === 'dir');
  const facts = has('facts') ? await listNames(join(dir, 'facts')) : null;
  const hydra = has('.hydra') ? await listNames(join(dir, '.hydra')) : null;
  const notRun = detectNotRun(entries, basename(dir), basename(dirname(dir)));
  if (notRun === 'registered_model') {
    ctx.notRuns.push({ kind: notRun, path: dir });
    for (const e of entries) {
      if (e.type === 'dir' && /^version-\d+$/.test(e.name)) {
        ctx.notRuns.push({ kind: 'model_version', path: join(dir, e.name) });
      }
    }
    return;
  }
  if (notRun !== null) {
    ctx.notRuns.push({ kind: notRun, path: dir });
    // A sweep folder holds its jobs; a logged model or dataset record holds no runs.
    if (notRun === 'hydra_sweep') queueSubdirs(ctx, dir, entries, mode, queue);
    return;
  }
  const detected = detectLayout(entries, facts, hydra);
  const rel = relative(ctx.runsDir, dir).split(sep).join('/');
  if (detected && mode === 'trash') {
    const message = `${dir} is an MLflow run in .trash (deleted); restore it in MLflow to import it`;
    ctx.trashed.push({ severity: 'warning', kind: 'deleted_run', path: dir, message });
    return;
  }
  if (detected) {
    ctx.candidates.push({ ...detected, dir, rel, entries });
    // A Hydra run folder may hold runs of its own (`outputs/` with `.hydra/` and `<date>/<time>/`).
    if (detected.layout === 'hydra') queueSubdirs(ctx, dir, entries, 'nested', queue);
    return;
  }
  let subdirs = 0;
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.name === '.trash' && e.type === 'dir' && !ctx.exclude.has(path)) {
      queue.push({ dir: path, mode: 'trash' });
      continue;
    }
    if (e.name.startsWith('.')) continue;
    if (e.type === 'dir' && !ctx.exclude.has(path)) {
      queue.push({ dir: path, mode });
      subdirs++;
    } else if (e.type === 'symlink' && !quiet) await checkSymlink(ctx, dir, e.name);
  }
  if (quiet) return;
  if (subdirs === 0 && !isBookkeeping(entries) && entries.some((e) => e.type === 'file')) {
    const message = `${dir} holds files but matches no known layout (see docs/backfill.md); nothing was read from it`;
    ctx.issues.push(error('unrecognized_folder', dir, message));
  }
}

/**
 * Walks `runsDir` (a real path) for run folders, `concurrency` listings at a time. Hidden folders
 * and `exclude` (the facts root) are skipped; run folders are not descended into.
 */
export async function discover(
  runsDir: string,
  options: { exclude?: Iterable<string>; concurrency?: number; signal?: AbortSignal },
): Promise<Discovery> {
  const ctx: WalkContext = {
    runsDir,
    exclude: new Set(options.exclude ?? []),
    candidates: [],
    issues: [],
    trashed: [],
    notRuns: [],
    signal: options.signal,
  };
  const queue: Queued[] = [{ dir: runsDir, mode: 'top' }];
  const width = Math.max(1, options.concurrency ?? 16);
  await new Promise<void>((resolve) => {
    let active = 0;
    const pump = () => {
      while (active < width && queue.length > 0 && !ctx.signal?.aborted) {
        active++;
        visit(ctx, queue.pop() as Queued, queue)
          .catch((e: unknown) => {
            ctx.issues.push(
              error('unreadable', runsDir, `walking failed: ${(e as Error).message}`),
            );
          })
          .finally(() => {
            active--;
            pump();
          });
      }
      if (active === 0) resolve();
    };
    pump();
  });
  const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  ctx.candidates.sort((a, b) => order(a.rel, b.rel));
  const notRuns = ctx.notRuns.sort((a, b) => order(a.path, b.path));
  return {
    candidates: ctx.candidates,
    issues: ctx.issues,
    trashed: ctx.trashed,
    notRuns,
    registeredModels: notRuns.filter((n) => n.kind === 'registered_model').map((n) => n.path),
  };
}
