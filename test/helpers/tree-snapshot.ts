import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

/** Every file under `root` (except the index cache) with a hash of its content. */
export async function treeSnapshot(root: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  async function walk(dir: string): Promise<void> {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.name === '.runfacts') continue;
      if (entry.isDirectory()) await walk(path);
      else
        out[relative(root, path)] = createHash('sha1')
          .update(await readFile(path))
          .digest('hex');
    }
  }
  await walk(root);
  return out;
}
