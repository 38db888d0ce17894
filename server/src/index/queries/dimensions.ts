import { InvalidInputError } from '../../domain-error.js';
import type { ResolvedField } from './field-ref.js';
import { resolveField } from './field-ref.js';

export const DIMENSIONS = {
  ROW_KEY: 'meta.row_key',
  MODEL_FAMILY: 'meta.model_family',
  DATASET_NAME: 'meta.dataset_name',
  PROCESS_GROUPS_KEY: 'meta.process_groups_key',
  TOKENIZATION: 'meta.datatreatment.tokenization',
  GOAL: 'meta.goal',
  EXPERIMENT: 'attributes.experiment',
  STATUS: 'attributes.status',
} as const;
export type DimensionName = keyof typeof DIMENSIONS | 'PARAM';

export interface Dimension {
  name: DimensionName;
  /** The param key, when name is PARAM (a sweep factor such as `model.pooling`). */
  param?: string | null;
}

/** The run field a grid dimension groups by. */
export function dimensionField(dimension: Dimension, argument: string): ResolvedField {
  if (dimension.name === 'PARAM') {
    if (!dimension.param) {
      throw new InvalidInputError('PARAM needs the param key too (e.g. model.pooling)', argument);
    }
    const key = dimension.param;
    return { type: 'keyValue', table: 'run_params', key, kind: 'string', label: `params.${key}` };
  }
  return resolveField(DIMENSIONS[dimension.name], argument);
}
