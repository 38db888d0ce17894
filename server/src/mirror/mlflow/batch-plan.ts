import { MLFLOW_LIMITS, type MlflowLimits } from './limits.js';
import type { LogBatch, MlflowKeyValue, MlflowMetric } from './types.js';

/** Bytes of the request around the entities: `{"run_id":"<32-64 chars>","metrics":[],...}`. */
const ENVELOPE_BYTES = 256;

type Entity =
  | { kind: 'params'; value: MlflowKeyValue }
  | { kind: 'tags'; value: MlflowKeyValue }
  | { kind: 'metrics'; value: MlflowMetric };

/** An entity's share of the JSON body: its own JSON and the comma before it. */
export function entityBytes(value: MlflowKeyValue | MlflowMetric): number {
  return Buffer.byteLength(JSON.stringify(value)) + 1;
}

/** Why `batch` breaks one of MLflow's log-batch limits, or null when it keeps them all. */
export function batchProblem(batch: LogBatch, limits: MlflowLimits = MLFLOW_LIMITS): string | null {
  const { metrics, params, tags } = batch;
  if (metrics.length > limits.metricsPerBatch) {
    return `${metrics.length} metrics; at most ${limits.metricsPerBatch}`;
  }
  if (params.length > limits.paramsPerBatch) {
    return `${params.length} params; at most ${limits.paramsPerBatch}`;
  }
  if (tags.length > limits.tagsPerBatch)
    return `${tags.length} tags; at most ${limits.tagsPerBatch}`;
  const entities = metrics.length + params.length + tags.length;
  if (entities > limits.entitiesPerBatch) {
    return `${entities} entities; at most ${limits.entitiesPerBatch}`;
  }
  for (const p of params) {
    if (p.key.length > limits.keyChars) return `param key ${p.key.slice(0, 40)}... is too long`;
    if (p.value.length > limits.paramValueChars) return `param ${p.key} value is too long`;
  }
  for (const t of tags) {
    if (t.key.length > limits.keyChars) return `tag key ${t.key.slice(0, 40)}... is too long`;
    if (t.value.length > limits.tagValueChars) return `tag ${t.key} value is too long`;
  }
  for (const m of metrics) {
    if (m.key.length > limits.keyChars) return `metric key ${m.key.slice(0, 40)}... is too long`;
  }
  const bytes = [...metrics, ...params, ...tags].reduce((sum, e) => sum + entityBytes(e), 0);
  if (bytes + ENVELOPE_BYTES > limits.batchBytes) {
    return `about ${bytes + ENVELOPE_BYTES} bytes; at most ${limits.batchBytes}`;
  }
  return null;
}

/**
 * Splits params, tags and metrics into as few log-batch requests as a greedy fill allows while
 * keeping every MLflow limit; order within each kind is kept (params, then tags, then metrics),
 * so a prefix of the batches carries a prefix of each list. Values must already be cut to size.
 */
export function planBatches(input: LogBatch, limits: MlflowLimits = MLFLOW_LIMITS): LogBatch[] {
  const entities: Entity[] = [
    ...input.params.map((value) => ({ kind: 'params' as const, value })),
    ...input.tags.map((value) => ({ kind: 'tags' as const, value })),
    ...input.metrics.map((value) => ({ kind: 'metrics' as const, value })),
  ];
  const batches: LogBatch[] = [];
  let current: LogBatch = { metrics: [], params: [], tags: [] };
  let count = 0;
  let bytes = ENVELOPE_BYTES;
  for (const entity of entities) {
    const size = entityBytes(entity.value);
    if (size + ENVELOPE_BYTES > limits.batchBytes) {
      throw new RangeError(`one ${entity.kind} entry is larger than a whole log-batch request`);
    }
    if (count > 0 && !fits(current, entity.kind, count, bytes + size, limits)) {
      batches.push(current);
      current = { metrics: [], params: [], tags: [] };
      count = 0;
      bytes = ENVELOPE_BYTES;
    }
    (current[entity.kind] as Array<typeof entity.value>).push(entity.value);
    count++;
    bytes += size;
  }
  if (count > 0) batches.push(current);
  return batches;
}

function fits(
  batch: LogBatch,
  kind: Entity['kind'],
  count: number,
  bytesAfter: number,
  limits: MlflowLimits,
): boolean {
  const perKind = {
    params: limits.paramsPerBatch,
    tags: limits.tagsPerBatch,
    metrics: limits.metricsPerBatch,
  }[kind];
  return (
    batch[kind].length < perKind &&
    count < limits.entitiesPerBatch &&
    bytesAfter <= limits.batchBytes
  );
}
