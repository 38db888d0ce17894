import { closeSync, readSync } from 'node:fs';
import { fastMetricPoint } from './fast-metric-point.js';
import { JsonLinesJudge, type JsonLinesResult } from './jsonl.js';
import { METRICS_FILE } from './layout.js';
import { unreadable } from './read-json.js';
import { openSyncFactsFile } from './read-json-sync.js';
import { MetricPoint } from './schemas.js';

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

/** readJsonLines of metrics.jsonl (a missing file is empty) with synchronous reads. */
export function readMetricsSync(path: string, maxBytes: number): JsonLinesResult<MetricPoint> {
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
