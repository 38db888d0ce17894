import { toJsonText } from '../facts/layout.js';
import {
  type CanonicalMeta,
  canonicalizeMeta,
  type MetaConfig,
  toMetaFile,
} from '../meta/index.js';

/**
 * meta.json as backfill writes it: seed 000's full record (toMetaFile), plus where an applied
 * override came from and stored derived values that disagreed, when there are any.
 */
export function metaFileText(meta: CanonicalMeta): string {
  const record = toMetaFile(meta);
  if (meta.override !== null) record.override = meta.override;
  if (meta.derived_mismatches.length > 0) record.derived_mismatches = meta.derived_mismatches;
  return toJsonText(record);
}

export interface CanonicalEntry {
  meta: CanonicalMeta;
  /** meta.json as it is written. */
  text: string;
}

/**
 * canonicalizeMeta with memory. It is a pure function of the declared meta and the override,
 * and the runs of one sweep declare the same meta, so each distinct one is canonicalized (zod,
 * hash, JSON) once instead of once per run. Errors are not cached; they throw every time.
 */
export class CanonicalCache {
  private readonly entries = new Map<string, CanonicalEntry>();

  constructor(
    private readonly config: MetaConfig,
    private readonly limit = 10_000,
  ) {}

  get(declared: Record<string, unknown>, override?: Record<string, unknown>): CanonicalEntry {
    const key = `${JSON.stringify(declared)}\u0000${JSON.stringify(override ?? null)}`;
    const hit = this.entries.get(key);
    if (hit) return hit;
    const meta = canonicalizeMeta(declared, { config: this.config, source: 'backfill', override });
    const entry = { meta, text: metaFileText(meta) };
    if (this.entries.size >= this.limit) this.entries.clear();
    this.entries.set(key, entry);
    return entry;
  }
}
