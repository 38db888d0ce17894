import { canonicalJson, metaHash } from './canonical-json.js';
import { DEFAULT_META_CONFIG, type MetaConfig } from './config.js';
import { normalizeDatatreatment } from './datatreatment.js';
import { derivedFields } from './derived.js';
import { MetaError } from './errors.js';
import { type MetaInput, metaInputSchema, parseOrThrow } from './input.js';
import { upgradeMeta } from './migrations.js';
import { applyOverride, overrideProvenance, parseOverride } from './override.js';
import { canonicalProcessGroups } from './process-groups.js';
import { minConfidence, processGroupsApply, reviewReasons } from './review.js';
import { toSeedSpelling } from './spelling.js';
import {
  type CanonicalFields,
  type CanonicalMeta,
  CONFIDENCE_FIELDS,
  type Confidence,
  type ConfidenceField,
  type DerivedMismatch,
  type MetaSource,
} from './types.js';

export interface CanonicalizeOptions {
  config?: MetaConfig;
  /** Provenance when the input does not carry `meta_source`; defaults to live. */
  source?: MetaSource;
  /** The parsed or raw `meta_override.json`, applied on top: its values win. */
  override?: unknown;
}

function checkVocabulary(field: string, value: string | null, vocab: readonly string[]): void {
  if (value !== null && !vocab.includes(value)) {
    throw new MetaError(
      `${JSON.stringify(value)} is not one of ${vocab.join(', ')} (extend the vocabulary in the config to add one)`,
      field,
    );
  }
}

function canonicalFields(input: MetaInput, config: MetaConfig): CanonicalFields {
  const level = input.level ?? null;
  const goal = input.goal ?? null;
  const model = input.model_family ?? null;
  const dataset = input.dataset_name ?? null;
  checkVocabulary('level', level, config.levels);
  checkVocabulary('goal', goal, config.goals);
  checkVocabulary('model_family', model, config.modelFamilies);
  if (dataset?.includes('::')) {
    throw new MetaError("may not contain '::' (it separates the parts of row_key)", 'dataset_name');
  }
  const groups = input.process_groups ?? null;
  return {
    schema_version: input.schema_version,
    level,
    goal,
    dataset_name: dataset,
    model_family: model,
    process_groups:
      groups === null
        ? null
        : canonicalProcessGroups(groups, config.processTable, input.signal_class ?? null),
    datatreatment: normalizeDatatreatment(input.datatreatment, config),
  };
}

function fieldConfidence(
  input: MetaInput,
  fields: CanonicalFields,
  config: MetaConfig,
): Record<ConfidenceField, Confidence> {
  const declared = input.meta_confidence_fields ?? {};
  const result = {} as Record<ConfidenceField, Confidence>;
  for (const field of CONFIDENCE_FIELDS) {
    const given = declared[field];
    if (given) {
      result[field] = given;
    } else if (field === 'datatreatment') {
      const dt = input.datatreatment;
      result[field] = dt && Object.keys(dt).length > 0 ? 'high' : 'low';
    } else if (field === 'process_groups' && !processGroupsApply(fields.goal, config)) {
      result[field] = 'high';
    } else {
      result[field] = fields[field] === null ? 'low' : 'high';
    }
  }
  return result;
}

const STORED_DERIVED = [
  'meta_hash',
  'n_classes',
  'processes_all',
  'class_def_str',
  'process_groups_key',
  'row_key',
] as const;

function mismatches(input: MetaInput, computed: Record<string, unknown>): DerivedMismatch[] {
  return STORED_DERIVED.filter(
    (f) => input[f] !== undefined && canonicalJson(input[f] ?? null) !== canonicalJson(computed[f]),
  ).map((field) => ({ field, stored: input[field], computed: computed[field] }));
}

function build(input: MetaInput, config: MetaConfig, source: MetaSource): CanonicalMeta {
  const fields = canonicalFields(input, config);
  const confidence = fieldConfidence(input, fields, config);
  const reasons = reviewReasons(fields, confidence, config);
  return {
    ...fields,
    ...derivedFields(fields),
    signal_class: input.signal_class ?? null,
    meta_hash: metaHash(fields),
    meta_source: source,
    meta_confidence: minConfidence(Object.values(confidence)),
    meta_confidence_fields: confidence,
    needs_review: reasons.length > 0,
    needs_review_reason: reasons,
    derived_mismatches: [],
    override: null,
  };
}

/**
 * Seed-000 canonical meta from declared or stored meta: upgraded to the current schema version,
 * canonically ordered, hashed, derived fields recomputed (stored ones only compared), confidence
 * and review reasons set, and the override applied last. Throws MetaError naming the field.
 */
export function canonicalizeMeta(raw: unknown, options: CanonicalizeOptions = {}): CanonicalMeta {
  const config = options.config ?? DEFAULT_META_CONFIG;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new MetaError('meta must be a JSON object', 'meta');
  }
  const input = parseOrThrow(
    metaInputSchema,
    upgradeMeta(toSeedSpelling(raw as Record<string, unknown>)),
    'meta',
  );
  const source = input.meta_source ?? options.source ?? 'live';
  const base = build(input, config, source);
  base.derived_mismatches = mismatches(input, { ...base });
  if (options.override === undefined || options.override === null) return base;
  const override = parseOverride(options.override);
  const merged = build(applyOverride(input, override), config, 'override');
  return {
    ...merged,
    derived_mismatches: base.derived_mismatches,
    override: overrideProvenance(override),
  };
}
