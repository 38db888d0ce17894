import fc from 'fast-check';
import type {
  Comparison,
  ListOp,
  Literal,
  NullOp,
  ScalarOp,
  WhereNode,
} from '../../../../../server/src/index/where/index.js';

const SCALAR_OPS: ScalarOp[] = [
  '=',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  'LIKE',
  'ILIKE',
  'NOT LIKE',
  'NOT ILIKE',
];
const LIST_OPS: ListOp[] = ['IN', 'NOT IN'];
const NULL_OPS: NullOp[] = ['IS NULL', 'IS NOT NULL'];

// Positions are irrelevant to these properties (the round trip compares without them).
const at = 0;

const literal: fc.Arbitrary<Literal> = fc.oneof(
  fc
    .string({ unit: 'grapheme' })
    .map((value) => ({ kind: 'string', value, position: at }) as const),
  fc
    .string({ unit: fc.constantFrom("'", '"', '\\', '`', 'a', ' ', '%') })
    .map((value) => ({ kind: 'string', value, position: at }) as const),
  fc
    .double({ noNaN: true, noDefaultInfinity: true })
    .map(
      (value) =>
        ({ kind: 'number', value: Object.is(value, -0) ? 0 : value, position: at }) as const,
    ),
  fc.integer().map((value) => ({ kind: 'number', value, position: at }) as const),
  fc.boolean().map((value) => ({ kind: 'boolean', value, position: at }) as const),
  fc.constant({ kind: 'null', position: at } as const),
);

const field = fc.record({
  prefix: fc.stringMatching(/^[a-z_][a-z0-9_]{0,8}$/),
  key: fc.oneof(
    fc.stringMatching(/^[A-Za-z0-9_./-]{1,12}$/),
    fc.string({ minLength: 1, unit: 'grapheme' }),
    fc.string({ minLength: 1, unit: fc.constantFrom('`', '"', '\\', ' ', '.', 'k') }),
  ),
  position: fc.constant(at),
});

const comparison: fc.Arbitrary<Comparison> = fc.oneof(
  fc.record({
    kind: fc.constant('comparison' as const),
    field,
    op: fc.constantFrom(...SCALAR_OPS),
    value: literal,
    position: fc.constant(at),
  }),
  fc.record({
    kind: fc.constant('comparison' as const),
    field,
    op: fc.constantFrom(...LIST_OPS),
    values: fc.array(literal, { minLength: 1, maxLength: 4 }),
    position: fc.constant(at),
  }),
  fc.record({
    kind: fc.constant('comparison' as const),
    field,
    op: fc.constantFrom(...NULL_OPS),
    position: fc.constant(at),
  }),
);

/** Any syntactically valid AST (field names and literal types need not make sense). */
export function whereAst(leaf: fc.Arbitrary<WhereNode> = comparison): fc.Arbitrary<WhereNode> {
  return fc.letrec<{ node: WhereNode }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc
        .record({
          kind: fc.constantFrom('and' as const, 'or' as const),
          operands: fc.array(tie('node'), { minLength: 2, maxLength: 4 }),
          position: fc.constant(at),
        })
        .map((node) => node as WhereNode),
      fc
        .record({
          kind: fc.constant('not' as const),
          operand: tie('node'),
          position: fc.constant(at),
        })
        .map((node) => node as WhereNode),
    ),
  })).node;
}

/** Token soup: mostly-plausible fragments glued together, to reach deep into the parser. */
export const tokenSoup: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        'metrics.auroc',
        'params.lr',
        'tags.`a b`',
        'meta.needs_review',
        'attributes.start_time',
        'run.status',
        'meta.n_classes',
        'foo.bar',
        'metrics.',
        'status',
        '(',
        ')',
        ',',
        'and',
        'OR',
        'not',
        'in',
        'NOT IN',
        'like',
        'ilike',
        'is',
        'null',
        'true',
        '=',
        '!=',
        '<>',
        '<',
        '<=',
        '>',
        '>=',
        '=>',
        '~',
        '-',
        '.',
        "'x'",
        '"y"',
        "'2024-01-01'",
        "'",
        '`',
        '"',
        '1',
        '-2.5e3',
        '1e999',
        '1.2.3',
        "'\\''",
      ),
      fc.string({ maxLength: 3 }),
    ),
    { maxLength: 14 },
  )
  .chain((parts) =>
    fc
      .array(fc.constantFrom(' ', '', '\n'), { minLength: parts.length, maxLength: parts.length })
      .map((gaps) => parts.map((part, i) => `${part}${gaps[i]}`).join('')),
  );
