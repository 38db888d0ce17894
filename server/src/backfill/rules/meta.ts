import { type Confidence, type ConfidenceField, CURRENT_SCHEMA_VERSION } from '../../meta/index.js';
import type { BackfillConfig } from '../config.js';
import { inferDataset } from './dataset.js';
import { inferDatatreatment } from './datatreatment.js';
import type { Inferred } from './field.js';
import { inferGoal } from './goal.js';
import { inferModelFamily } from './model-family.js';
import { inferProcessGroups } from './process-groups.js';

export interface MetaRulesInput {
  /** The parsed config (or params) the rules read keys from. */
  tree: unknown;
  /** Hydra config-group choices (`loop=transformer_classifier`); empty for other layouts. */
  choices?: Readonly<Record<string, string>>;
  config: BackfillConfig;
}

export interface InferredMeta {
  /** Seed-000 declared meta with per-field confidence, ready for canonicalizeMeta. */
  meta: Record<string, unknown>;
  /** One line per field that is not plainly read: how it was derived, or why it is missing. */
  notes: string[];
}

/** The seed-000 meta that the keys of one config prove, and nothing more (docs/backfill.md). */
export function inferMeta({ tree, choices = {}, config }: MetaRulesInput): InferredMeta {
  const meta = config.meta;
  const { dataset, level } = inferDataset(tree, config.datasets, meta.levels);
  const goal = inferGoal(tree, meta.goals);
  const family = inferModelFamily(tree, choices, meta.modelFamilies);
  const { groups, signalClass } = inferProcessGroups(tree, meta.processTable);
  const dt = inferDatatreatment(tree, choices, meta);
  let groupsField: Inferred<unknown> = groups;
  // Process groups do not apply to a known goal outside goalsWithProcessGroups (regression):
  // their absence is then as certain as the goal.
  if (
    groups.value === null &&
    goal.value !== null &&
    !meta.goalsWithProcessGroups.includes(goal.value)
  ) {
    groupsField = {
      value: null,
      confidence: goal.confidence,
      note: `not applicable to goal ${goal.value}`,
    };
  }
  const fields: Record<ConfidenceField, Inferred<unknown>> = {
    level,
    goal,
    dataset_name: dataset,
    model_family: family,
    process_groups: groupsField,
    datatreatment: { value: dt.value, confidence: dt.confidence, note: dt.note },
  };
  const confidence = Object.fromEntries(
    Object.entries(fields).map(([k, f]) => [k, f.confidence]),
  ) as Record<ConfidenceField, Confidence>;
  const notes = Object.entries(fields).flatMap(([k, f]) => (f.note ? [`${k}: ${f.note}`] : []));
  return {
    meta: {
      schema_version: CURRENT_SCHEMA_VERSION,
      level: level.value,
      goal: goal.value,
      dataset_name: dataset.value,
      model_family: family.value,
      process_groups: groups.value,
      signal_class: groups.value === null ? null : signalClass,
      datatreatment: dt.value,
      meta_source: 'backfill',
      meta_confidence_fields: confidence,
    },
    notes,
  };
}
