export type Confidence = 'high' | 'medium' | 'low';
export type MetaSource = 'live' | 'backfill' | 'override';
export type ReviewReason =
  | 'missing_process_groups'
  | 'missing_goal'
  | 'missing_dataset_name'
  | 'ambiguous_datatreatment';

export interface Datatreatment {
  token_order: string;
  tokenization: string;
  pid_encoding: string;
  id_embed_dim: number | null | 'unknown';
  met_rep: string;
  globals_included: boolean | 'unknown';
  feature_set_version: string;
  normalization: string;
}

/** The fields that define a run's semantic identity; `meta_hash` is computed from exactly these. */
export interface CanonicalFields {
  schema_version: number;
  level: string | null;
  goal: string | null;
  dataset_name: string | null;
  model_family: string | null;
  process_groups: string[][] | null;
  datatreatment: Datatreatment;
}

export interface DerivedFields {
  n_classes: number | null;
  processes_all: string[] | null;
  class_def_str: string | null;
  process_groups_key: string | null;
  row_key: string | null;
}

export const CONFIDENCE_FIELDS = [
  'level',
  'goal',
  'dataset_name',
  'model_family',
  'process_groups',
  'datatreatment',
] as const;
export type ConfidenceField = (typeof CONFIDENCE_FIELDS)[number];

export interface DerivedMismatch {
  field: string;
  stored: unknown;
  computed: unknown;
}

export interface OverrideProvenance {
  fields: string[];
  reason: string | null;
  author: string | null;
  created_at: string | null;
}

export interface CanonicalMeta extends CanonicalFields, DerivedFields {
  signal_class: number | null;
  meta_hash: string;
  meta_source: MetaSource;
  meta_confidence: Confidence;
  meta_confidence_fields: Record<ConfidenceField, Confidence>;
  needs_review: boolean;
  needs_review_reason: ReviewReason[];
  /** Stored derived values (or hash) that disagreed with the recomputation; reported, never used. */
  derived_mismatches: DerivedMismatch[];
  override: OverrideProvenance | null;
}
