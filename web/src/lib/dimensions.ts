import type { CoverageDimension, RunFilter } from '../generated/graphql';

export const DIMENSIONS: { value: CoverageDimension; label: string }[] = [
  { value: 'ROW_KEY', label: 'row key (dataset + classes)' },
  { value: 'MODEL_FAMILY', label: 'model family' },
  { value: 'DATASET_NAME', label: 'dataset' },
  { value: 'GOAL', label: 'goal' },
  { value: 'PROCESS_GROUPS_KEY', label: 'process groups' },
  { value: 'TOKENIZATION', label: 'tokenization' },
  { value: 'EXPERIMENT', label: 'experiment' },
  { value: 'STATUS', label: 'status' },
  { value: 'PARAM', label: 'a param…' },
];

/** The typed run filter selecting one value of a grid axis; null for the "no value" group. */
export function filterFor(
  dimension: CoverageDimension,
  param: string,
  value: string | null,
): RunFilter | null {
  if (value === null) return null;
  switch (dimension) {
    case 'DATASET_NAME':
      return { datasetName: [value] };
    case 'EXPERIMENT':
      return { experiment: [value] };
    case 'GOAL':
      return { goal: [value] };
    case 'MODEL_FAMILY':
      return { modelFamily: [value] };
    case 'PROCESS_GROUPS_KEY':
      return { processGroupsKey: [value] };
    case 'ROW_KEY':
      return { rowKey: [value] };
    case 'STATUS':
      return { status: [value] };
    case 'TOKENIZATION':
      return { tokenization: [value] };
    case 'PARAM':
      return { params: [{ key: param, op: 'EQ', value }] };
  }
}

/** Both axes' filters in one (every condition must hold). */
export function mergeFilters(...filters: (RunFilter | null)[]): RunFilter | null {
  if (filters.some((f) => f === null)) return null;
  const merged: RunFilter = {};
  for (const f of filters as RunFilter[]) {
    for (const [k, v] of Object.entries(f) as [keyof RunFilter, unknown][]) {
      const prev = merged[k];
      (merged as Record<string, unknown>)[k] =
        Array.isArray(prev) && Array.isArray(v) ? [...prev, ...v] : v;
    }
  }
  return merged;
}
