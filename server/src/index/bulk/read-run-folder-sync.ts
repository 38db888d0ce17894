import { closeSync, fstatSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { isErrnoCode } from '../../facts/atomic-write.js';
import {
  FACTS_DIR,
  type FactsFileError,
  type JsonLinesResult,
  JsonObject,
  META_FILE,
  METRICS_FILE,
  MetricPoint,
  OVERRIDE_FILE,
  RUN_FILE,
  RunRecord,
} from '../../facts/index.js';
import { JsonLinesJudge } from '../../facts/jsonl.js';
import {
  judgeJsonText,
  missingFileError,
  openedFileProblem,
  type ReadResult,
  unreadable,
} from '../../facts/read-json.js';
import { assembleRunFiles, type ReadLimits, type RunFiles } from '../../facts/read-run-files.js';
import { fastMetricPoint } from './fast-metric-point.js';

/** A run folder as `FactsStore.readRunFiles` reads it, plus the raw meta texts (cache keys). */
export interface RunFilesWithText extends RunFiles {
  metaText: string | null;
  overrideText: string | null;
}

type Failed = { ok: false; error: FactsFileError; mtimeMs: number | null };
type Opened =
  | { ok: true; fd: number; size: number; mtimeMs: number }
  | { ok: false; result: Failed };

function failed(error: FactsFileError, mtimeMs: number | null): Opened {
  return { ok: false, result: { ok: false, error, mtimeMs } };
}

/** openFactsFile without the thread pool: same checks, same errors. */
function openSyncFactsFile(path: string, label: string, maxBytes: number): Opened {
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

function readJsonSync<T>(
  path: string,
  label: string,
  schema: z.ZodType<T>,
  maxBytes: number,
): { result: ReadResult<T>; text: string | null } {
  const opened = openSyncFactsFile(path, label, maxBytes);
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

let scratch = Buffer.allocUnsafe(64 * 1024);

/** The first `size` bytes of the file (fewer if it shrank), in a buffer reused between calls. */
function readPrefix(fd: number, size: number): Buffer {
  if (scratch.length < size) scratch = Buffer.allocUnsafe(Math.max(size, scratch.length * 2));
  let filled = 0;
  while (filled < size) {
    const n = readSync(fd, scratch, filled, size - filled, filled);
    if (n === 0) break;
    filled += n;
  }
  return scratch.subarray(0, filled);
}

function readMetricsSync(path: string, maxBytes: number): JsonLinesResult<MetricPoint> {
  const opened = openSyncFactsFile(path, METRICS_FILE, maxBytes);
  if (!opened.ok) {
    const missingOk = opened.result.error.kind === 'missing';
    return {
      values: [],
      errors: missingOk ? [] : [opened.result.error],
      mtimeMs: opened.result.mtimeMs,
    };
  }
  const judge = new JsonLinesJudge(path, METRICS_FILE, MetricPoint);
  try {
    const bytes = readPrefix(opened.fd, opened.size);
    let line = 0;
    let start = 0;
    // Split on the newline byte and decode each line on its own, as the streaming reader does.
    for (let nl = bytes.indexOf(0x0a); nl !== -1; nl = bytes.indexOf(0x0a, start)) {
      takeLine(judge, bytes.toString('utf8', start, nl), ++line, true);
      start = nl + 1;
    }
    if (start < bytes.length) takeLine(judge, bytes.toString('utf8', start), ++line, false);
  } catch (error) {
    judge.report(unreadable(path, error));
  } finally {
    closeSync(opened.fd);
  }
  return { values: judge.values, errors: judge.errors(), mtimeMs: opened.mtimeMs };
}

function takeLine(judge: JsonLinesJudge<MetricPoint>, text: string, line: number, end: boolean) {
  const point = fastMetricPoint(text);
  if (point) judge.values.push(point);
  else judge.take(text, line, end);
}

/** meta_override.json is usually absent: a stat avoids the cost of a thrown ENOENT from open. */
function overridePresent(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false }) !== undefined;
  } catch {
    return true; // let the open report whatever is wrong
  }
}

function absent(path: string): Failed {
  return { ok: false, error: missingFileError(path, OVERRIDE_FILE), mtimeMs: null };
}

function folderMtime(path: string): number | null {
  try {
    return statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? null;
  } catch {
    return null;
  }
}

/**
 * `readRunFolder` with synchronous reads, for the bulk build: no thread-pool round trips per
 * file. It shares the facts module's checks, parsing, schemas and messages, so the RunFiles
 * are the same as `FactsStore.readRunFiles` gives.
 */
export function readRunFolderSync(
  runId: string,
  dir: string,
  limits: ReadLimits,
): RunFilesWithText {
  const facts = join(dir, FACTS_DIR);
  const max = limits.jsonMaxBytes;
  const run = readJsonSync<RunRecord>(join(facts, RUN_FILE), RUN_FILE, RunRecord, max);
  const meta = readJsonSync<JsonObject>(join(facts, META_FILE), META_FILE, JsonObject, max);
  const overridePath = join(facts, OVERRIDE_FILE);
  const override = overridePresent(overridePath)
    ? readJsonSync<JsonObject>(overridePath, OVERRIDE_FILE, JsonObject, max)
    : { result: absent(overridePath), text: null };
  const metrics = readMetricsSync(join(facts, METRICS_FILE), limits.metricsMaxBytes);
  const files = assembleRunFiles(runId, dir, {
    run: run.result,
    meta: meta.result,
    override: override.result,
    metrics,
    folderMtime: folderMtime(facts),
  });
  return { ...files, metaText: meta.text, overrideText: override.text };
}
