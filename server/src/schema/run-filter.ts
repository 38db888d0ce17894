import type { RunOrder } from '../index/queries/list-runs.js';
import type { RunFilter } from '../index/where/index.js';
import { builder } from './builder.js';

const MetricOp = builder.enumType('MetricOp', {
  values: ['GT', 'GTE', 'LT', 'LTE', 'EQ', 'NEQ'] as const,
});
const TextOp = builder.enumType('TextOp', { values: ['EQ', 'NEQ', 'LIKE', 'IN'] as const });
export const OrderDirection = builder.enumType('OrderDirection', {
  values: ['ASC', 'DESC'] as const,
});

const MetricCondition = builder.inputType('MetricCondition', {
  fields: (t) => ({
    key: t.string({ required: true }),
    op: t.field({ type: MetricOp, required: true }),
    value: t.float({ required: true }),
  }),
});

const TextCondition = builder.inputType('TextCondition', {
  description: 'A param or tag condition. LIKE uses SQL % and _ wildcards; IN takes values.',
  fields: (t) => ({
    key: t.string({ required: true }),
    op: t.field({ type: TextOp, required: true }),
    value: t.string(),
    values: t.stringList(),
  }),
});

const strings = (description: string) => ({
  description: `${description} (any of the values given)`,
});

export const RunFilterInput = builder.inputType('RunFilter', {
  description: 'Typed run filter for dashboards; every condition given must hold.',
  fields: (t) => ({
    experiment: t.stringList(strings('Experiment name')),
    datasetName: t.stringList(strings('Canonical dataset name')),
    modelFamily: t.stringList(strings('Model family')),
    goal: t.stringList(strings('Goal')),
    processGroupsKey: t.stringList(strings('Process groups key, e.g. 4t|ttH+ttW+ttWW+ttZ')),
    rowKey: t.stringList(strings('Coverage row key, e.g. 4topsplitted::4t|ttH')),
    tokenization: t.stringList(strings('Datatreatment tokenization')),
    status: t.stringList(strings('Run status')),
    metaHash: t.stringList(strings('meta_hash')),
    needsReview: t.boolean(),
    createdAfter: t.string({ description: 'ISO date or date-time; inclusive, on the start time.' }),
    createdBefore: t.string({
      description: 'ISO date or date-time; exclusive, on the start time.',
    }),
    metrics: t.field({ type: [MetricCondition] }),
    params: t.field({ type: [TextCondition] }),
    tags: t.field({ type: [TextCondition] }),
  }),
});

export const RunOrderInput = builder.inputType('RunOrder', {
  fields: (t) => ({
    field: t.string({
      required: true,
      description:
        'A field as in where strings: metrics.auroc, params.lr, meta.row_key, attributes.started_at.',
    }),
    direction: t.field({ type: OrderDirection, defaultValue: 'ASC' }),
  }),
});

type Nullable<T> = { [K in keyof T]?: T[K] | null };

/** GraphQL input (nulls allowed everywhere) to the index's RunFilter (absent means no condition). */
export function toRunFilter(
  input: Nullable<Record<string, unknown>> | null | undefined,
): RunFilter | undefined {
  if (!input) return undefined;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (value === null || value === undefined) continue;
    out[key] = Array.isArray(value)
      ? value.map((v) =>
          v && typeof v === 'object'
            ? Object.fromEntries(Object.entries(v).filter(([, x]) => x !== null && x !== undefined))
            : v,
        )
      : value;
  }
  return out as RunFilter;
}

export function toRunOrder(
  input: ReadonlyArray<{ field: string; direction?: 'ASC' | 'DESC' | null }> | null | undefined,
): RunOrder[] | undefined {
  return input?.map((o) => ({ field: o.field, direction: o.direction ?? 'ASC' }));
}
