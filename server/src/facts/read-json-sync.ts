import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { z } from 'zod';
import { isErrnoCode } from './atomic-write.js';
import type { FactsFileError } from './errors.js';
import {
  DEFAULT_JSON_MAX_BYTES,
  judgeJsonText,
  missingFileError,
  openedFileProblem,
  type ReadJsonOptions,
  type ReadResult,
  unreadable,
} from './read-json.js';

/** A facts file that could not be opened, as a ReadResult failure. */
export type Failed = { ok: false; error: FactsFileError; mtimeMs: number | null };
export type Opened =
  | { ok: true; fd: number; size: number; mtimeMs: number }
  | { ok: false; result: Failed };

function failed(error: FactsFileError, mtimeMs: number | null): Opened {
  return { ok: false, result: { ok: false, error, mtimeMs } };
}

/**
 * openFactsFile with blocking calls, for worker threads and bulk reads where a thread-pool
 * round trip per call costs more than the read: same checks, same errors.
 */
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

/**
 * readJsonFile with blocking calls; the same rules (judgeJsonText), plus the text that was
 * read, which callers use as a cache key.
 */
export function readJsonFileSync<T>(
  path: string,
  schema: z.ZodType<T>,
  options: ReadJsonOptions = {},
): { result: ReadResult<T>; text: string | null } {
  const label = options.label ?? basename(path);
  const opened = openSyncFactsFile(path, label, options.maxBytes ?? DEFAULT_JSON_MAX_BYTES);
  if (!opened.ok) return { result: opened.result, text: null };
  let text: string;
  try {
    text = readFileSync(opened.fd, 'utf8');
  } catch (error) {
    return {
      result: { ok: false, error: unreadable(path, error), mtimeMs: opened.mtimeMs },
      text: null,
    };
  } finally {
    closeSync(opened.fd);
  }
  return { result: judgeJsonText(path, label, text, schema, opened.mtimeMs), text };
}
