import { mapConcurrent } from '../facts/concurrent.js';
import type { FactsStore } from '../facts/index.js';
import type { MetaConfig } from '../meta/index.js';
import { type InterpretedRun, interpretRun } from './run-rows.js';

/** Reads and interprets every run folder, reporting progress as runs complete. */
export async function loadAllRuns(
  facts: FactsStore,
  config: MetaConfig,
  onProgress?: (done: number, total: number) => void,
): Promise<InterpretedRun[]> {
  const { runIds, skipped } = await facts.listRunIds();
  // A `.tmp-*` folder is a run being created right now, not a broken one.
  const out: InterpretedRun[] = skipped
    .filter((entry) => entry.reason !== 'temporary')
    .map((entry) => ({
      rows: null,
      errors: [{ path: entry.path, run_id: null, kind: entry.reason, message: entry.message }],
    }));
  let done = 0;
  for await (const files of mapConcurrent(runIds, 32, (id) => facts.readRunFiles(id))) {
    out.push(interpretRun(files, config));
    done++;
    if (onProgress && (done % 500 === 0 || done === runIds.length)) onProgress(done, runIds.length);
  }
  return out;
}
