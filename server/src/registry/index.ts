export type * from './api-types.js';
export {
  AliasConflictError,
  isRegistryError,
  RegistryError,
  type RegistryErrorCode,
  type RegistryErrorDetails,
} from './errors.js';
export { LOCAL_ACTOR } from './inputs.js';
export { modelFilePath, modelsDirOf, REGISTRY_DIR } from './layout.js';
export { replayHistory } from './model-invariants.js';
export {
  aliasProblem,
  DEFAULT_PROTECTED_ALIASES,
  isLatestAlias,
  isProtectedAlias,
  MAX_ALIAS,
  MAX_MODEL_NAME,
  unsafeModelNameReason,
  versionOfVersionAlias,
} from './names.js';
export { RegistryStore } from './registry-store.js';
export {
  type RegistryScan,
  type ScanRegistryOptions,
  type SkippedModelEntry,
  scanRegistry,
} from './scan.js';
export {
  AliasHistoryEntry,
  FrozenRunFacts,
  ModelVersion,
  REGISTRY_SCHEMA_VERSION,
  RegisteredModel,
} from './schemas.js';
