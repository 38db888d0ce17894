import { execFile } from 'node:child_process';
import { open } from 'node:fs/promises';

/**
 * Flushes every dirty file of the file system holding `dir` with one syncfs(2) (`sync -f`), so a
 * batch of thousands of new files costs one flush instead of one fsync each. Returns false when
 * that is not available (not Linux coreutils); the caller then fsyncs file by file.
 */
export function syncFileSystem(dir: string): Promise<boolean> {
  return new Promise((resolve) => {
    execFile('sync', ['-f', dir], { timeout: 600_000 }, (error) => resolve(error === null));
  });
}

/** fsync of one file or directory. */
export async function fsyncPath(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } catch (error) {
    // Some file systems cannot fsync a directory; that only weakens durability there.
    if (
      !['EINVAL', 'EISDIR', 'EPERM', 'EBADF'].includes((error as NodeJS.ErrnoException).code ?? '')
    ) {
      throw error;
    }
  } finally {
    await handle.close();
  }
}
