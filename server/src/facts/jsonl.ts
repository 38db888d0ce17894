import { open } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { z } from 'zod';
import { fsyncPath } from './atomic-write.js';
import type { FactsFileError } from './errors.js';
import { describeIssues } from './issue-messages.js';
import { openFactsFile, parseJson, unreadable } from './read-json.js';

export const DEFAULT_JSONL_MAX_BYTES = 512 * 1024 * 1024;
/** Past this many bad lines in one file, the rest are counted in a single summary error. */
export const MAX_LINE_ERRORS = 100;

export interface ReadJsonLinesOptions {
  /** Larger files are refused with kind 'oversized'. Default 512 MiB. */
  maxBytes?: number;
  label?: string;
  /** When true, a missing file reads as empty instead of an error. */
  allowMissing?: boolean;
}

export interface JsonLinesResult<T> {
  values: T[];
  errors: FactsFileError[];
  mtimeMs: number | null;
}

/**
 * Appends one JSON line per record with a single write and one fsync. If the file does not end
 * with a newline (a torn line from a crashed writer), a newline goes first so the torn bytes stay
 * a bad line of their own instead of corrupting the first new record.
 */
export async function appendJsonLines(path: string, records: readonly unknown[]): Promise<void> {
  if (records.length === 0) return;
  const body = `${records.map((record) => JSON.stringify(record)).join('\n')}\n`;
  const handle = await open(path, 'a+');
  let wasEmpty = false;
  try {
    const { size } = await handle.stat();
    wasEmpty = size === 0;
    let prefix = '';
    if (size > 0) {
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, size - 1);
      if (last[0] !== 0x0a) prefix = '\n';
    }
    const bytes = Buffer.from(prefix + body, 'utf8');
    let offset = 0;
    while (offset < bytes.length) {
      const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset);
      offset += bytesWritten;
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
  // The file may have just been created; make its directory entry durable too.
  if (wasEmpty) await fsyncPath(dirname(path));
}

/**
 * Judges the lines of one JSON-lines file in order, whoever reads it: each valid line is served,
 * bad ones are reported (up to MAX_LINE_ERRORS, then counted).
 */
export class JsonLinesJudge<T> {
  readonly values: T[] = [];
  readonly #errors: FactsFileError[] = [];
  #skipped = 0;

  constructor(
    readonly path: string,
    readonly label: string,
    readonly schema: z.ZodType<T>,
  ) {}

  report(error: FactsFileError): void {
    if (this.#errors.length < MAX_LINE_ERRORS) this.#errors.push(error);
    else this.#skipped++;
  }

  /** One line's text without its newline; `terminated` is false for a last line lacking one. */
  take(raw: string, line: number, terminated: boolean): void {
    const text = raw.replace(/\r$/, '');
    if (text.trim() === '') return;
    const parsed = parseJson(text);
    if (!parsed.ok) {
      const { path, label } = this;
      this.report(
        terminated ? malformedLine(path, label, line, parsed.reason) : tornLine(path, line),
      );
      return;
    }
    const checked = this.schema.safeParse(parsed.value);
    if (checked.success) this.values.push(checked.data);
    else {
      const problems = describeIssues(`${this.label} line ${line}`, checked.error, parsed.value);
      const message = `${problems.join('; ')} (in ${this.path}); the line is skipped, fix or delete it`;
      this.report({ path: this.path, kind: 'schema', line, message });
    }
  }

  /** Every error, with a summary of those past the cap. */
  errors(): FactsFileError[] {
    if (this.#skipped === 0) return [...this.#errors];
    const message = `${this.path}: ${this.#skipped} more bad lines not listed; check the file with a JSON-lines validator`;
    return [...this.#errors, { path: this.path, kind: 'malformed_json', message }];
  }
}

/**
 * Reads a JSON-lines file, serving every valid line. Bad lines are skipped and reported with
 * their line number: an unterminated, unparsable last line as 'torn_line', others as
 * 'malformed_json' or 'schema'. A last line without newline that parses is complete and served.
 */
export async function readJsonLines<T>(
  path: string,
  schema: z.ZodType<T>,
  options: ReadJsonLinesOptions = {},
): Promise<JsonLinesResult<T>> {
  const label = options.label ?? basename(path);
  const opened = await openFactsFile(path, label, options.maxBytes ?? DEFAULT_JSONL_MAX_BYTES);
  if (!opened.ok) {
    const missingOk = options.allowMissing && opened.error.kind === 'missing';
    return { values: [], errors: missingOk ? [] : [opened.error], mtimeMs: opened.mtimeMs };
  }
  const judge = new JsonLinesJudge(path, label, schema);
  try {
    await splitLines(opened.handle, opened.size, (raw, line, terminated) =>
      judge.take(raw.toString('utf8'), line, terminated),
    );
  } catch (error) {
    judge.report(unreadable(path, error));
  } finally {
    await opened.handle.close();
  }
  return { values: judge.values, errors: judge.errors(), mtimeMs: opened.mtimeMs };
}

type LineSink = (raw: Buffer, line: number, terminated: boolean) => void;

/** Streams the first `size` bytes so a huge file never becomes one string. */
async function splitLines(
  handle: Awaited<ReturnType<typeof open>>,
  size: number,
  take: LineSink,
): Promise<void> {
  if (size === 0) return;
  let pending: Buffer[] = [];
  let line = 0;
  const stream = handle.createReadStream({ start: 0, end: size - 1, autoClose: false });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let start = 0;
    for (let nl = chunk.indexOf(0x0a); nl !== -1; nl = chunk.indexOf(0x0a, start)) {
      pending.push(chunk.subarray(start, nl));
      take(Buffer.concat(pending), ++line, true);
      pending = [];
      start = nl + 1;
    }
    if (start < chunk.length) pending.push(chunk.subarray(start));
  }
  if (pending.length > 0) take(Buffer.concat(pending), ++line, false);
}

function tornLine(path: string, line: number): FactsFileError {
  const message =
    `${path} line ${line} is incomplete (no trailing newline and not valid JSON): a writer ` +
    'probably stopped mid-append; the line is skipped, and the next append starts a new line';
  return { path, kind: 'torn_line', line, message };
}

function malformedLine(path: string, label: string, line: number, reason: string): FactsFileError {
  const message = `${path} line ${line} is not valid JSON (${reason}); the line is skipped, fix or delete it in ${label}`;
  return { path, kind: 'malformed_json', line, message };
}
