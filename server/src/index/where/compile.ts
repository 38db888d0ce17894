import type { Expression, SqlBool } from 'kysely';
import type { Comparison, Literal, WhereNode } from './ast.js';
import {
  allOf,
  anyOf,
  columnIsNull,
  columnMatches,
  hasKey,
  keyValueMatches,
  not,
  type Operand,
  TRUE,
} from './conditions.js';
import { WhereSemanticError } from './errors.js';
import {
  ATTRIBUTE_FIELDS,
  type ColumnField,
  type KeyValuePrefix,
  META_FIELDS,
  PREFIXES,
} from './fields.js';
import { type OperandKind, operandRule, sqlOp } from './operand-rules.js';
import { parseWhere } from './parse.js';

/**
 * Compiles an MLflow-style filter string into a condition on `runs`, for
 * `db.selectFrom('runs').where(compileWhere(s))`. A blank string matches every run.
 */
export function compileWhere(input: string): Expression<SqlBool> {
  const node = parseWhere(input);
  return node === null ? TRUE : compileWhereNode(node, input);
}

/** Compiles a parsed filter; `source` is the text it came from, quoted in error messages. */
export function compileWhereNode(node: WhereNode, source: string): Expression<SqlBool> {
  switch (node.kind) {
    case 'and':
      return allOf(node.operands.map((operand) => compileWhereNode(operand, source)));
    case 'or':
      return anyOf(node.operands.map((operand) => compileWhereNode(operand, source)));
    case 'not':
      return not(compileWhereNode(node.operand, source));
    case 'comparison':
      return compileComparison(node, source);
  }
}

type Target =
  | { type: 'key-value'; prefix: KeyValuePrefix; kind: OperandKind }
  | { type: 'column'; field: ColumnField; kind: OperandKind };

function compileComparison(node: Comparison, source: string): Expression<SqlBool> {
  const name = `${node.field.prefix}.${node.field.key}`;
  const fail = (reason: string): never => {
    throw new WhereSemanticError(reason, source, node.field.position);
  };
  const target = resolveTarget(node, fail);
  if (!('value' in node || 'values' in node)) {
    const negated = node.op === 'IS NOT NULL';
    if (target.type === 'column') return columnIsNull(target.field.column, negated);
    const present = hasKey(target.prefix, node.field.key);
    return negated ? present : not(present);
  }
  const rule = operandRule(target.kind);
  if (!rule.ops.includes(node.op)) {
    fail(`${node.op} does not apply to ${name} (${rule.describe}); use ${rule.ops.join(', ')}`);
  }
  const convert = (literal: Literal): Operand => {
    if (literal.kind === 'null') {
      return fail(`compare ${name} with NULL using IS NULL or IS NOT NULL`);
    }
    const conversion = rule.convert(literal, name);
    return conversion.ok ? conversion.operand : fail(conversion.problem);
  };
  const operand = 'values' in node ? node.values.map(convert) : convert(node.value);
  const op = sqlOp(node.op);
  if (target.type === 'column') return columnMatches(target.field.column, op, operand);
  return keyValueMatches(target.prefix, node.field.key, op, operand);
}

function resolveTarget(node: Comparison, fail: (reason: string) => never): Target {
  const { prefix, key } = node.field;
  const canonical = Object.hasOwn(PREFIXES, prefix) ? PREFIXES[prefix] : undefined;
  if (canonical === undefined) {
    return fail(
      `unknown prefix '${prefix}.'; use metrics., params., tags., attributes. ` +
        '(or attribute., run.) or meta.',
    );
  }
  if (canonical === 'metrics') return { type: 'key-value', prefix: canonical, kind: 'metric' };
  if (canonical === 'params' || canonical === 'tags') {
    return { type: 'key-value', prefix: canonical, kind: 'text' };
  }
  const fields = canonical === 'attributes' ? ATTRIBUTE_FIELDS : META_FIELDS;
  const lower = key.toLowerCase();
  const field = Object.hasOwn(fields, lower) ? fields[lower] : undefined;
  if (field === undefined) return fail(unknownKeyMessage(prefix, key, canonical));
  return { type: 'column', field, kind: field.kind };
}

function unknownKeyMessage(prefix: string, key: string, canonical: 'attributes' | 'meta'): string {
  if (canonical === 'attributes') {
    return `unknown attribute '${prefix}.${key}'; valid: ${Object.keys(ATTRIBUTE_FIELDS).join(', ')}`;
  }
  const keys = Object.keys(META_FIELDS).filter((k) => !k.startsWith('datatreatment_'));
  return (
    `unknown meta key '${prefix}.${key}'; valid: ${keys.join(', ')} ` +
    '(datatreatment.<key> may also be written datatreatment_<key>)'
  );
}
