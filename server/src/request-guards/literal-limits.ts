import type { ValidationRule } from 'graphql';
import { refusal } from './refusal.js';

/**
 * Refuses a document whose string literals or nested object/list literals exceed the limits.
 * Our own: graphql-armor has no limit on literals. Checked when the document has been walked,
 * so the message names the longest string and the deepest nesting, not the first over the limit.
 */
export function literalLimitsRule(limits: {
  maxStringLength: number;
  maxInputDepth: number;
}): ValidationRule {
  return () => {
    let longestString = 0;
    let depth = 0;
    let valueDepth = 0;
    const enter = () => {
      depth++;
      if (depth > valueDepth) valueDepth = depth;
    };
    const leave = () => {
      depth--;
    };
    return {
      ObjectValue: { enter, leave },
      ListValue: { enter, leave },
      StringValue: (node) => {
        if (node.value.length > longestString) longestString = node.value.length;
      },
      Document: {
        leave: () => {
          if (longestString > limits.maxStringLength) {
            throw refusal(
              `a string in the document has ${longestString} characters (limit maxStringLength = ${limits.maxStringLength})`,
              'STRING_TOO_LONG',
              { limit: 'maxStringLength' },
            );
          }
          if (valueDepth > limits.maxInputDepth) {
            throw refusal(
              `an argument value is nested ${valueDepth} levels deep (limit maxInputDepth = ${limits.maxInputDepth})`,
              'INPUT_TOO_DEEP',
              { limit: 'maxInputDepth' },
            );
          }
        },
      },
    };
  };
}
