export { batchProblem, entityBytes, planBatches } from './batch-plan.js';
export {
  type CreateModelVersionInput,
  type CreateRunInput,
  MlflowClient,
  type MlflowClientOptions,
  type SearchRunsInput,
} from './client.js';
export {
  isMlflowAlreadyExists,
  MlflowApiError,
  type MlflowErrorCode,
  MlflowNetworkError,
  MlflowProtocolError,
} from './errors.js';
export { DeletedExperimentError } from './experiments.js';
export { digest, mlflowKey, truncateValue } from './keys.js';
export { MLFLOW_LIMITS, type MlflowLimits } from './limits.js';
export {
  DEFAULT_EXPERIMENT,
  type MappedRun,
  META_HASH_TAG,
  MirrorInputError,
  mapRun,
  metaParams,
  PARAM_CHANGED_TAG_PREFIX,
  RUN_ID_TAG,
} from './mapping.js';
export {
  MIRRORS_FILE,
  MirrorsFile,
  MlflowRunMirror,
  readMirrorEntry,
  trackingKey,
} from './mirror-state.js';
export { modelVersionSource } from './model-source.js';
export { ARCHIVED_TAG, type RegistrySyncReport, VERSION_TAG } from './registry-sync.js';
export { changedParamTag, planRunSync, type RunSendPlan } from './run-plan.js';
export {
  type SyncProgress,
  type SyncReport,
  type SyncRunResult,
  type SyncRunsOptions,
  syncRuns,
} from './sync.js';
export type { RunOutcome } from './sync-run.js';
export type { RetryOptions, TransportOptions } from './transport.js';
export * from './types.js';
