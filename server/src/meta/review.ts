import type { MetaConfig } from './config.js';
import type { CanonicalFields, Confidence, ConfidenceField, ReviewReason } from './types.js';

const RANK: Record<Confidence, number> = { low: 0, medium: 1, high: 2 };

export function minConfidence(values: Iterable<Confidence>): Confidence {
  let min: Confidence = 'high';
  for (const v of values) if (RANK[v] < RANK[min]) min = v;
  return min;
}

/** Whether process groups are expected for this goal; an unknown goal expects them (never guess). */
export function processGroupsApply(goal: string | null, config: MetaConfig): boolean {
  return goal === null || config.goalsWithProcessGroups.includes(goal);
}

/**
 * Why a run must be reviewed before it enters coverage grids. A field that does not apply to the
 * goal (process groups of a regression run) is not a reason.
 */
export function reviewReasons(
  fields: CanonicalFields,
  confidence: Record<ConfidenceField, Confidence>,
  config: MetaConfig,
): ReviewReason[] {
  const reasons: ReviewReason[] = [];
  if (fields.process_groups === null && processGroupsApply(fields.goal, config)) {
    reasons.push('missing_process_groups');
  }
  if (fields.goal === null) reasons.push('missing_goal');
  if (fields.dataset_name === null) reasons.push('missing_dataset_name');
  if (confidence.datatreatment === 'low') reasons.push('ambiguous_datatreatment');
  return reasons;
}
