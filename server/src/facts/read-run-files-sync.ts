import { closeSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import {
  FACTS_DIR,
  JsonObject,
  META_FILE,
  METRICS_FILE,
  OVERRIDE_FILE,
  RUN_FILE,
  RunRecord,
} from '../../facts/index.js';
import {
  judgeJsonText,
  missingFileError,
  type ReadResult,
  unreadable,
} from '../../facts/read-json.js';
import { assembleRunFiles, type ReadLimits, type RunFiles } from '../../facts/read-run-files.js';
import { type Failed, openSyncFactsFile } from './open-sync.js';
import { readMetricsSync } from './read-metrics-sync.js';

/** A run folder as `FactsStore.readRunFiles` reads it, plus the raw meta texts (cache keys). */
export interface RunFilesWithText extends RunFiles {
  metaText: string | null;
  overrideText: string | null;
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
