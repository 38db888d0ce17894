import { DATATREATMENT_KEYS } from '../../meta/datatreatment.js';
import type { RunsTable } from '../tables.js';

/** How a `runs` column compares: which literals it takes and which operators make sense. */
export type ColumnKind = 'string' | 'number' | 'boolean' | 'time';

export interface ColumnField {
  column: keyof RunsTable & string;
  kind: ColumnKind;
}

/** `attributes.<key>` (MLflow names plus ours) to `runs` columns. */
export const ATTRIBUTE_FIELDS: Readonly<Record<string, ColumnField>> = {
  run_id: { column: 'run_id', kind: 'string' },
  run_name: { column: 'name', kind: 'string' },
  name: { column: 'name', kind: 'string' },
  experiment: { column: 'experiment', kind: 'string' },
  status: { column: 'status', kind: 'string' },
  architecture_code: { column: 'architecture_code', kind: 'string' },
  timestamp: { column: 'timestamp', kind: 'string' },
  start_time: { column: 'started_at', kind: 'time' },
  started_at: { column: 'started_at', kind: 'time' },
  end_time: { column: 'ended_at', kind: 'time' },
  ended_at: { column: 'ended_at', kind: 'time' },
  duration_seconds: { column: 'duration_seconds', kind: 'number' },
};

const datatreatmentFields = Object.fromEntries(
  DATATREATMENT_KEYS.flatMap((key) => {
    // Typed as a runs column, so a datatreatment key without its column fails to compile.
    const field: ColumnField = { column: key, kind: 'string' };
    // Both spellings: the nested meta path and seed 000's flattened W&B config name.
    return [
      [`datatreatment.${key}`, field],
      [`datatreatment_${key}`, field],
    ];
  }),
);

/** `meta.<key>` to `runs` columns (the canonical meta). */
export const META_FIELDS: Readonly<Record<string, ColumnField>> = {
  schema_version: { column: 'schema_version', kind: 'number' },
  level: { column: 'level', kind: 'string' },
  goal: { column: 'goal', kind: 'string' },
  dataset_name: { column: 'dataset_name', kind: 'string' },
  model_family: { column: 'model_family', kind: 'string' },
  process_groups_key: { column: 'process_groups_key', kind: 'string' },
  row_key: { column: 'row_key', kind: 'string' },
  class_def_str: { column: 'class_def_str', kind: 'string' },
  n_classes: { column: 'n_classes', kind: 'number' },
  meta_hash: { column: 'meta_hash', kind: 'string' },
  meta_source: { column: 'meta_source', kind: 'string' },
  meta_confidence: { column: 'meta_confidence', kind: 'string' },
  needs_review: { column: 'needs_review', kind: 'boolean' },
  ...datatreatmentFields,
};

/** Tables holding per-run key/value pairs, by filter prefix. */
export const KEY_VALUE_TABLES = {
  metrics: 'run_metrics',
  params: 'run_params',
  tags: 'run_tags',
} as const;
export type KeyValuePrefix = keyof typeof KEY_VALUE_TABLES;

/** Filter prefixes and the canonical prefix each one means. */
export const PREFIXES: Readonly<Record<string, KeyValuePrefix | 'attributes' | 'meta'>> = {
  metrics: 'metrics',
  metric: 'metrics',
  params: 'params',
  param: 'params',
  tags: 'tags',
  tag: 'tags',
  attributes: 'attributes',
  attribute: 'attributes',
  run: 'attributes',
  meta: 'meta',
};
