export { canonicalJson, compareCodePoints, metaHash } from './canonical-json.js';
export { type CanonicalizeOptions, canonicalizeMeta } from './canonicalize.js';
export {
  DEFAULT_META_CONFIG,
  DEFAULT_PROCESS_TABLE,
  extendMetaConfig,
  type MetaConfig,
  type MetaConfigExtension,
} from './config.js';
export { DATATREATMENT_KEYS } from './datatreatment.js';
export { MetaError } from './errors.js';
export type { MetaInput, MetaOverride } from './input.js';
export { toMetaFile } from './meta-file.js';
export { CURRENT_SCHEMA_VERSION } from './migrations.js';
export * from './naming.js';
export { camelName, snakeName, toSeedSpelling } from './spelling.js';
export type * from './types.js';
