import type { CanonicalMeta } from './types.js';

/**
 * The `facts/meta.json` record of seed 000's example: canonical fields, hash, provenance,
 * confidence, review state and the derived fields as cache. Reading it back through
 * `canonicalizeMeta` gives the same meta (derived fields are recomputed and only compared).
 */
export function toMetaFile(meta: CanonicalMeta): Record<string, unknown> {
  return {
    schema_version: meta.schema_version,
    level: meta.level,
    goal: meta.goal,
    dataset_name: meta.dataset_name,
    model_family: meta.model_family,
    process_groups: meta.process_groups,
    ...(meta.signal_class === null ? {} : { signal_class: meta.signal_class }),
    datatreatment: meta.datatreatment,
    meta_hash: meta.meta_hash,
    meta_source: meta.meta_source,
    meta_confidence: meta.meta_confidence,
    meta_confidence_fields: meta.meta_confidence_fields,
    needs_review: meta.needs_review,
    needs_review_reason: meta.needs_review_reason,
    n_classes: meta.n_classes,
    processes_all: meta.processes_all,
    class_def_str: meta.class_def_str,
    process_groups_key: meta.process_groups_key,
    row_key: meta.row_key,
  };
}
