// Pure tests of the log-batch planner and key rules (no MLflow server needed).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  batchProblem,
  type LogBatch,
  MLFLOW_LIMITS,
  type MlflowLimits,
  mlflowKey,
  planBatches,
  truncateValue,
} from '../../../server/src/mirror/mlflow/index.js';

const key = fc.string({ minLength: 1, maxLength: 40 });
const kv = (maxValue: number) =>
  fc.record({ key, value: fc.string({ maxLength: maxValue, unit: 'grapheme-ascii' }) });
const metric = fc.record({
  key,
  value: fc.double({ noNaN: true, noDefaultInfinity: true }),
  timestamp: fc.integer({ min: 0, max: 2 ** 42 }),
  step: fc.integer({ min: 0, max: 1e6 }),
});

function input(maxParams: number, maxTags: number, maxMetrics: number, maxValue: number) {
  return fc.record({
    params: fc.array(kv(maxValue), { maxLength: maxParams }),
    tags: fc.array(kv(maxValue), { maxLength: maxTags }),
    metrics: fc.array(metric, { maxLength: maxMetrics }),
  });
}

function firstEntity(batch: LogBatch): Partial<LogBatch> {
  if (batch.params.length > 0) return { params: [batch.params[0] as LogBatch['params'][number]] };
  if (batch.tags.length > 0) return { tags: [batch.tags[0] as LogBatch['tags'][number]] };
  return { metrics: [batch.metrics[0] as LogBatch['metrics'][number]] };
}

function checkPlan(data: LogBatch, limits: MlflowLimits) {
  const batches = planBatches(data, limits);
  for (const b of batches) {
    expect(batchProblem(b, limits)).toBeNull();
    expect(b.params.length + b.tags.length + b.metrics.length).toBeGreaterThan(0);
  }
  // Everything is sent once, in order.
  expect(batches.flatMap((b) => b.params)).toEqual(data.params);
  expect(batches.flatMap((b) => b.tags)).toEqual(data.tags);
  expect(batches.flatMap((b) => b.metrics)).toEqual(data.metrics);
  // Greedy: the next batch's first entry would have broken a limit of the batch before it.
  for (let i = 0; i + 1 < batches.length; i++) {
    const prev = batches[i] as LogBatch;
    const next = firstEntity(batches[i + 1] as LogBatch);
    const merged = {
      params: [...prev.params, ...(next.params ?? [])],
      tags: [...prev.tags, ...(next.tags ?? [])],
      metrics: [...prev.metrics, ...(next.metrics ?? [])],
    };
    expect(batchProblem(merged, limits)).not.toBeNull();
  }
  return batches;
}

describe('planBatches', () => {
  it("keeps MLflow's limits, sends everything once in order, and fills batches greedily", () => {
    fc.assert(
      fc.property(input(260, 230, 2600, 300), (data) => {
        checkPlan(data, MLFLOW_LIMITS);
      }),
      { numRuns: 60 },
    );
  });

  it('splits on the 1 MB request size with long values', () => {
    fc.assert(
      fc.property(input(120, 120, 10, 6000), (data) => {
        checkPlan(data, MLFLOW_LIMITS);
      }),
      { numRuns: 25 },
    );
  });

  it('splits on every limit when the limits are small', () => {
    const small = {
      ...MLFLOW_LIMITS,
      metricsPerBatch: 7,
      paramsPerBatch: 3,
      tagsPerBatch: 2,
      entitiesPerBatch: 9,
      batchBytes: 1200,
    };
    fc.assert(
      fc.property(input(20, 20, 40, 60), (data) => {
        checkPlan(data, small);
      }),
      { numRuns: 200 },
    );
  });

  it('makes one request for 20 params, 3 tags and 60 points', () => {
    const params = Array.from({ length: 20 }, (_, i) => ({ key: `p${i}`, value: 'x' }));
    const tags = Array.from({ length: 3 }, (_, i) => ({ key: `t${i}`, value: 'y' }));
    const metrics = Array.from({ length: 60 }, (_, i) => ({
      key: 'loss',
      value: i,
      step: i,
      timestamp: i,
    }));
    expect(planBatches({ params, tags, metrics })).toHaveLength(1);
    expect(planBatches({ params: [], tags: [], metrics: [] })).toEqual([]);
  });

  it('names the broken limit', () => {
    const params = Array.from({ length: 101 }, (_, i) => ({ key: `p${i}`, value: 'x' }));
    expect(batchProblem({ params, tags: [], metrics: [] })).toMatch(/101 params; at most 100/);
    const long = { key: 'k', value: 'v'.repeat(6001) };
    expect(batchProblem({ params: [long], tags: [], metrics: [] })).toMatch(/too long/);
  });
});

/** MLflow's own key rule (mlflow/utils/validation.py) restated for the check. */
function mlflowAccepts(k: string): boolean {
  if (!/^[/\w.\- :]*$/.test(k) || k.length === 0 || k.length > 250) return false;
  if (k.startsWith('/') || k.endsWith('/') || k.startsWith('..')) return false;
  return !k.split('/').some((p) => p === '' || p === '.' || p === '..');
}

describe('mlflowKey and truncateValue', () => {
  it('keeps keys MLflow accepts and makes every other key acceptable', () => {
    expect(mlflowKey('feature_store.features_csv')).toBe('feature_store.features_csv');
    expect(mlflowKey('eval/acc top-1: val')).toBe('eval/acc top-1: val');
    fc.assert(
      fc.property(fc.string({ maxLength: 400, unit: 'binary' }), (k) => {
        const out = mlflowKey(k);
        expect(mlflowAccepts(out)).toBe(true);
        if (mlflowAccepts(k) && /^[A-Za-z0-9_\-. :/]*$/.test(k)) expect(out).toBe(k);
      }),
      { numRuns: 500 },
    );
  });

  it('never maps two different keys to one', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ maxLength: 300 }), { maxLength: 40 }), (keys) => {
        expect(new Set(keys.map((k) => mlflowKey(k))).size).toBe(keys.length);
      }),
    );
    expect(mlflowKey('a/b')).not.toBe(mlflowKey('a//b'));
    expect(mlflowKey('x'.repeat(300))).not.toBe(mlflowKey(`${'x'.repeat(299)}y`));
  });

  it('cuts long values to the limit and keeps a change past the cut visible', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 9000 }), fc.integer({ min: 80, max: 6000 }), (v, max) => {
        const out = truncateValue(v, max);
        expect(out.length).toBeLessThanOrEqual(max);
        if (v.length <= max) expect(out).toBe(v);
      }),
    );
    const base = 'a'.repeat(7000);
    expect(truncateValue(`${base}1`, 6000)).not.toBe(truncateValue(`${base}2`, 6000));
  });
});
