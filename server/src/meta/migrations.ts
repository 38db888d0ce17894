import { MetaError } from './errors.js';

export const CURRENT_SCHEMA_VERSION = 1;

type Migration = (meta: Record<string, unknown>) => Record<string, unknown>;

/**
 * One function per version, upgrading N to N+1. Version 0 is meta written before
 * `schema_version` existed: same fields, no version key.
 */
const MIGRATIONS: Record<number, Migration> = {
  0: (meta) => ({ ...meta, schema_version: 1 }),
};

/** Upgrades stored meta to the current schema version in memory; files are never rewritten here. */
export function upgradeMeta(raw: Record<string, unknown>): Record<string, unknown> {
  const declared = raw.schema_version ?? 0;
  if (typeof declared !== 'number' || !Number.isInteger(declared) || declared < 0) {
    throw new MetaError(
      `${JSON.stringify(declared)} is not a schema version (a non-negative integer)`,
      'schema_version',
    );
  }
  if (declared > CURRENT_SCHEMA_VERSION) {
    throw new MetaError(
      `is ${declared} but this runfacts knows versions up to ${CURRENT_SCHEMA_VERSION}; upgrade runfacts to read it`,
      'schema_version',
    );
  }
  let meta = raw;
  for (let v = declared; v < CURRENT_SCHEMA_VERSION; v++) {
    const migrate = MIGRATIONS[v];
    if (!migrate) throw new Error(`no migration from schema_version ${v}`);
    meta = migrate(meta);
  }
  return meta;
}
