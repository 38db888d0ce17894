import { z } from 'zod';
import { FactsValidationError } from './errors.js';
import { describeIssues } from './issue-messages.js';
import { JsonObject, MetricPoint, RunRecord, type RunRecordInput } from './schemas.js';

/** Parses `value` with `schema` or throws FactsValidationError listing every problem. */
export function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, label: string): T {
  const checked = schema.safeParse(value);
  if (checked.success) return checked.data;
  const problems = describeIssues(label, checked.error, value);
  throw new FactsValidationError(`${problems.join('; ')}; nothing was written`, problems);
}

/** A run record for the folder `runId`: valid, and naming that folder in `run_id`. */
export function validRunRecord(runId: string, run: RunRecordInput): RunRecord {
  const record = parseOrThrow(RunRecord, run, 'run.json');
  if (record.run_id !== runId) {
    const problem = `run.json: run_id: must equal the run folder name ${JSON.stringify(runId)} (got ${JSON.stringify(record.run_id)})`;
    throw new FactsValidationError(`${problem}; nothing was written`, [problem]);
  }
  return record;
}

export function validJsonObject(value: unknown, label: string): JsonObject {
  return parseOrThrow(JsonObject, value, label);
}

const MetricPoints = z.array(MetricPoint);

export function validMetricPoints(points: readonly unknown[]): MetricPoint[] {
  return parseOrThrow(MetricPoints, points, 'points');
}
