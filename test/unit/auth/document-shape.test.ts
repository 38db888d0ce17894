import fc from 'fast-check';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { documentShape } from '../../../server/src/auth/plugins/document-shape.js';

describe('documentShape', () => {
  it('counts aliases and depth of plain operations', () => {
    const shape = documentShape(parse('{ a: x { b: y { z } } c: x { w } }'));
    expect(shape).toEqual({ aliases: 3, depth: 3, longestString: 0, valueDepth: 0 });
  });

  it('expands fragments: each spread adds the aliases and depth of its fragment', () => {
    const doc = parse(`
      query { ...F ...F nested { ...G } }
      fragment F on Query { a: x b: x }
      fragment G on Query { c: x { d: y { ...F } } }
    `);
    // Aliases: F twice (2 + 2) and G (c, d and F's 2): 8. Depth as if inlined:
    // { nested { c { d { a b } } } } is 4 selection sets deep.
    expect(documentShape(doc)).toMatchObject({ aliases: 8, depth: 4 });
    expect(documentShape(parse('{ ...F } fragment F on Query { a: x }')).depth).toBe(1);
  });

  it('caps exponential fragment fan-out and survives fragment cycles', () => {
    const levels = 40;
    const frags = Array.from(
      { length: levels },
      (_, i) =>
        `fragment F${i} on Query { ${i === levels - 1 ? 'a: x' : `...F${i + 1} ...F${i + 1}`} }`,
    );
    const shape = documentShape(parse(`{ ...F0 } ${frags.join(' ')}`));
    expect(shape.aliases).toBe(1e9);
    const cyclic = documentShape(
      parse('{ ...A } fragment A on Q { a: x ...B } fragment B on Q { b: x ...A }'),
    );
    expect(cyclic.aliases).toBe(2);
  });

  it('reports the longest string literal, in arguments and nested input objects', () => {
    const shape = documentShape(parse('{ f(a: "abc", b: { c: ["defgh"] }, d: """xy""") }'));
    expect(shape.longestString).toBe(5);
  });

  it('measures how deep argument literals nest', () => {
    expect(documentShape(parse('{ f(a: 1, b: [1, [2]], c: {d: {e: [3]}}) }')).valueDepth).toBe(3);
  });

  it('counts exactly the aliases of a flat operation (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { maxLength: 200 }), (aliased) => {
        const fields = aliased.map((a, i) => (a ? `a${i}: f` : `f${i}`)).join(' ');
        const shape = documentShape(parse(`{ x ${fields} }`));
        expect(shape.aliases).toBe(aliased.filter(Boolean).length);
        expect(shape.depth).toBe(1);
      }),
    );
  });
});
