import type { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { type InputProblem, inputProblem } from './input-shape.js';
import { refusal } from './refusal.js';

/** Refuses variables (and extensions) holding an over-long string or over-deep nesting before parsing the document. */
export function useInputLimits(limits: { maxStringLength: number; maxInputDepth: number }): Plugin {
  return {
    onParams({ params }) {
      for (const [label, value] of [
        ['variables', params.variables],
        ['extensions', params.extensions],
      ] as const) {
        const problem = inputProblem(value ?? null, limits.maxStringLength, limits.maxInputDepth);
        if (problem !== null)
          throw inputRefusal(problem, problem.path.replace(/^\$/, label), limits);
      }
    },
  };
}

function inputRefusal(
  problem: InputProblem,
  where: string,
  limits: { maxStringLength: number; maxInputDepth: number },
): GraphQLError {
  if (problem.kind === 'string') {
    return refusal(
      `${where} is a string of ${problem.size} characters (limit maxStringLength = ${limits.maxStringLength})`,
      'STRING_TOO_LONG',
      { limit: 'maxStringLength' },
    );
  }
  return refusal(
    `${where} is nested more than ${limits.maxInputDepth} levels deep (limit maxInputDepth)`,
    'INPUT_TOO_DEEP',
    { limit: 'maxInputDepth' },
  );
}
