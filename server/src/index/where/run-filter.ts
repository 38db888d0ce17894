import type { Expression, SqlBool } from 'kysely';
import { DomainError } from '../../domain-error.js';
import type { RunsTable } from '../tables.js';
import { compileWhere } from './compile.js';
import {
  allOf,
  columnMatches,
  FALSE,
  keyValueMatches,
  type SqlOp,
  timestamptzValue,
} from './conditions.js';
import type { KeyValuePrefix } from './fields.js';
import { isoFromText } from './instant.js';

/** One value, or a list meaning "any of these"; an empty list matches no run. */
export type StringMatch = string | readonly string[];

export type MetricOp = 'GT' | 'GTE' | 'LT' | 'LTE' | 'EQ' | 'NEQ';
export interface MetricCondition {
  key: string;
  op: MetricOp;
  value: number;
}

/** A param or tag condition; values are text, LIKE uses SQL `%`/`_` wildcards. */
export type TextCondition =
  | { key: string; op: 'EQ' | 'NEQ' | 'LIKE'; value: string }
  | { key: string; op: 'IN'; values: readonly string[] };

/** Structured filter for dashboards; every condition given must hold. */
export interface RunFilter {
  experiment?: StringMatch;
  datasetName?: StringMatch;
  modelFamily?: StringMatch;
  goal?: StringMatch;
  processGroupsKey?: StringMatch;
  rowKey?: StringMatch;
  tokenization?: StringMatch;
  status?: StringMatch;
  metaHash?: StringMatch;
  needsReview?: boolean;
  /** ISO date or date-time (UTC unless zoned); inclusive, on started_at. */
  createdAfter?: string;
  /** ISO date or date-time (UTC unless zoned); exclusive, on started_at. */
  createdBefore?: string;
  metrics?: readonly MetricCondition[];
  params?: readonly TextCondition[];
  tags?: readonly TextCondition[];
}

/** A RunFilter that cannot be compiled; `path` names the offending field, e.g. `metrics[1].value`. */
export class RunFilterError extends DomainError {
  override readonly name = 'RunFilterError';
  readonly code = 'INVALID_FILTER';
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`invalid run filter at ${path}: ${reason}`, `filter.${path}`);
  }
}

const STRING_COLUMNS = {
  experiment: 'experiment',
  datasetName: 'dataset_name',
  modelFamily: 'model_family',
  goal: 'goal',
  processGroupsKey: 'process_groups_key',
  rowKey: 'row_key',
  tokenization: 'tokenization',
  status: 'status',
  metaHash: 'meta_hash',
} as const satisfies Partial<Record<keyof RunFilter, keyof RunsTable>>;

const METRIC_OPS: Record<MetricOp, SqlOp> = {
  GT: '>',
  GTE: '>=',
  LT: '<',
  LTE: '<=',
  EQ: '=',
  NEQ: '<>',
};
const TEXT_OPS = { EQ: '=', NEQ: '<>', LIKE: 'like', IN: 'in' } as const;

/** Compiles a RunFilter into a condition on `runs`; an empty filter matches every run. */
export function compileRunFilter(filter: RunFilter): Expression<SqlBool> {
  const conditions: Expression<SqlBool>[] = [];
  for (const [field, column] of Object.entries(STRING_COLUMNS)) {
    const match = filter[field as keyof typeof STRING_COLUMNS];
    if (match !== undefined) conditions.push(stringMatch(field, column, match));
  }
  if (filter.needsReview !== undefined) {
    if (typeof filter.needsReview !== 'boolean') {
      throw new RunFilterError('needsReview', 'must be true or false');
    }
    conditions.push(columnMatches('needs_review', '=', filter.needsReview));
  }
  if (filter.createdAfter !== undefined) {
    conditions.push(startedAt('createdAfter', '>=', filter.createdAfter));
  }
  if (filter.createdBefore !== undefined) {
    conditions.push(startedAt('createdBefore', '<', filter.createdBefore));
  }
  (filter.metrics ?? []).forEach((condition, i) => {
    conditions.push(metricCondition(`metrics[${i}]`, condition));
  });
  (filter.params ?? []).forEach((condition, i) => {
    conditions.push(textCondition('params', `params[${i}]`, condition));
  });
  (filter.tags ?? []).forEach((condition, i) => {
    conditions.push(textCondition('tags', `tags[${i}]`, condition));
  });
  return allOf(conditions);
}

/** A RunFilter and a `where` string together (both must hold); either may be absent. */
export function compileRunQuery(
  filter: RunFilter | undefined,
  where: string | undefined,
): Expression<SqlBool> {
  const conditions = [];
  if (filter !== undefined) conditions.push(compileRunFilter(filter));
  if (where !== undefined) conditions.push(compileWhere(where));
  return allOf(conditions);
}

function stringMatch(path: string, column: keyof RunsTable & string, match: StringMatch) {
  const values: readonly unknown[] = typeof match === 'string' ? [match] : match;
  if (!Array.isArray(values) || values.some((v) => typeof v !== 'string')) {
    throw new RunFilterError(path, 'must be a string or a list of strings');
  }
  if (values.length === 0) return FALSE;
  const strings = values as string[];
  return strings.length === 1
    ? columnMatches(column, '=', strings[0] as string)
    : columnMatches(column, 'in', strings);
}

function startedAt(path: string, op: SqlOp, text: string): Expression<SqlBool> {
  const iso = typeof text === 'string' ? isoFromText(text) : undefined;
  if (iso === undefined) {
    throw new RunFilterError(path, `'${String(text)}' is not an ISO-8601 date or date-time`);
  }
  return columnMatches('started_at', op, timestamptzValue(iso));
}

function metricCondition(path: string, { key, op, value }: MetricCondition): Expression<SqlBool> {
  checkKey(path, key);
  if (!Object.hasOwn(METRIC_OPS, op)) {
    throw new RunFilterError(`${path}.op`, `must be one of ${Object.keys(METRIC_OPS).join(', ')}`);
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new RunFilterError(`${path}.value`, 'must be a finite number');
  }
  return keyValueMatches('metrics', key, METRIC_OPS[op], value);
}

function textCondition(
  prefix: KeyValuePrefix,
  path: string,
  condition: TextCondition,
): Expression<SqlBool> {
  checkKey(path, condition.key);
  if (condition.op === 'IN') {
    const values: unknown = condition.values;
    if (!Array.isArray(values) || values.some((v) => typeof v !== 'string')) {
      throw new RunFilterError(`${path}.values`, 'must be a list of strings');
    }
    if (values.length === 0) return FALSE;
    return keyValueMatches(prefix, condition.key, 'in', values as string[]);
  }
  if (!Object.hasOwn(TEXT_OPS, condition.op)) {
    throw new RunFilterError(`${path}.op`, `must be one of ${Object.keys(TEXT_OPS).join(', ')}`);
  }
  if (typeof condition.value !== 'string') {
    throw new RunFilterError(`${path}.value`, 'must be a string');
  }
  return keyValueMatches(prefix, condition.key, TEXT_OPS[condition.op], condition.value);
}

function checkKey(path: string, key: unknown): void {
  if (typeof key !== 'string' || key === '') {
    throw new RunFilterError(`${path}.key`, 'must be a non-empty string');
  }
}
