import { toJsonText } from '../facts/layout.js';
import { type CanonicalMeta, canonicalizeMeta, type MetaConfig } from '../meta/index.js';

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
    const entry = { meta, text: toJsonText(meta) };
    if (this.entries.size >= this.limit) this.entries.clear();
    this.entries.set(key, entry);
    return entry;
  }
}
