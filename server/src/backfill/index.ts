export { BackfillUsageError, backfill } from './backfill.js';
export {
  type BackfillConfig,
  BackfillConfigError,
  type DatasetRule,
  DEFAULT_BACKFILL_CONFIG,
  DEFAULT_DATASET_RULES,
  loadBackfillConfig,
} from './config.js';
export type {
  BackfillCounts,
  BackfillHooks,
  BackfillIssue,
  BackfillOptions,
  BackfillReport,
  BackfillRunResult,
  Inference,
  IssueKind,
  Layout,
  RunAction,
} from './types.js';
export { LAYOUTS } from './types.js';
