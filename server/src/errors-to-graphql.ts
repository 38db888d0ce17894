import { GraphQLError } from 'graphql';
import { QueryInputError } from './index/queries/query-error.js';
import { RunFilterError, WhereError } from './index/where/index.js';
import { MetaError } from './meta/index.js';
import { NamingError } from './meta/naming.js';
import { RegistryError } from './registry/index.js';

/**
 * Input errors become client errors with what, where and how to fix; anything else stays masked
 * so no stack trace or filesystem path leaks.
 */
export function inputErrorToGraphQL(error: unknown): GraphQLError | null {
  if (error instanceof WhereError) {
    return new GraphQLError(error.message, {
      extensions: {
        code: 'BAD_USER_INPUT',
        argument: 'where',
        position: error.position,
        line: error.line,
        column: error.column,
        ...('expected' in error ? { expected: error.expected } : {}),
      },
    });
  }
  if (error instanceof QueryInputError) {
    return new GraphQLError(`${error.field}: ${error.message}`, {
      extensions: { code: 'BAD_USER_INPUT', argument: error.field },
    });
  }
  if (error instanceof RunFilterError) {
    return new GraphQLError(error.message, {
      extensions: { code: 'BAD_USER_INPUT', argument: `filter.${error.path}` },
    });
  }
  if (error instanceof RegistryError) {
    return new GraphQLError(error.message, {
      extensions: { code: 'BAD_USER_INPUT', argument: error.field, registryCode: error.code },
    });
  }
  if (error instanceof MetaError || error instanceof NamingError) {
    return new GraphQLError(error.message, {
      extensions: { code: 'BAD_USER_INPUT', argument: error.field },
    });
  }
  return null;
}
