// SQL building blocks shared by the where-string compiler and RunFilter. Every user value goes
// through Kysely's value binding ($n placeholders); only operators from the fixed lists below
// and identifiers from the field catalog ever reach the SQL text.

import { type Expression, expressionBuilder, type SqlBool, sql } from 'kysely';
import type { IndexTables, RunsTable } from '../tables.js';
import type { KeyValuePrefix } from './fields.js';
import { KEY_VALUE_TABLES } from './fields.js';

export type ValueOp = '=' | '<>' | '<' | '<=' | '>' | '>=';
export type PatternOp = 'like' | 'ilike' | 'not like' | 'not ilike';
export type ListOp = 'in' | 'not in';
export type SqlOp = ValueOp | PatternOp | ListOp;

/** A bound value or an expression over bound values (e.g. a cast). */
export type Operand = string | number | boolean | Expression<unknown>;

const eb = expressionBuilder<IndexTables, 'runs'>();

export const TRUE: Expression<SqlBool> = sql<SqlBool>`true`;
export const FALSE: Expression<SqlBool> = sql<SqlBool>`false`;

/** AND of the conditions; no conditions means every run matches. */
export function allOf(conditions: readonly Expression<SqlBool>[]): Expression<SqlBool> {
  if (conditions.length === 0) return TRUE;
  return conditions.length === 1 ? (conditions[0] as Expression<SqlBool>) : eb.and([...conditions]);
}

export function anyOf(conditions: readonly Expression<SqlBool>[]): Expression<SqlBool> {
  if (conditions.length === 0) return FALSE;
  return conditions.length === 1 ? (conditions[0] as Expression<SqlBool>) : eb.or([...conditions]);
}

export function not(condition: Expression<SqlBool>): Expression<SqlBool> {
  return eb.not(condition);
}

// The three key/value tables share a shape; only the value type differs, so one alias serves all.
function keyRows(prefix: KeyValuePrefix, key: string) {
  const table = `${KEY_VALUE_TABLES[prefix]} as kv` as 'run_params as kv';
  return eb
    .selectFrom(table)
    .select(eb.lit(1).as('one'))
    .whereRef('kv.run_id', '=', 'runs.run_id')
    .where('kv.key', '=', key);
}

/** The run has a row for `key` in the metrics/params/tags table. */
export function hasKey(prefix: KeyValuePrefix, key: string): Expression<SqlBool> {
  return eb.exists(keyRows(prefix, key));
}

/** The run has a row for `key` whose value satisfies `value <op> operand`. */
export function keyValueMatches(
  prefix: KeyValuePrefix,
  key: string,
  op: SqlOp,
  operand: Operand | readonly Operand[],
): Expression<SqlBool> {
  // Metric values are numbers at run time; the alias in keyRows types every value column as text.
  const value = operand as string;
  const rows = keyRows(prefix, key);
  return eb.exists(
    isPatternOp(op)
      ? rows.where(patternMatches(sql.ref('kv.value'), op, value))
      : rows.where('kv.value', op, value),
  );
}

type Column = keyof RunsTable & string;

/**
 * `column <op> operand` where a NULL column counts as "no match" rather than unknown, so that
 * NOT around it is the exact complement (as it is for the EXISTS conditions).
 */
export function columnMatches(
  column: Column,
  op: SqlOp,
  operand: Operand | readonly Operand[],
): Expression<SqlBool> {
  const ref = sql.ref(`runs.${column}`);
  const comparison =
    isPatternOp(op) && typeof operand === 'string'
      ? patternMatches(ref, op, operand)
      : eb(ref, op, operand);
  return sql<SqlBool>`coalesce(${comparison}, false)`;
}

const PATTERN_OPS: readonly string[] = ['like', 'ilike', 'not like', 'not ilike'];

function isPatternOp(op: SqlOp): op is PatternOp {
  return PATTERN_OPS.includes(op);
}

// Backslash escapes % and _ as in Postgres; DuckDB has no default LIKE escape character.
function patternMatches(
  value: Expression<unknown>,
  op: PatternOp,
  pattern: string,
): Expression<SqlBool> {
  return sql<SqlBool>`${value} ${sql.raw(op)} ${pattern} escape '\\'`;
}

export function columnIsNull(column: Column, negated = false): Expression<SqlBool> {
  return eb(`runs.${column}`, negated ? 'is not' : 'is', null);
}

/** A bound ISO instant typed as TIMESTAMPTZ, for comparing with started_at/ended_at. */
export function timestamptzValue(iso: string): Expression<unknown> {
  return sql`cast(${iso} as timestamptz)`;
}
