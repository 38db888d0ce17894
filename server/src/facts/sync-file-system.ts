import { execFile } from 'node:child_process';

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
