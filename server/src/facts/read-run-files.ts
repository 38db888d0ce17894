import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { FactsFileError } from './errors.js';
import { type JsonLinesResult, readJsonLines } from './jsonl.js';
import { FACTS_DIR, META_FILE, METRICS_FILE, OVERRIDE_FILE, RUN_FILE } from './layout.js';
import { type ReadResult, readJsonFile } from './read-json.js';
import { JsonObject, MetricPoint, RunRecord } from './schemas.js';

/** Everything on disk for one run, with every problem reported rather than thrown. */
export interface RunFiles {
  runId: string;
  /** The run folder, `<root>/runs/<run_id>`. */
  dir: string;
  run: RunRecord | null;
  meta: JsonObject | null;
  override: JsonObject | null;
  metrics: MetricPoint[];
  errors: FactsFileError[];
  /**
   * Latest mtime of the facts files and the facts folder itself (the folder's changes when a
   * file is added, replaced or deleted), 0 when none exist; compare it to refresh incrementally.
   */
  mtimeMs: number;
}

export interface ReadLimits {
  jsonMaxBytes: number;
  metricsMaxBytes: number;
}

/** Reads a run folder that is already known to have a safe name. */
export async function readRunFolder(
  runId: string,
  dir: string,
  limits: ReadLimits,
): Promise<RunFiles> {
  const facts = join(dir, FACTS_DIR);
  const json = { maxBytes: limits.jsonMaxBytes };
  const [run, meta, override, metrics, folderMtime] = await Promise.all([
    readJsonFile(join(facts, RUN_FILE), RunRecord, json),
    readJsonFile(join(facts, META_FILE), JsonObject, json),
    readJsonFile(join(facts, OVERRIDE_FILE), JsonObject, json),
    readJsonLines(join(facts, METRICS_FILE), MetricPoint, {
      maxBytes: limits.metricsMaxBytes,
      allowMissing: true,
    }),
    stat(facts).then(
      (s) => s.mtimeMs,
      () => null,
    ),
  ]);
  return assembleRunFiles(runId, dir, { run, meta, override, metrics, folderMtime });
}

/** What each facts file of a run folder read as; any reader (async or sync) can produce it. */
export interface RunFolderReads {
  run: ReadResult<RunRecord>;
  meta: ReadResult<JsonObject>;
  override: ReadResult<JsonObject>;
  metrics: JsonLinesResult<MetricPoint>;
  /** The facts folder's own mtime, null when it cannot be stat'ed. */
  folderMtime: number | null;
}

/** RunFiles from the reads of its files: errors in file order, a run_id mismatch, latest mtime. */
export function assembleRunFiles(runId: string, dir: string, reads: RunFolderReads): RunFiles {
  const { run, meta, override, metrics, folderMtime } = reads;
  const facts = join(dir, FACTS_DIR);
  const errors: FactsFileError[] = [];
  if (!run.ok) errors.push(run.error);
  if (!meta.ok) errors.push(meta.error);
  if (!override.ok && override.error.kind !== 'missing') errors.push(override.error);
  errors.push(...metrics.errors);
  if (run.ok && run.value.run_id !== runId) {
    const path = join(facts, RUN_FILE);
    const message = `run.json: run_id: ${JSON.stringify(run.value.run_id)} differs from its folder name ${JSON.stringify(runId)} (in ${path}); the folder name is used, fix run_id`;
    errors.push({ path, kind: 'schema', message });
  }
  const mtimes = [run.mtimeMs, meta.mtimeMs, override.mtimeMs, metrics.mtimeMs, folderMtime];
  return {
    runId,
    dir,
    run: run.ok ? run.value : null,
    meta: meta.ok ? meta.value : null,
    override: override.ok ? override.value : null,
    metrics: metrics.values,
    errors,
    mtimeMs: Math.max(0, ...mtimes.filter((m): m is number => m !== null)),
  };
}
