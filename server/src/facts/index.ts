export { fsyncPath, writeFileAtomic } from './atomic-write.js';
export {
  type FactsFileError,
  type FactsFileErrorKind,
  FactsFileReadError,
  FactsValidationError,
  LockCompromisedError,
  LockTimeoutError,
  RunExistsError,
  RunFolderMissingError,
} from './errors.js';
export { FactsStore, type FactsStoreOptions, type ScanOptions } from './facts-store.js';
export {
  appendJsonLines,
  DEFAULT_JSONL_MAX_BYTES,
  type JsonLinesResult,
  type ReadJsonLinesOptions,
  readJsonLines,
} from './jsonl.js';
export {
  FACTS_DIR,
  META_FILE,
  METRICS_FILE,
  OVERRIDE_FILE,
  RUN_FILE,
  RUNS_DIR,
} from './layout.js';
export type { RunListing, SkippedRunEntry } from './list-runs.js';
export {
  DEFAULT_LOCK_TIMEOUT_MS,
  DEFAULT_STALE_MS,
  type DirLockOptions,
  withDirLock,
} from './lock.js';
export {
  DEFAULT_JSON_MAX_BYTES,
  type ReadJsonOptions,
  type ReadResult,
  readJsonFile,
} from './read-json.js';
export type { RunFiles } from './read-run-files.js';
export {
  Artifact,
  JsonObject,
  MetricPoint,
  MetricSummary,
  RUN_STATUSES,
  RunRecord,
  type RunRecordInput,
  type RunStatus,
} from './schemas.js';
