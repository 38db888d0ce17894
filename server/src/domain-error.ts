/**
 * Base of every expected failure: input that breaks a rule, or a change the current state
 * refuses. `code` is stable and machine-readable, `field` names the input at fault, and the
 * message says what is wrong, where, and how to fix it. The GraphQL layer answers these in
 * full (errors-to-graphql.ts, or as typed members of a result union); anything else is
 * unexpected, so it is logged and masked.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  constructor(
    message: string,
    readonly field: string | null,
  ) {
    super(message);
  }

  /** Facts a client can act on beyond the message (GraphQL `extensions`), e.g. a position. */
  get extensions(): Record<string, unknown> {
    return {};
  }
}

/** Input that breaks a rule; `field` is the input path at fault (e.g. `metrics[3].value`). Nothing was written. */
export class InvalidInputError extends DomainError {
  override name = 'InvalidInputError';
  readonly code: string = 'INVALID_INPUT';
  constructor(message: string, field: string | null = null) {
    // Messages that already start with the field they name are kept as they are.
    super(field && !message.startsWith(field) ? `${field}: ${message}` : message, field);
  }
}
