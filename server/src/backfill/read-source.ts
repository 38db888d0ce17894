import type { Dirent } from 'node:fs';
import { readdir, realpath } from 'node:fs/promises';
import { basename, dirname, join, sep } from 'node:path';
import type { FdIo } from '../facts/fd-io.js';
import type { Entry } from './detect.js';
import type { Candidate } from './discover.js';
import { LISTED_DIRS } from './rules/artifacts.js';
import { type FileRead, type Format, readSourceFile } from './source-files.js';
import type { BackfillIssue } from './types.js';

export interface FileSpec {
  key: string;
  /** Relative to the run folder; may start with `../` for a file of the enclosing folder. */
  path: string;
  format: Format;
  required?: boolean;
  /** Overrides the size limit, for metric histories. */
  maxBytes?: number;
}

export interface ReadSpec {
  files: FileSpec[];
  /** Folders whose files are all read as text, keyed by their path below it (MLflow params). */
  textDirs?: Array<{ key: string; path: string; maxBytes?: number }>;
}

/** Everything a layout's pure inference gets to see of one source folder. */
export interface SourceRead {
  dir: string;
  rel: string;
  name: string;
  parentName: string;
  entries: readonly Entry[];
  /** Entries of checkpoint-like subfolders, for the artifact list. */
  listings: Record<string, Entry[]>;
  files: Record<string, { value: unknown; mtimeMs: number }>;
  textDirs: Record<string, Record<string, string>>;
}

export interface ReadContext {
  runsDir: string;
  maxBytes: number;
  /** Synchronous calls on a worker thread, the thread pool otherwise. */
  io?: FdIo;
}

const MAX_DIR_FILES = 100_000;
/** Size limit of one metric history file (facts/metrics.jsonl, an MLflow metric file). */
export const HISTORY_MAX_BYTES = 128 * 1024 * 1024;

const inside = (runsDir: string, path: string) => path.startsWith(runsDir + sep);

/** Reads one file, following a symlink only when it stays inside the runs dir. */
async function readFollowing(path: string, format: Format, ctx: ReadContext): Promise<FileRead> {
  const first = await readSourceFile(path, format, ctx.maxBytes, ctx.io);
  if (first.ok || first.kind !== 'symlink_loop') return first;
  let target: string;
  try {
    target = await realpath(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ELOOP')
      return {
        ok: false,
        kind: 'symlink_loop',
        message: `${path} is a symlink loop; remove the link`,
      };
    return { ok: false, kind: 'missing', message: `${path} is a dangling symlink` };
  }
  if (!inside(ctx.runsDir, target)) {
    return {
      ok: false,
      kind: 'symlink_outside',
      message: `${path} links to ${target}, outside the runs dir; it is not followed (copy the file in)`,
    };
  }
  return readSourceFile(target, format, ctx.maxBytes, ctx.io);
}

async function readTextDir(root: string, ctx: ReadContext, issues: BackfillIssue[]) {
  const out: Record<string, string> = {};
  const pending: string[] = [''];
  let count = 0;
  while (pending.length > 0) {
    const rel = pending.pop() as string;
    let dirents: Dirent[];
    try {
      dirents = await readdir(join(root, rel), { withFileTypes: true });
    } catch {
      continue;
    }
    for (const d of dirents) {
      if (d.name.startsWith('.')) continue;
      const relPath = rel ? `${rel}/${d.name}` : d.name;
      if (d.isDirectory()) pending.push(relPath);
      else if (++count > MAX_DIR_FILES) {
        const message = `${root} holds more than ${MAX_DIR_FILES} files; it is not read`;
        issues.push({ severity: 'error', kind: 'oversized', path: root, message });
        return out;
      } else {
        const read = await readFollowing(join(root, relPath), 'text', ctx);
        if (read.ok) out[relPath] = read.value as string;
        else issues.push(issueOf(join(root, relPath), read));
      }
    }
  }
  return out;
}

function issueOf(path: string, read: FileRead & { ok: false }): BackfillIssue {
  const kind = read.kind === 'missing' ? 'missing_file' : read.kind;
  return { severity: 'error', kind, path, message: read.message };
}

/**
 * Reads what `spec` asks for from a candidate folder. Any file that is there but bad fails the
 * whole run (its issues are returned); optional files that are absent are simply left out.
 */
export async function readSource(
  c: Candidate,
  spec: ReadSpec,
  ctx: ReadContext,
): Promise<{ ok: true; source: SourceRead } | { ok: false; issues: BackfillIssue[] }> {
  const issues: BackfillIssue[] = [];
  const names = new Set(c.entries.map((e) => e.name));
  const files: SourceRead['files'] = {};
  for (const f of spec.files) {
    const top = f.path.split('/')[0] as string;
    // Absent top-level names need no failed open; nested and parent paths are tried.
    if (!f.required && top !== '..' && !names.has(top)) continue;
    const path = f.path.startsWith('../')
      ? join(dirname(c.dir), f.path.slice(3))
      : join(c.dir, f.path);
    if (!inside(ctx.runsDir, path)) continue;
    const read = await readFollowing(path, f.format, {
      ...ctx,
      maxBytes: f.maxBytes ?? ctx.maxBytes,
    });
    if (read.ok) files[f.key] = { value: read.value, mtimeMs: read.mtimeMs };
    else if (read.kind !== 'missing' || f.required) {
      const message =
        read.kind === 'missing'
          ? `${path} is missing; the ${c.layout} layout needs it`
          : read.message;
      issues.push({ ...issueOf(path, read), message });
    }
  }
  const textDirs: SourceRead['textDirs'] = {};
  for (const d of spec.textDirs ?? []) {
    const dirCtx = { ...ctx, maxBytes: d.maxBytes ?? ctx.maxBytes };
    textDirs[d.key] = names.has(d.path)
      ? await readTextDir(join(c.dir, d.path), dirCtx, issues)
      : {};
  }
  if (issues.length > 0) return { ok: false, issues };
  const listings: Record<string, Entry[]> = {};
  for (const e of c.entries) {
    if (e.type !== 'dir' || !LISTED_DIRS.test(e.name)) continue;
    const dirents = await readdir(join(c.dir, e.name), { withFileTypes: true }).catch(() => []);
    listings[e.name] = dirents.map((d) => ({
      name: d.name,
      type: d.isDirectory() ? 'dir' : 'file',
    }));
  }
  const source: SourceRead = {
    dir: c.dir,
    rel: c.rel,
    name: basename(c.dir),
    parentName: basename(dirname(c.dir)),
    entries: c.entries,
    listings,
    files,
    textDirs,
  };
  return { ok: true, source };
}
