import { GraphQLError } from 'graphql';
import { DomainError } from './domain-error.js';

/**
 * The one mapper from domain errors to GraphQL: an expected failure thrown outside a result
 * union becomes a client error with what, where and how to fix (`argument` is its field, plus
 * its extensions); anything else stays masked so no stack trace or filesystem path leaks.
 */
export function inputErrorToGraphQL(error: unknown): GraphQLError | null {
  if (!(error instanceof DomainError)) return null;
  return new GraphQLError(error.message, {
    extensions: { code: 'BAD_USER_INPUT', argument: error.field, ...error.extensions },
  });
}
