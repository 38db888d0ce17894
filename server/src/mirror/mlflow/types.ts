import { z } from 'zod';

/** int64 fields arrive as JSON numbers from MLflow, as strings from some proxies and forks. */
const Int64 = z.union([z.number(), z.string().regex(/^-?\d+$/)]).transform(Number);
/** Metric values: numbers, or "NaN"/"Infinity" strings for the values JSON cannot hold. */
const Double = z.union([z.number(), z.string()]).transform(Number);

export const MlflowKeyValue = z.object({ key: z.string(), value: z.string().default('') });
export type MlflowKeyValue = z.infer<typeof MlflowKeyValue>;

export const MlflowMetric = z.object({
  key: z.string(),
  value: Double,
  timestamp: Int64,
  step: Int64.default(0),
});
export type MlflowMetric = z.infer<typeof MlflowMetric>;

export const MlflowRunInfo = z.looseObject({
  run_id: z.string(),
  experiment_id: z.string(),
  run_name: z.string().optional(),
  status: z.string().optional(),
  start_time: Int64.optional(),
  end_time: Int64.optional(),
  artifact_uri: z.string().optional(),
  lifecycle_stage: z.string().optional(),
});
export type MlflowRunInfo = z.infer<typeof MlflowRunInfo>;

/** Empty lists are left out of MLflow's JSON, so every list defaults to []. */
export const MlflowRun = z.looseObject({
  info: MlflowRunInfo,
  data: z
    .looseObject({
      metrics: z.array(MlflowMetric).default([]),
      params: z.array(MlflowKeyValue).default([]),
      tags: z.array(MlflowKeyValue).default([]),
    })
    .default({ metrics: [], params: [], tags: [] }),
});
export type MlflowRun = z.infer<typeof MlflowRun>;

export const MlflowExperiment = z.looseObject({
  experiment_id: z.string(),
  name: z.string(),
  lifecycle_stage: z.string().optional(),
  artifact_location: z.string().optional(),
});
export type MlflowExperiment = z.infer<typeof MlflowExperiment>;

export const MlflowAlias = z.object({ alias: z.string(), version: z.string() });

export const MlflowModelVersion = z.looseObject({
  name: z.string(),
  version: z.string(),
  source: z.string().optional(),
  run_id: z.string().optional(),
  status: z.string().optional(),
  description: z.string().optional(),
  aliases: z.array(z.string()).default([]),
  tags: z.array(MlflowKeyValue).default([]),
});
export type MlflowModelVersion = z.infer<typeof MlflowModelVersion>;

export const MlflowRegisteredModel = z.looseObject({
  name: z.string(),
  description: z.string().optional(),
  aliases: z.array(MlflowAlias).default([]),
  tags: z.array(MlflowKeyValue).default([]),
});
export type MlflowRegisteredModel = z.infer<typeof MlflowRegisteredModel>;

export const MLFLOW_RUN_STATUSES = [
  'RUNNING',
  'SCHEDULED',
  'FINISHED',
  'FAILED',
  'KILLED',
] as const;
export type MlflowRunStatus = (typeof MLFLOW_RUN_STATUSES)[number];

/** What one runs/log-batch request carries. */
export interface LogBatch {
  metrics: MlflowMetric[];
  params: MlflowKeyValue[];
  tags: MlflowKeyValue[];
}
