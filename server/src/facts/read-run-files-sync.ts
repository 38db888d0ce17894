import { statSync } from 'node:fs';
import { join } from 'node:path';
import { FACTS_DIR, META_FILE, METRICS_FILE, OVERRIDE_FILE, RUN_FILE } from './layout.js';
import { missingFileError } from './read-json.js';
import { type Failed, readJsonFileSync } from './read-json-sync.js';
import { readMetricsSync } from './read-metrics-sync.js';
import { assembleRunFiles, type ReadLimits, type RunFiles } from './read-run-files.js';
import { JsonObject, RunRecord } from './schemas.js';

/** A run folder as `FactsStore.readRunFiles` reads it, plus the raw meta texts (cache keys). */
export interface RunFilesWithText extends RunFiles {
  metaText: string | null;
  overrideText: string | null;
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
 * `readRunFolder` with blocking reads, for the bulk build's worker threads: no thread-pool
 * round trips per file. Both readers call the same rules (openedFileProblem, judgeJsonText,
 * JsonLinesJudge, assembleRunFiles), so the RunFiles are the same as `readRunFolder` gives.
 */
export function readRunFolderSync(
  runId: string,
  dir: string,
  limits: ReadLimits,
): RunFilesWithText {
  const facts = join(dir, FACTS_DIR);
  const json = { maxBytes: limits.jsonMaxBytes };
  const run = readJsonFileSync(join(facts, RUN_FILE), RunRecord, json);
  const meta = readJsonFileSync(join(facts, META_FILE), JsonObject, json);
  const overridePath = join(facts, OVERRIDE_FILE);
  const override = overridePresent(overridePath)
    ? readJsonFileSync(overridePath, JsonObject, json)
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
