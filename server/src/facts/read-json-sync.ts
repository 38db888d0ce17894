import { closeSync, fstatSync, openSync } from 'node:fs';
import { isErrnoCode } from '../../facts/atomic-write.js';
import type { FactsFileError } from '../../facts/index.js';
import { missingFileError, openedFileProblem, unreadable } from '../../facts/read-json.js';

/** A facts file that could not be opened, as a ReadResult failure. */
export type Failed = { ok: false; error: FactsFileError; mtimeMs: number | null };
export type Opened =
  | { ok: true; fd: number; size: number; mtimeMs: number }
  | { ok: false; result: Failed };

function failed(error: FactsFileError, mtimeMs: number | null): Opened {
  return { ok: false, result: { ok: false, error, mtimeMs } };
}

/** openFactsFile without the thread pool: same checks, same errors. */
export function openSyncFactsFile(path: string, label: string, maxBytes: number): Opened {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    if (isErrnoCode(error, 'ENOENT', 'ENOTDIR')) return failed(missingFileError(path, label), null);
    return failed(unreadable(path, error), null);
  }
  try {
    const stat = fstatSync(fd);
    const problem = openedFileProblem(path, label, maxBytes, stat);
    if (problem) {
      closeSync(fd);
      return failed(problem, stat.mtimeMs);
    }
    return { ok: true, fd, size: stat.size, mtimeMs: stat.mtimeMs };
  } catch (error) {
    try {
      closeSync(fd);
    } catch {
      // Reporting the first failure matters more than a failed close.
    }
    return failed(unreadable(path, error), null);
  }
}
