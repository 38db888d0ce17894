import fs from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { type FdIo, fdIo } from '../facts/fd-io.js';
import { parseJson } from '../facts/read-json.js';
import { parseSimpleYaml } from './fast-yaml.js';
import type { IssueKind } from './types.js';

export type Format = 'json' | 'yaml' | 'text';

export type FileRead =
  | { ok: true; value: unknown; mtimeMs: number }
  | { ok: false; kind: IssueKind | 'missing'; message: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Error codes turned into issue kinds; anything else is 'unreadable'. */
function openFailure(path: string, error: NodeJS.ErrnoException): FileRead {
  const why = error.message;
  if (error.code === 'ENOENT')
    return { ok: false, kind: 'missing', message: `${path} does not exist` };
  if (error.code === 'ELOOP') {
    return { ok: false, kind: 'symlink_loop', message: `${path} is a symlink (or a loop of them)` };
  }
  if (error.code === 'EISDIR' || error.code === 'ENOTDIR') {
    return {
      ok: false,
      kind: 'not_a_file',
      message: `${path} is a directory where a file was expected; remove or rename it`,
    };
  }
  return {
    ok: false,
    kind: 'unreadable',
    message: `${path} could not be read (${why}); check its permissions`,
  };
}

// O_NONBLOCK: a FIFO must not hang the run. O_NOFOLLOW: a symlink fails with ELOOP, so the
// caller can check where it points before following it.
const READ_FLAGS = fs.constants.O_RDONLY | fs.constants.O_NONBLOCK | fs.constants.O_NOFOLLOW;

/**
 * Reads a small source file as text, never blocking and never loading a file over `maxBytes`:
 * checked to be a regular file under the limit before reading, and refused as binary when it
 * holds NUL bytes or is not UTF-8.
 */
export async function readSourceText(
  path: string,
  maxBytes: number,
  io: FdIo = fdIo,
): Promise<FileRead> {
  let fd: number;
  try {
    fd = await io.open(path, READ_FLAGS);
  } catch (error) {
    return openFailure(path, error as NodeJS.ErrnoException);
  }
  try {
    const stat = await io.fstat(fd);
    if (!stat.isFile()) {
      const what = stat.isDirectory() ? 'a directory' : stat.isFIFO() ? 'a FIFO' : 'a special file';
      const message = `${path} is ${what} where a file was expected; remove or replace it`;
      return { ok: false, kind: 'not_a_file', message };
    }
    if (stat.size > maxBytes) {
      return {
        ok: false,
        kind: 'oversized',
        message: `${path} is ${stat.size} bytes, over the ${maxBytes}-byte limit; it was not read (raise maxFileBytes in the backfill config if it is genuine)`,
      };
    }
    const buffer = Buffer.allocUnsafe(stat.size);
    let length = 0;
    while (length < stat.size) {
      const bytesRead = await io.read(fd, buffer, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length < stat.size) {
      const message = `${path} shrank while being read; run backfill again`;
      return { ok: false, kind: 'unreadable', message };
    }
    const bytes = buffer.subarray(0, length);
    let text: string;
    try {
      if (bytes.includes(0)) throw new Error('NUL byte');
      text = utf8.decode(bytes);
    } catch {
      return {
        ok: false,
        kind: 'binary_file',
        message: `${path} is binary (NUL bytes or invalid UTF-8), not text; replace it with the expected text file`,
      };
    }
    return { ok: true, value: text, mtimeMs: stat.mtimeMs };
  } catch (error) {
    return openFailure(path, error as NodeJS.ErrnoException);
  } finally {
    await io.close(fd);
  }
}

/** Parses text read from `path`; a failure names the file, line and column where known. */
export function parseText(path: string, text: string, format: Format): FileRead {
  if (format === 'text') return { ok: true, value: text, mtimeMs: 0 };
  if (text.trim() === '') {
    const kind = format === 'json' ? 'malformed_json' : 'malformed_yaml';
    return { ok: false, kind, message: `${path} is empty; it should hold ${format.toUpperCase()}` };
  }
  if (format === 'json') {
    const parsed = parseJson(text);
    return parsed.ok
      ? { ok: true, value: parsed.value, mtimeMs: 0 }
      : {
          ok: false,
          kind: 'malformed_json',
          message: `${path} is not valid JSON (${parsed.reason}); fix the file`,
        };
  }
  const simple = parseSimpleYaml(text);
  if (simple !== undefined) return { ok: true, value: simple, mtimeMs: 0 };
  try {
    return { ok: true, value: parseYaml(text, { logLevel: 'error' }), mtimeMs: 0 };
  } catch (error) {
    const why = (error as Error).message.split('\n')[0];
    return {
      ok: false,
      kind: 'malformed_yaml',
      message: `${path} is not valid YAML (${why}); fix the file`,
    };
  }
}

/** Reads and parses one source file. */
export async function readSourceFile(
  path: string,
  format: Format,
  maxBytes: number,
  io: FdIo = fdIo,
): Promise<FileRead> {
  const read = await readSourceText(path, maxBytes, io);
  if (!read.ok) return read;
  const parsed = parseText(path, read.value as string, format);
  return parsed.ok ? { ...parsed, mtimeMs: read.mtimeMs } : parsed;
}
