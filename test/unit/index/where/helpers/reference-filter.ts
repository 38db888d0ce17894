import fc from 'fast-check';
import type {
  Comparison,
  ListOp,
  Literal,
  ScalarOp,
  WhereNode,
} from '../../../../../server/src/index/where/index.js';
import { whereAst } from './arbitraries.js';
import type { GeneratedRun } from './generated-runs.js';

// A reference meaning of where-filters over the generated runs, written independently of the
// SQL compiler: a comparison with a missing key or NULL column is false, NOT is the complement.

type Value = string | number | boolean | Date | null | undefined;
interface FieldSpec {
  prefix: string;
  key: string;
  read: (run: GeneratedRun) => Value;
  ops: readonly (ScalarOp | ListOp)[];
  values: readonly Literal[];
}

const s = (value: string): Literal => ({ kind: 'string', value, position: 0 });
const n = (value: number): Literal => ({ kind: 'number', value, position: 0 });
const b = (value: boolean): Literal => ({ kind: 'boolean', value, position: 0 });
const ORDER = ['=', '!=', '<', '<=', '>', '>='] as const;
const TEXT = ['=', '!=', 'LIKE', 'ILIKE', 'NOT LIKE', 'NOT ILIKE', 'IN', 'NOT IN'] as const;
const COLUMN_TEXT = [...ORDER, 'LIKE', 'ILIKE', 'NOT LIKE', 'NOT ILIKE', 'IN', 'NOT IN'] as const;
const metricValues = [0.5, 0.7, 0.9, 0.95, 1, 2.5, 10, 20].map(n);

const FIELDS: FieldSpec[] = [
  {
    prefix: 'metrics',
    key: 'auroc',
    read: (r) => r.metrics.auroc,
    ops: [...ORDER, 'IN', 'NOT IN'],
    values: metricValues,
  },
  {
    prefix: 'metrics',
    key: 'val/loss',
    read: (r) => r.metrics['val/loss'],
    ops: ORDER,
    values: metricValues,
  },
  {
    prefix: 'metrics',
    key: 'epochs',
    read: (r) => r.metrics.epochs,
    ops: ORDER,
    values: metricValues,
  },
  {
    prefix: 'params',
    key: 'lr',
    read: (r) => r.params.lr,
    ops: TEXT,
    values: ['0.001', '0.01', '0.0%', '0.00_1'].map(s),
  },
  {
    prefix: 'params',
    key: 'optimizer',
    read: (r) => r.params.optimizer,
    ops: TEXT,
    values: ['adam', 'sgd', 'ADAM%', 'adam%', '%d%'].map(s),
  },
  {
    prefix: 'tags',
    key: 'note',
    read: (r) => r.tags.note,
    ops: TEXT,
    values: ['seed 2', '%seed%', 'Seed%', '_eed %', 'seed\\_%', 'seed_%', '%\\%%', '100\\% %'].map(
      s,
    ),
  },
  {
    prefix: 'attributes',
    key: 'status',
    read: (r) => r.status,
    ops: COLUMN_TEXT,
    values: ['FINISHED', 'RUNNING', 'F%', 'k%'].map(s),
  },
  {
    prefix: 'run',
    key: 'experiment',
    read: (r) => r.experiment,
    ops: COLUMN_TEXT,
    values: ['exp-a', 'exp-b', 'exp-%'].map(s),
  },
  {
    prefix: 'meta',
    key: 'model_family',
    read: (r) => r.model_family,
    ops: COLUMN_TEXT,
    values: ['transformer', 'gnn', '%n%'].map(s),
  },
  {
    prefix: 'meta',
    key: 'goal',
    read: (r) => r.goal,
    ops: COLUMN_TEXT,
    values: ['classification', 'regression'].map(s),
  },
  {
    prefix: 'meta',
    key: 'n_classes',
    read: (r) => r.n_classes,
    ops: [...ORDER, 'IN', 'NOT IN'],
    values: [2, 3, 10].map(n),
  },
  {
    prefix: 'meta',
    key: 'needs_review',
    read: (r) => r.needs_review,
    ops: ['=', '!='],
    values: [b(true), b(false), s('true'), s('FALSE')],
  },
  {
    prefix: 'attributes',
    key: 'duration_seconds',
    read: (r) => r.duration_seconds,
    ops: ORDER,
    values: [600, 3600, 10_000].map(n),
  },
  {
    prefix: 'attributes',
    key: 'start_time',
    read: (r) => r.started_at,
    ops: ORDER,
    values: [s('2024-03-01'), s('2024-04-15T12:00:00+02:00'), n(Date.UTC(2024, 4, 1))],
  },
  {
    prefix: 'attributes',
    key: 'end_time',
    read: (r) => r.ended_at,
    ops: ORDER,
    values: [s('2024-03-01 06:30'), n(Date.UTC(2024, 1, 1))],
  },
];

function leaf(spec: FieldSpec): fc.Arbitrary<WhereNode> {
  const field = { prefix: spec.prefix, key: spec.key, position: 0 };
  const base = { kind: 'comparison' as const, field, position: 0 };
  const scalarOps = spec.ops.filter((op): op is ScalarOp => op !== 'IN' && op !== 'NOT IN');
  const listOps = spec.ops.filter((op): op is ListOp => op === 'IN' || op === 'NOT IN');
  const value = fc.constantFrom(...spec.values);
  const options: fc.Arbitrary<Comparison>[] = [
    fc.constantFrom(...scalarOps).chain((op) => value.map((v) => ({ ...base, op, value: v }))),
    fc.constantFrom('IS NULL' as const, 'IS NOT NULL' as const).map((op) => ({ ...base, op })),
  ];
  if (listOps.length > 0) {
    const values = fc.uniqueArray(value, { minLength: 1, maxLength: 3 });
    options.push(
      fc.constantFrom(...listOps).chain((op) => values.map((vs) => ({ ...base, op, values: vs }))),
    );
  }
  return fc.oneof(...options);
}

/** ASTs whose every comparison is meaningful for the generated runs. */
export const meaningfulWhere: fc.Arbitrary<WhereNode> = whereAst(fc.oneof(...FIELDS.map(leaf)));

export function referenceMatches(node: WhereNode, run: GeneratedRun): boolean {
  switch (node.kind) {
    case 'and':
      return node.operands.every((operand) => referenceMatches(operand, run));
    case 'or':
      return node.operands.some((operand) => referenceMatches(operand, run));
    case 'not':
      return !referenceMatches(node.operand, run);
    case 'comparison': {
      const spec = FIELDS.find((f) => f.prefix === node.field.prefix && f.key === node.field.key);
      if (spec === undefined)
        throw new Error(`no reference for ${node.field.prefix}.${node.field.key}`);
      const actual = spec.read(run);
      const absent = actual === undefined || actual === null;
      if (node.op === 'IS NULL') return absent;
      if (node.op === 'IS NOT NULL') return !absent;
      if (absent) return false;
      if ('values' in node) {
        const hit = node.values.some((v) => compare(actual, '=', v));
        return node.op === 'IN' ? hit : !hit;
      }
      if ('value' in node) return compare(actual, node.op, node.value);
      return false;
    }
  }
}

function compare(
  actual: string | number | boolean | Date,
  op: ScalarOp,
  literal: Literal,
): boolean {
  if (literal.kind === 'null') throw new Error('null literals are not generated');
  if (op === 'LIKE' || op === 'ILIKE' || op === 'NOT LIKE' || op === 'NOT ILIKE') {
    const hit = likeRegex(String(literal.value), op.endsWith('ILIKE')).test(String(actual));
    return op.startsWith('NOT') ? !hit : hit;
  }
  const [left, right] = operands(actual, literal);
  switch (op) {
    case '=':
      return left === right;
    case '!=':
      return left !== right;
    case '<':
      return left < right;
    case '<=':
      return left <= right;
    case '>':
      return left > right;
    case '>=':
      return left >= right;
  }
}

function operands(actual: string | number | boolean | Date, literal: Literal & { value: unknown }) {
  if (actual instanceof Date) {
    const ms =
      typeof literal.value === 'number' ? literal.value : referenceInstant(String(literal.value));
    return [actual.getTime(), ms] as const;
  }
  if (typeof actual === 'boolean')
    return [actual, String(literal.value).toLowerCase() === 'true'] as const;
  return [actual, literal.value] as [typeof actual, typeof actual];
}

// The three spellings the generator uses; independent of the production parser on purpose.
function referenceInstant(text: string): number {
  const iso = text.includes('T')
    ? text
    : text.length === 10
      ? `${text}T00:00:00Z`
      : `${text.replace(' ', 'T')}:00Z`;
  return Date.parse(iso);
}

// % is any run, _ one character, a backslash makes the next character literal.
function likeRegex(pattern: string, caseInsensitive: boolean): RegExp {
  let body = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    const literal = c === '\\' ? (pattern[++i] ?? '') : c;
    if (c !== '\\' && c === '%') body += '.*';
    else if (c !== '\\' && c === '_') body += '.';
    else body += literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${body}$`, caseInsensitive ? 'is' : 's');
}
