/** The server answered with GraphQL errors (bad input to a query, or an unexpected failure). */
export class RunfactsGraphQLError extends Error {
  override name = 'RunfactsGraphQLError';
  constructor(
    readonly errors: ReadonlyArray<{ message: string; extensions?: Record<string, unknown> }>,
    readonly operation: string,
  ) {
    super(`${operation}: ${errors.map((e) => e.message).join('; ')}`);
  }
}

/** A mutation answered with a typed error (InvalidInputError, RunNotFoundError, ...). */
export class RunfactsMutationError extends Error {
  override name = 'RunfactsMutationError';
  constructor(
    readonly typename: string,
    message: string,
    readonly field: string | null,
  ) {
    super(`${typename}: ${message}`);
  }
}

/** The server could not be reached, or answered with an HTTP error, after the allowed retries. */
export class RunfactsTransportError extends Error {
  override name = 'RunfactsTransportError';
  constructor(
    message: string,
    readonly status: number | null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A downloaded file does not have the checksum the server recorded (or a model version froze); it was not kept. */
export class RunfactsChecksumError extends Error {
  override name = 'RunfactsChecksumError';
  constructor(
    readonly path: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`${path}: SHA-256 is ${actual}, expected ${expected}; the file was not kept`);
  }
}

/** Throws the typed error of a mutation result union, or returns its payload. */
export function unwrap<T extends { __typename: string }>(
  result: T,
): Exclude<T, { field: string | null; message: string }> {
  if ('message' in result && 'field' in result) {
    const e = result as unknown as { __typename: string; message: string; field: string | null };
    throw new RunfactsMutationError(e.__typename, e.message, e.field);
  }
  return result as Exclude<T, { field: string | null; message: string }>;
}
