import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compileWhere,
  parseWhere,
  printWhere,
  type WhereError,
  WhereSemanticError,
  WhereSyntaxError,
} from '../../../../server/src/index/where/index.js';
import { tokenSoup, whereAst } from './helpers/arbitraries.js';
import { stripPositions } from './helpers/strip-positions.js';

function isWhereError(error: unknown): boolean {
  return error instanceof WhereSyntaxError || error instanceof WhereSemanticError;
}

// Compiling and parsing must either succeed or fail with one of our errors, located in the input.
function checkNeverCrashes(input: string): void {
  try {
    compileWhere(input);
  } catch (error) {
    if (!isWhereError(error)) throw error;
    // Plain checks: expect() in a 1000-run hot loop costs seconds.
    const { position, message } = error as WhereError;
    if (position < 0 || position > input.length || !message.includes('^')) {
      throw new Error(`bad error location ${position} for ${JSON.stringify(input)}: ${message}`);
    }
  }
}

describe('where-string properties', () => {
  it('parses a printed AST back to the same AST', () => {
    fc.assert(
      fc.property(whereAst(), (ast) => {
        const printed = printWhere(ast);
        const reparsed = parseWhere(printed);
        expect(reparsed).not.toBeNull();
        expect(stripPositions(reparsed as NonNullable<typeof reparsed>)).toEqual(
          stripPositions(ast),
        );
      }),
      { numRuns: 500 },
    );
  });

  it('never throws anything but WhereSyntaxError or WhereSemanticError on random strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 60 }), checkNeverCrashes), {
      numRuns: 1000,
    });
  });

  it('never crashes on token soup, and what parses prints back to itself', () => {
    fc.assert(
      fc.property(tokenSoup, (input) => {
        checkNeverCrashes(input);
        let ast: ReturnType<typeof parseWhere>;
        try {
          ast = parseWhere(input);
        } catch (error) {
          if (error instanceof WhereSyntaxError) return;
          throw error;
        }
        if (ast === null) return;
        const reparsed = parseWhere(printWhere(ast));
        expect(stripPositions(reparsed as NonNullable<typeof reparsed>)).toEqual(
          stripPositions(ast),
        );
      }),
      { numRuns: 2000 },
    );
  });
});
