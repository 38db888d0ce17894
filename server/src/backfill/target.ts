import { join } from 'node:path';
import { type FdIo, fdIo } from '../facts/fd-io.js';
import {
  DEFAULT_JSON_MAX_BYTES,
  FACTS_DIR,
  META_FILE,
  METRICS_FILE,
  OVERRIDE_FILE,
  RUN_FILE,
} from '../facts/index.js';
import { parseJson } from '../facts/read-json.js';
import { HISTORY_MAX_BYTES } from './read-source.js';
import { readSourceText } from './source-files.js';

/** The facts folder of one run id as it is now, as text, to compare with what would be written. */
export type TargetState =
  | { state: 'absent' }
  | { state: 'damaged'; path: string; message: string }
  | {
      state: 'present';
      sourcePath: string | null;
      run: string;
      meta: string | null;
      metrics: string | null;
      override: string | null;
    };

async function optionalText(
  path: string,
  maxBytes: number,
  io: FdIo,
): Promise<string | null | Error> {
  const read = await readSourceText(path, maxBytes, io);
  if (read.ok) return read.value as string;
  return read.kind === 'missing' ? null : new Error(read.message);
}

/**
 * Reads `<runDir>/facts/`: absent when it has no run.json (a folder in the way is found at
 * creation), damaged when a file cannot be read or run.json is not a JSON object.
 */
export async function readTarget(runDir: string, io: FdIo = fdIo): Promise<TargetState> {
  const facts = join(runDir, FACTS_DIR);
  const runPath = join(facts, RUN_FILE);
  const run = await optionalText(runPath, DEFAULT_JSON_MAX_BYTES, io);
  if (run === null) return { state: 'absent' };
  const damaged = (path: string, why: string): TargetState => ({
    state: 'damaged',
    path,
    message: `${path}: ${why}; the run's facts are not touched (repair or remove ${runDir}, then run backfill again)`,
  });
  if (run instanceof Error) return damaged(runPath, run.message);
  const parsed = parseJson(run);
  if (!parsed.ok || parsed.value === null || typeof parsed.value !== 'object') {
    return damaged(runPath, 'is not a JSON object');
  }
  const [meta, metrics, override] = await Promise.all([
    optionalText(join(facts, META_FILE), DEFAULT_JSON_MAX_BYTES, io),
    optionalText(join(facts, METRICS_FILE), HISTORY_MAX_BYTES, io),
    optionalText(join(facts, OVERRIDE_FILE), DEFAULT_JSON_MAX_BYTES, io),
  ]);
  for (const [name, value] of [
    [META_FILE, meta],
    [METRICS_FILE, metrics],
    [OVERRIDE_FILE, override],
  ] as const) {
    if (value instanceof Error) return damaged(join(facts, name), value.message);
  }
  const sourcePath = (parsed.value as Record<string, unknown>).source_path;
  return {
    state: 'present',
    sourcePath: typeof sourcePath === 'string' ? sourcePath : null,
    run,
    meta: meta as string | null,
    metrics: metrics as string | null,
    override: override as string | null,
  };
}
