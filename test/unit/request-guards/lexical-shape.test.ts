import { describe, expect, it } from 'vitest';
import { lexicalShape } from '../../../server/src/request-guards/lexical-shape.js';

describe('lexicalShape', () => {
  it('counts tokens and the deepest nesting of braces, brackets and parentheses', () => {
    // Commas are not tokens in GraphQL.
    expect(lexicalShape('{ a(b: [1, {c: 2}]) { d } }', 100)).toEqual({ tokens: 18, nesting: 4 });
  });

  it('ignores brackets inside strings and comments', () => {
    expect(lexicalShape('{ a(s: "{{{[[[") # ((((\n }', 100)).toEqual({ tokens: 8, nesting: 2 });
  });

  it('stops just past the token limit', () => {
    expect(lexicalShape(`{ ${'a '.repeat(10_000)}}`, 50).tokens).toBe(51);
  });

  it('handles nesting far deeper than graphql.parse can (no recursion)', () => {
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    expect(lexicalShape(deep, 1_000_000).nesting).toBe(200_000);
  });
});
