import { join } from 'node:path';
import {
  type FactsStore,
  METRICS_FILE,
  type MetricPoint,
  type RunRecord,
  withDirLock,
  writeFileAtomic,
} from '../facts/index.js';
import type { DesiredFiles, WritePlan } from './plan.js';

/** The values behind an update's files, for the store's writes. */
export interface UpdateValues {
  run: RunRecord;
  meta: Record<string, unknown>;
  points: readonly MetricPoint[];
  override: Record<string, unknown> | null;
}

/**
 * Writes the changed files of an existing run through the store, each under the run lock:
 * metric history first (appended when only new points came), meta, then run.json.
 */
export async function applyUpdate(
  store: FactsStore,
  runId: string,
  plan: WritePlan & { action: 'updated' },
  desired: DesiredFiles,
  values: UpdateValues,
): Promise<void> {
  if (plan.metrics === 'append') {
    await store.appendMetrics(runId, values.points.slice(plan.storedPoints));
  } else if (plan.metrics === 'rewrite') {
    const facts = store.factsDir(runId);
    await withDirLock(facts, () => writeFileAtomic(join(facts, METRICS_FILE), desired.metrics));
  }
  if (plan.override && values.override) await store.writeOverride(runId, values.override);
  if (plan.meta) await store.writeMeta(runId, values.meta);
  if (plan.run) await store.updateRun(runId, () => values.run);
}
