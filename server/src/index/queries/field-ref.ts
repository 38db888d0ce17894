import { type RawBuilder, sql } from 'kysely';
import { InvalidInputError } from '../../domain-error.js';
import type { ColumnKind } from '../where/fields.js';
import {
  ATTRIBUTE_FIELDS,
  META_FIELDS,
  parseWhere,
  WhereError,
  type WhereNode,
} from '../where/index.js';

/** A run field named as in `where` strings: `metrics.auroc`, `params.model.lr`, `meta.row_key`. */
export type ResolvedField =
  | { type: 'column'; column: string; kind: ColumnKind; label: string }
  | {
      type: 'keyValue';
      table: 'run_metrics' | 'run_params' | 'run_tags';
      key: string;
      kind: ColumnKind;
      label: string;
    };

const KEY_VALUE = {
  metrics: { table: 'run_metrics', kind: 'number' },
  metric: { table: 'run_metrics', kind: 'number' },
  params: { table: 'run_params', kind: 'string' },
  param: { table: 'run_params', kind: 'string' },
  tags: { table: 'run_tags', kind: 'string' },
  tag: { table: 'run_tags', kind: 'string' },
} as const;

/**
 * Resolves a field name with the `where` grammar itself (quoting with backticks or double quotes
 * included), so orderBy, coverage and sweep accept exactly what filters accept.
 */
export function resolveField(text: string, argument: string): ResolvedField {
  let node: WhereNode | null;
  try {
    node = parseWhere(`${text} IS NULL`);
  } catch (error) {
    if (error instanceof WhereError) {
      throw new InvalidInputError(
        `${JSON.stringify(text)} is not a field name such as metrics.auroc, params.lr or meta.row_key: ${error.message}`,
        argument,
      );
    }
    throw error;
  }
  if (node?.kind !== 'comparison') {
    throw new InvalidInputError(`${JSON.stringify(text)} is not a single field name`, argument);
  }
  const { prefix, key } = node.field;
  const kv = KEY_VALUE[prefix as keyof typeof KEY_VALUE];
  if (kv)
    return { type: 'keyValue', table: kv.table, key, kind: kv.kind, label: `${prefix}.${key}` };
  const columns =
    prefix === 'meta'
      ? META_FIELDS
      : ['attributes', 'attribute', 'run'].includes(prefix)
        ? ATTRIBUTE_FIELDS
        : null;
  const field = columns?.[key];
  if (!field) {
    const valid = columns
      ? Object.keys(columns).join(', ')
      : 'metrics, params, tags, attributes, meta';
    throw new InvalidInputError(
      `unknown field ${JSON.stringify(text)}; valid ${columns ? `${prefix} keys` : 'prefixes'}: ${valid}`,
      argument,
    );
  }
  return { type: 'column', column: field.column, kind: field.kind, label: `${prefix}.${key}` };
}

/**
 * The SQL value of a field for the run in `runs`: a column, or a scalar subquery on a key/value
 * table (null when the run lacks the key).
 */
export function fieldValue(field: ResolvedField): RawBuilder<unknown> {
  if (field.type === 'column') return sql`runs.${sql.ref(field.column)}`;
  // An aggregate, not LIMIT 1: (run_id, key) is unique, and DuckDB decorrelates aggregates into a join.
  return sql`(SELECT max(kv.value) FROM ${sql.table(field.table)} kv WHERE kv.run_id = runs.run_id AND kv.key = ${field.key})`;
}
