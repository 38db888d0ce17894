import { type FileHandle, open } from 'node:fs/promises';
import { basename } from 'node:path';
import type { z } from 'zod';
import { isErrnoCode } from './atomic-write.js';
import type { FactsFileError } from './errors.js';
import { describeIssues } from './issue-messages.js';
import { describeJsonSyntaxError } from './json-syntax.js';

export const DEFAULT_JSON_MAX_BYTES = 16 * 1024 * 1024;

export type ReadResult<T> =
  | { ok: true; value: T; mtimeMs: number }
  | { ok: false; error: FactsFileError; mtimeMs: number | null };

export interface ReadJsonOptions {
  /** Larger files are refused with kind 'oversized'. Default 16 MiB. */
  maxBytes?: number;
  /** Name used in messages; default the file name. */
  label?: string;
}

export type OpenResult =
  | { ok: true; handle: FileHandle; size: number; mtimeMs: number }
  | { ok: false; error: FactsFileError; mtimeMs: number | null };

/** The error for a facts file that does not exist. */
export function missingFileError(path: string, label: string): FactsFileError {
  const message = `${label} not found at ${path}; write the file, or remove the run folder if the run is gone`;
  return { path, kind: 'missing', message };
}

/** What is wrong with an opened file's stat (not a regular file, too large), or null. */
export function openedFileProblem(
  path: string,
  label: string,
  maxBytes: number,
  stat: { isFile(): boolean; size: number },
): FactsFileError | null {
  if (!stat.isFile()) {
    const message = `${path} is not a regular file (it is a directory or special file); remove it and write ${label} as a file`;
    return { path, kind: 'not_a_file', message };
  }
  if (stat.size > maxBytes) {
    const message = `${path} is ${stat.size} bytes, over the ${maxBytes}-byte limit for ${label}; shrink the file or raise the store's size limit`;
    return { path, kind: 'oversized', message };
  }
  return null;
}

/** Opens a regular file for reading, turning every way that can fail into a FactsFileError. */
export async function openFactsFile(
  path: string,
  label: string,
  maxBytes: number,
): Promise<OpenResult> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    if (isErrnoCode(error, 'ENOENT', 'ENOTDIR')) {
      return { ok: false, error: missingFileError(path, label), mtimeMs: null };
    }
    return { ok: false, error: unreadable(path, error), mtimeMs: null };
  }
  try {
    const stat = await handle.stat();
    const problem = openedFileProblem(path, label, maxBytes, stat);
    if (problem) {
      await handle.close();
      return { ok: false, error: problem, mtimeMs: stat.mtimeMs };
    }
    return { ok: true, handle, size: stat.size, mtimeMs: stat.mtimeMs };
  } catch (error) {
    await handle.close().catch(() => undefined);
    return { ok: false, error: unreadable(path, error), mtimeMs: null };
  }
}

export function unreadable(path: string, error: unknown): FactsFileError {
  const why = error instanceof Error ? error.message : String(error);
  return {
    path,
    kind: 'unreadable',
    message: `${path} could not be read (${why}); check that it exists and its permissions allow reading`,
  };
}

/** Reads and validates one JSON file; never throws for a bad file. */
export async function readJsonFile<T>(
  path: string,
  schema: z.ZodType<T>,
  options: ReadJsonOptions = {},
): Promise<ReadResult<T>> {
  const label = options.label ?? basename(path);
  const opened = await openFactsFile(path, label, options.maxBytes ?? DEFAULT_JSON_MAX_BYTES);
  if (!opened.ok) return opened;
  const { mtimeMs } = opened;
  let text: string;
  try {
    text = await opened.handle.readFile('utf8');
  } catch (error) {
    return { ok: false, error: unreadable(path, error), mtimeMs };
  } finally {
    await opened.handle.close();
  }
  return judgeJsonText(path, label, text, schema, mtimeMs);
}

/** The verdict on one JSON file's text: parsed and validated, or why not. */
export function judgeJsonText<T>(
  path: string,
  label: string,
  text: string,
  schema: z.ZodType<T>,
  mtimeMs: number,
): ReadResult<T> {
  const parsed = parseJson(text);
  if (!parsed.ok) {
    const message =
      text.trim() === ''
        ? `${path} is empty; write a JSON object to ${label}`
        : `${path} is not valid JSON (${parsed.reason}); fix or rewrite ${label}`;
    return { ok: false, error: { path, kind: 'malformed_json', message }, mtimeMs };
  }
  const checked = schema.safeParse(parsed.value);
  if (!checked.success) {
    const problems = describeIssues(label, checked.error, parsed.value);
    const message = `${problems.join('; ')} (in ${path}); fix these fields`;
    return { ok: false, error: { path, kind: 'schema', message }, mtimeMs };
  }
  return { ok: true, value: checked.data, mtimeMs };
}

/** JSON.parse without throwing; the reason names the line and column of the first error. */
export function parseJson(
  text: string,
): { ok: true; value: unknown } | { ok: false; reason: string } {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch {
    return { ok: false, reason: describeJsonSyntaxError(body) };
  }
}
