import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { type Detected, detectLayout, type Entry, isBookkeeping } from './detect.js';
import type { BackfillIssue } from './types.js';

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
}

interface WalkContext {
  runsDir: string;
  exclude: ReadonlySet<string>;
  candidates: Candidate[];
  issues: BackfillIssue[];
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

async function visit(ctx: WalkContext, dir: string, queue: string[]): Promise<void> {
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
  if (entries.length === 0) {
    ctx.issues.push(
      error('empty_folder', dir, `${dir} is empty; remove it or put the run's files back`),
    );
    return;
  }
  const has = (name: string) => entries.some((e) => e.name === name && e.type === 'dir');
  const facts = has('facts') ? await listNames(join(dir, 'facts')) : null;
  const hydra = has('.hydra') ? await listNames(join(dir, '.hydra')) : null;
  const detected = detectLayout(entries, facts, hydra);
  const rel = relative(ctx.runsDir, dir).split(sep).join('/');
  if (detected) {
    ctx.candidates.push({ ...detected, dir, rel, entries });
    return;
  }
  let subdirs = 0;
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const path = join(dir, e.name);
    if (e.type === 'dir' && !ctx.exclude.has(path)) {
      queue.push(path);
      subdirs++;
    } else if (e.type === 'symlink') await checkSymlink(ctx, dir, e.name);
  }
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
    signal: options.signal,
  };
  const queue = [runsDir];
  const width = Math.max(1, options.concurrency ?? 16);
  await new Promise<void>((resolve) => {
    let active = 0;
    const pump = () => {
      while (active < width && queue.length > 0 && !ctx.signal?.aborted) {
        active++;
        visit(ctx, queue.pop() as string, queue)
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
  ctx.candidates.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  return { candidates: ctx.candidates, issues: ctx.issues };
}
