import { type MetaInput, type MetaOverride, metaOverrideSchema, parseOrThrow } from './input.js';
import { toSeedSpelling } from './spelling.js';
import type { ConfidenceField, OverrideProvenance } from './types.js';

const PROVENANCE = new Set(['reason', 'author', 'created_at']);

export function parseOverride(raw: unknown): MetaOverride {
  const spelled =
    raw !== null && typeof raw === 'object' && !Array.isArray(raw)
      ? toSeedSpelling(raw as Record<string, unknown>)
      : raw;
  return parseOrThrow(metaOverrideSchema, spelled, 'meta_override');
}

const overriddenFields = (override: MetaOverride): string[] =>
  Object.keys(override).filter(
    (k) => !PROVENANCE.has(k) && override[k as keyof MetaOverride] !== undefined,
  );

/**
 * Seed 000's merge: override values win and their fields become high confidence. Datatreatment
 * merges key by key, so an override of one key keeps the others as inferred.
 */
export function applyOverride(input: MetaInput, override: MetaOverride): MetaInput {
  const merged: MetaInput = { ...input, meta_source: 'override' };
  const confidence = { ...input.meta_confidence_fields };
  for (const field of overriddenFields(override)) {
    if (field === 'datatreatment') {
      merged.datatreatment =
        override.datatreatment === null
          ? null
          : { ...(input.datatreatment ?? {}), ...override.datatreatment };
    } else {
      Object.assign(merged, { [field]: override[field as keyof MetaOverride] });
    }
    if (field !== 'signal_class') confidence[field as ConfidenceField] = 'high';
  }
  merged.meta_confidence_fields = confidence;
  return merged;
}

export function overrideProvenance(override: MetaOverride): OverrideProvenance {
  return {
    fields: overriddenFields(override),
    reason: override.reason ?? null,
    author: override.author ?? null,
    created_at: override.created_at ?? null,
  };
}
