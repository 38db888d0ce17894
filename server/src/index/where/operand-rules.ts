import type { ListOp, Literal, ScalarOp } from './ast.js';
import { type Operand, type SqlOp, timestamptzValue } from './conditions.js';
import type { ColumnKind } from './fields.js';
import { isoFromEpochMs, isoFromText } from './instant.js';

/** What a filter compares against: a metric, a param/tag (text) or a typed `runs` column. */
export type OperandKind = 'metric' | 'text' | ColumnKind;

type NonNullLiteral = Exclude<Literal, { kind: 'null' }>;
type Conversion = { ok: true; operand: Operand } | { ok: false; problem: string };

export interface OperandRule {
  /** For messages, e.g. "metrics are numbers". */
  describe: string;
  ops: readonly (ScalarOp | ListOp)[];
  /** The bound operand for a literal, or why that literal cannot be compared to `name`. */
  convert(literal: NonNullLiteral, name: string): Conversion;
}

const ORDER_OPS = ['=', '!=', '<', '<=', '>', '>='] as const;
const PATTERN_OPS = ['LIKE', 'ILIKE', 'NOT LIKE', 'NOT ILIKE'] as const;
const LIST_OPS = ['IN', 'NOT IN'] as const;

const ok = (operand: Operand): Conversion => ({ ok: true, operand });
const problem = (text: string): Conversion => ({ ok: false, problem: text });

function numberOnly(kind: string): OperandRule['convert'] {
  return (literal, name) =>
    literal.kind === 'number'
      ? ok(literal.value)
      : problem(`${name} is ${kind}; compare it to a number, e.g. ${name} > 0.5 (no quotes)`);
}

function textOnly(kind: string): OperandRule['convert'] {
  return (literal, name) =>
    literal.kind === 'string'
      ? ok(literal.value)
      : problem(`${name} is ${kind}; quote the value: ${name} = '${String(literal.value)}'`);
}

const RULES: Record<OperandKind, OperandRule> = {
  metric: {
    describe: 'metrics are numbers',
    ops: [...ORDER_OPS, ...LIST_OPS],
    convert: numberOnly('a metric (a number)'),
  },
  // MLflow forbids < and > on params and tags too: as text, '10' < '9'.
  text: {
    describe: 'params and tags are text',
    ops: ['=', '!=', ...PATTERN_OPS, ...LIST_OPS],
    convert: textOnly('text (params and tags are strings)'),
  },
  string: {
    describe: 'a text column',
    ops: [...ORDER_OPS, ...PATTERN_OPS, ...LIST_OPS],
    convert: textOnly('text'),
  },
  number: {
    describe: 'a number column',
    ops: [...ORDER_OPS, ...LIST_OPS],
    convert: numberOnly('a number'),
  },
  boolean: {
    describe: 'true or false',
    ops: ['=', '!='],
    convert: (literal, name) => {
      if (literal.kind === 'boolean') return ok(literal.value);
      const text = literal.kind === 'string' ? literal.value.toLowerCase() : '';
      if (text === 'true' || text === 'false') return ok(text === 'true');
      return problem(`${name} is true or false; compare it to true, false, 'true' or 'false'`);
    },
  },
  time: {
    describe: 'a time',
    ops: ORDER_OPS,
    convert: (literal, name) => {
      const iso =
        literal.kind === 'string'
          ? isoFromText(literal.value)
          : literal.kind === 'number'
            ? isoFromEpochMs(literal.value)
            : undefined;
      if (iso !== undefined) return ok(timestamptzValue(iso));
      return problem(
        `${name} is a time; compare it to an ISO-8601 date or date-time such as '2024-05-01' ` +
          "or '2024-05-01T12:00:00Z' (UTC unless a zone is given), or to epoch milliseconds " +
          'between years 0000 and 9999',
      );
    },
  },
};

export function operandRule(kind: OperandKind): OperandRule {
  return RULES[kind];
}

const SQL_OPS: Record<ScalarOp | ListOp, SqlOp> = {
  '=': '=',
  '!=': '<>',
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
  LIKE: 'like',
  ILIKE: 'ilike',
  'NOT LIKE': 'not like',
  'NOT ILIKE': 'not ilike',
  IN: 'in',
  'NOT IN': 'not in',
};

export function sqlOp(op: ScalarOp | ListOp): SqlOp {
  return SQL_OPS[op];
}
