import { describe, expect, it } from 'vitest';
import { inputProblem } from '../../../server/src/request-guards/input-shape.js';

describe('inputProblem', () => {
  it('finds the over-long string and says where it is', () => {
    const value = { input: { tags: [{ key: 'k', value: 'x'.repeat(11) }] } };
    expect(inputProblem(value, 10, 64)).toEqual({
      kind: 'string',
      path: '$.input.tags[0].value',
      size: 11,
    });
    expect(inputProblem(value, 11, 64)).toBeNull();
  });

  it('finds over-long keys too', () => {
    expect(inputProblem({ ['k'.repeat(20)]: 1 }, 10, 64)).toMatchObject({
      kind: 'string',
      size: 20,
    });
  });

  it('refuses nesting beyond the limit without recursing (100 000 levels)', () => {
    const deep = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    expect(inputProblem(deep, 10, 64)).toMatchObject({ kind: 'depth', size: 65 });
    let nested: unknown = 1;
    for (let i = 0; i < 64; i++) nested = { a: nested };
    expect(inputProblem(nested, 10, 64)).toBeNull();
    expect(inputProblem({ b: nested }, 10, 64)).toMatchObject({ kind: 'depth' });
  });

  it('passes scalars, null and ordinary inputs', () => {
    for (const v of [null, 1, Number.NaN, true, 'ok', [], {}, { a: [1, 'b', { c: null }] }]) {
      expect(inputProblem(v, 10, 64)).toBeNull();
    }
  });
});
