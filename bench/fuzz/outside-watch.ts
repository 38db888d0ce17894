import { createHash } from 'node:crypto';
import { type FSWatcher, watch } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

/** Every file and folder under `dir` except `skip`, with a hash of each file's content. */
export async function snapshotExcept(dir: string, skip: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  async function walk(d: string): Promise<void> {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const path = join(d, e.name);
      if (path === skip) continue;
      const rel = relative(dir, path);
      if (e.isDirectory()) {
        out.set(`${rel}${sep}`, 'dir');
        await walk(path);
      } else {
        out.set(
          rel,
          createHash('sha1')
            .update(await readFile(path))
            .digest('hex'),
        );
      }
    }
  }
  await walk(dir);
  return out;
}

export function snapshotDiff(before: Map<string, string>, after: Map<string, string>): string[] {
  const changes: string[] = [];
  for (const [p, h] of after) {
    if (!before.has(p)) changes.push(`created ${p}`);
    else if (before.get(p) !== h) changes.push(`changed ${p}`);
  }
  for (const p of before.keys()) if (!after.has(p)) changes.push(`deleted ${p}`);
  return changes;
}

/** Records every file event under `dir` that is not inside `inside` (relative to `dir`). */
export function watchOutside(dir: string, inside: string): { events: string[]; close(): void } {
  const events: string[] = [];
  let watcher: FSWatcher | null = null;
  try {
    watcher = watch(dir, { recursive: true }, (kind, name) => {
      const rel = String(name ?? '');
      if (rel !== inside && !rel.startsWith(`${inside}${sep}`)) events.push(`${kind} ${rel}`);
    });
  } catch {
    // No recursive watch on this platform: the snapshot comparison still runs.
  }
  return { events, close: () => watcher?.close() };
}
