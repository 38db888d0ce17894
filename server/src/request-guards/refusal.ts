import { GraphQLError } from 'graphql';

/** A client error a limit raised: a stable code, the limit's name and an HTTP status. */
export function refusal(
  message: string,
  code: string,
  options: { status?: number; limit?: string } = {},
): GraphQLError {
  return new GraphQLError(message, {
    extensions: {
      code,
      ...(options.limit ? { limit: options.limit } : {}),
      http: { status: options.status ?? 400 },
    },
  });
}
