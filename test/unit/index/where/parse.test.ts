import { describe, expect, it } from 'vitest';
import {
  MAX_DEPTH,
  MAX_INPUT_LENGTH,
  parseWhere,
  type WhereNode,
  WhereSyntaxError,
} from '../../../../server/src/index/where/index.js';
import { stripPositions } from './helpers/strip-positions.js';

function parsed(input: string): unknown {
  const node = parseWhere(input);
  if (node === null) throw new Error(`expected a filter from ${JSON.stringify(input)}`);
  return stripPositions(node);
}

const cmp = (prefix: string, key: string, op: string, value: unknown) => ({
  field: { prefix, key },
  op,
  value,
});
const num = (value: number) => ({ kind: 'number', value });
const str = (value: string) => ({ kind: 'string', value });

describe('parseWhere: valid input', () => {
  it('parses the MLflow example into one flat AND', () => {
    const input =
      "metrics.auroc > 0.9 and params.lr = '0.001' and meta.model_family = 'transformer' " +
      "and tags.note LIKE '%seed%' and attributes.status = 'FINISHED'";
    expect(parsed(input)).toEqual({
      kind: 'and',
      operands: [
        cmp('metrics', 'auroc', '>', num(0.9)),
        cmp('params', 'lr', '=', str('0.001')),
        cmp('meta', 'model_family', '=', str('transformer')),
        cmp('tags', 'note', 'LIKE', str('%seed%')),
        cmp('attributes', 'status', '=', str('FINISHED')),
      ],
    });
  });

  it('binds AND tighter than OR and lets parentheses regroup', () => {
    const a = cmp('metrics', 'a', '=', num(1));
    const b = cmp('metrics', 'b', '=', num(2));
    const c = cmp('metrics', 'c', '=', num(3));
    expect(parsed('metrics.a = 1 or metrics.b = 2 and metrics.c = 3')).toEqual({
      kind: 'or',
      operands: [a, { kind: 'and', operands: [b, c] }],
    });
    expect(parsed('(metrics.a = 1 or metrics.b = 2) and metrics.c = 3')).toEqual({
      kind: 'and',
      operands: [{ kind: 'or', operands: [a, b] }, c],
    });
    expect(parsed('not metrics.a = 1 and metrics.b = 2')).toEqual({
      kind: 'and',
      operands: [{ kind: 'not', operand: a }, b],
    });
  });

  it('reads keywords in any case and normalises <> and == ', () => {
    expect(parsed("PARAMS.x NoT iLiKe 'a%' AnD metrics.y <> 2 OR metrics.z == 3")).toEqual({
      kind: 'or',
      operands: [
        {
          kind: 'and',
          operands: [cmp('params', 'x', 'NOT ILIKE', str('a%')), cmp('metrics', 'y', '!=', num(2))],
        },
        cmp('metrics', 'z', '=', num(3)),
      ],
    });
  });

  it('reads dotted, slashed, backticked and double-quoted keys', () => {
    expect(parsed('metrics.val/loss.min < 1')).toEqual(cmp('metrics', 'val/loss.min', '<', num(1)));
    expect(parsed('metrics.`val loss` < 1')).toEqual(cmp('metrics', 'val loss', '<', num(1)));
    expect(parsed('params."model.lr" = \'3\'')).toEqual(cmp('params', 'model.lr', '=', str('3')));
    expect(parsed('tags.`a``b` = "x"')).toEqual(cmp('tags', 'a`b', '=', str('x')));
  });

  it('reads string escapes, numbers, booleans and null', () => {
    expect(parsed("params.a = 'it''s'")).toEqual(cmp('params', 'a', '=', str("it's")));
    expect(parsed("params.a = 'it\\'s \\\\ C:\\data'")).toEqual(
      cmp('params', 'a', '=', str("it's \\ C:\\data")),
    );
    expect(parsed('params.a = "say \\"hi\\""')).toEqual(cmp('params', 'a', '=', str('say "hi"')));
    expect(parsed('metrics.a >= -1.5e-3')).toEqual(cmp('metrics', 'a', '>=', num(-0.0015)));
    expect(parsed('metrics.a > .5')).toEqual(cmp('metrics', 'a', '>', num(0.5)));
    expect(parsed('meta.needs_review = TRUE')).toEqual(
      cmp('meta', 'needs_review', '=', { kind: 'boolean', value: true }),
    );
    expect(parsed('meta.goal = null')).toEqual(cmp('meta', 'goal', '=', { kind: 'null' }));
  });

  it('reads IN lists and IS [NOT] NULL', () => {
    expect(parsed('params.opt not in (\'adam\', "sgd")')).toEqual({
      field: { prefix: 'params', key: 'opt' },
      op: 'NOT IN',
      values: [str('adam'), str('sgd')],
    });
    expect(parsed('tags.note is not null')).toEqual({
      field: { prefix: 'tags', key: 'note' },
      op: 'IS NOT NULL',
    });
  });

  it('records where each node starts', () => {
    const node = parseWhere("metrics.a = 1 and  not params.b = 'x'") as WhereNode & {
      kind: 'and';
    };
    const not = node.operands[1] as WhereNode & { kind: 'not' };
    expect(not.position).toBe(19);
    expect(not.operand.position).toBe(23);
    const comparison = not.operand as WhereNode & {
      kind: 'comparison';
      value: { position: number };
    };
    expect(comparison.value.position).toBe(34);
  });

  it('treats a blank filter as no filter', () => {
    expect(parseWhere('')).toBeNull();
    expect(parseWhere('  \n\t ')).toBeNull();
  });
});

function syntaxError(input: string): WhereSyntaxError {
  try {
    parseWhere(input);
  } catch (error) {
    if (error instanceof WhereSyntaxError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(input)} to be rejected`);
}

describe('parseWhere: malformed input', () => {
  const cases: {
    input: string;
    position: number;
    reason: RegExp;
    expected?: string;
  }[] = [
    {
      input: 'metrics.auroc > ',
      position: 16,
      reason: /^expected a value after '>'$/,
      expected: 'a number',
    },
    {
      input: "params.note = 'abc",
      position: 14,
      reason: /^unterminated string/,
      expected: "a closing '",
    },
    { input: 'metrics.`val loss < 1', position: 8, reason: /^unterminated key/ },
    { input: 'metrics.a => 1', position: 10, reason: /^unknown operator '=>'/, expected: '>=' },
    { input: 'metrics.a ~ 1', position: 10, reason: /^unexpected character '~'/ },
    {
      input: '(metrics.a = 1 or metrics.b = 2',
      position: 31,
      reason: /^expected '\)' to close the '\(' at position 0/,
      expected: ')',
    },
    {
      input: 'metrics.a = 1)',
      position: 13,
      reason: /^unbalanced '\)'/,
    },
    {
      input: 'metrics.a = 1 metrics.b = 2',
      position: 14,
      reason: /^expected AND, OR or end of input after '1'$/,
      expected: 'AND',
    },
    {
      input: 'params.opt in ()',
      position: 15,
      reason: /^empty IN list/,
      expected: 'a string',
    },
    {
      input: "params.opt in ('a' 'b')",
      position: 19,
      reason: /^expected ',' or '\)' in the IN list/,
      expected: ',',
    },
    { input: "params.opt in 'a'", position: 14, reason: /^expected '\(' to start the IN list/ },
    {
      input: 'metrics.a = 1 and',
      position: 17,
      reason: /^expected a condition after 'and'$/,
      expected: '(',
    },
    { input: 'metrics.a 1', position: 10, reason: /^expected an operator after 'metrics.a'$/ },
    { input: 'tags.x is nul', position: 10, reason: /^expected NULL or NOT NULL/ },
    { input: "tags.x not = 'a'", position: 11, reason: /^expected LIKE, ILIKE or IN/ },
    { input: "status = 'FINISHED'", position: 0, reason: /^'status' needs a prefix/ },
    { input: 'metrics. > 1', position: 8, reason: /^expected a key after 'metrics\.'/ },
    { input: 'metrics.a > 1.2.3', position: 12, reason: /^malformed number '1\.2\.3'/ },
    { input: 'metrics.a > 1e999', position: 12, reason: /^number '1e999' is out of range/ },
    { input: 'params.a = adam', position: 11, reason: /^expected a value \(quote text values/ },
    { input: '()', position: 1, reason: /^expected a condition after '\('$/ },
  ];

  for (const { input, position, reason, expected } of cases) {
    it(`rejects ${JSON.stringify(input)} at ${position}`, () => {
      const error = syntaxError(input);
      expect(error.position).toBe(position);
      expect(error.reason).toMatch(reason);
      if (expected !== undefined) expect(error.expected).toContain(expected);
      expect(error.column).toBe(position + 1);
    });
  }

  it('shows the input with a caret under the position', () => {
    const error = syntaxError('metrics.auroc > 0.9 and metrics.loss <');
    expect(error.message).toBe(
      "expected a value after '<' at position 38 (line 1, column 39), found end of input\n" +
        '  metrics.auroc > 0.9 and metrics.loss <\n' +
        `  ${' '.repeat(38)}^`,
    );
    expect(error.found).toBe('end of input');
  });

  it('reports line and column on multi-line input and shows only that line', () => {
    const error = syntaxError("metrics.a > 1\n  and params.b = 'x'\n  and tags.c ~ 'y'");
    expect([error.line, error.column]).toEqual([3, 14]);
    expect(error.message.split('\n').slice(1)).toEqual([
      "    and tags.c ~ 'y'",
      `  ${' '.repeat(13)}^`,
    ]);
  });

  it('limits input length and nesting depth', () => {
    const long = `params.a = '${'x'.repeat(MAX_INPUT_LENGTH)}'`;
    expect(syntaxError(long).reason).toMatch(/filter is too long .* the limit is 10000/);
    const nested = `${'('.repeat(MAX_DEPTH + 1)}metrics.a = 1${')'.repeat(MAX_DEPTH + 1)}`;
    expect(syntaxError(nested).reason).toMatch(/nests too deeply \(more than 64 levels/);
    const nots = `${'not '.repeat(MAX_DEPTH + 1)}metrics.a = 1`;
    expect(syntaxError(nots).reason).toMatch(/nests too deeply/);
    const deepButAllowed = `${'('.repeat(MAX_DEPTH)}metrics.a = 1${')'.repeat(MAX_DEPTH)}`;
    expect(parsed(deepButAllowed)).toEqual(cmp('metrics', 'a', '=', num(1)));
  });
});
