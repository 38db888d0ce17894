import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  describeJsonSyntaxError,
  syntaxErrorOffset,
} from '../../../server/src/facts/json-syntax.js';

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

describe('syntaxErrorOffset', () => {
  it('accepts exactly what JSON.parse accepts, on valid JSON and mutations of it', () => {
    const mutated = fc
      .tuple(
        fc.json(),
        fc.nat(),
        fc.nat(),
        fc.constantFrom(
          '',
          '}',
          ']',
          ',',
          '"',
          ':',
          'x',
          ' ',
          '\n',
          '\\',
          '\t',
          '\u001f',
          '0',
          '.',
          'e',
        ),
      )
      .map(([text, at, cut, insert]) => {
        const p = at % (text.length + 1);
        return text.slice(0, p) + insert + text.slice(p + (cut % 3));
      });
    fc.assert(
      fc.property(fc.oneof(fc.json(), mutated), (text) => {
        expect(syntaxErrorOffset(text) === null).toBe(parses(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('points at the first bad character', () => {
    expect(syntaxErrorOffset('{"a": 1,, "b": 2}')).toBe(8);
    expect(syntaxErrorOffset('[1, 2')).toBe(5);
    expect(syntaxErrorOffset('{"a": tru}')).toBe(9);
    expect(syntaxErrorOffset('{"a": 1} x')).toBe(9);
  });
});

describe('describeJsonSyntaxError', () => {
  it('names line, column and what was found', () => {
    expect(describeJsonSyntaxError('{\n  "a": 1,\n  "b": }\n')).toBe(
      'unexpected "}\\n" at line 3 column 8',
    );
    expect(describeJsonSyntaxError('{"a": [1, 2')).toBe(
      'unexpected end of input at line 1 column 12',
    );
  });
});
