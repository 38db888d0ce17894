/**
 * MLflow's limits on what one request may hold (mlflow/utils/validation.py). Tag values use the
 * older 5000-character limit so the mirror also works with MLflow servers before 2.x's raise.
 */
export const MLFLOW_LIMITS = {
  metricsPerBatch: 1000,
  paramsPerBatch: 100,
  tagsPerBatch: 100,
  entitiesPerBatch: 1000,
  batchBytes: 1_000_000,
  paramValueChars: 6000,
  tagValueChars: 5000,
  keyChars: 250,
} as const;

export type MlflowLimits = { -readonly [K in keyof typeof MLFLOW_LIMITS]: number };
