import { randomBytes } from 'node:crypto';
import { open, readdir, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { TEMP_PREFIX } from './layout.js';

/** Name of a temp file next to `target`: readers and scans skip names starting with `.tmp-`. */
export function tempPathFor(target: string): string {
  const unique = `${process.pid}-${randomBytes(6).toString('hex')}`;
  return join(dirname(target), `${TEMP_PREFIX}${basename(target)}-${unique}`);
}

/**
 * fsync(2) of a file or a directory: for a directory, its entries, so a rename or create inside
 * it survives a power loss. Some platforms and file systems cannot fsync a directory; that only
 * weakens durability there.
 */
export async function fsyncPath(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } catch (error) {
    if (!isErrnoCode(error, 'EINVAL', 'EISDIR', 'EPERM', 'EBADF')) throw error;
  } finally {
    await handle.close();
  }
}

/**
 * Replaces `target` with `data` so that readers see either the old or the new content, never a
 * mix, and the new content is on disk once the promise resolves.
 */
export async function writeFileAtomic(target: string, data: string | Uint8Array): Promise<void> {
  const temp = tempPathFor(target);
  try {
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await fsyncPath(dirname(target));
}

/** Creates a new file with `data` and flushes it; fails if the file exists. */
export async function writeNewFileDurable(path: string, data: string | Uint8Array): Promise<void> {
  const handle = await open(path, 'wx');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Deletes `.tmp-*` files in `dir` left by writers that died mid-write. Only safe while holding
 * the lock that every writer of `dir` takes, since a live writer's temp file looks the same.
 */
export async function removeTempFiles(dir: string): Promise<void> {
  const names = await readdir(dir);
  for (const name of names) {
    if (name.startsWith(TEMP_PREFIX)) await unlink(join(dir, name)).catch(() => undefined);
  }
}

export function isErrnoCode(error: unknown, ...codes: string[]): boolean {
  return (
    error instanceof Error &&
    'code' in error &&
    typeof error.code === 'string' &&
    codes.includes(error.code)
  );
}
