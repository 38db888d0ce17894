/** Input that breaks a rule; `field` is the input path at fault (e.g. `metrics[3].value`). Nothing was written. */
export class InvalidInputError extends Error {
  override name = 'InvalidInputError';
  constructor(
    message: string,
    readonly field: string | null = null,
  ) {
    // Messages from the meta and naming rules already start with the field they name.
    super(field && !message.startsWith(field) ? `${field}: ${message}` : message);
  }
}

export class RunNotFoundError extends Error {
  override name = 'RunNotFoundError';
  readonly field = 'runId';
  constructor(readonly runId: string) {
    super(`no run with id ${JSON.stringify(runId)}; register it first (registerRun)`);
  }
}

/** A change that a finished run no longer allows (its params are frozen; it cannot finish twice). */
export class RunFrozenError extends Error {
  override name = 'RunFrozenError';
  constructor(
    readonly runId: string,
    readonly status: string,
    readonly field: string,
    what: string,
  ) {
    super(`run ${JSON.stringify(runId)} is ${status}: ${what}`);
  }
}

/** A registration retried with a client request id that an earlier, different request used. */
export class IdempotencyConflictError extends Error {
  override name = 'IdempotencyConflictError';
  readonly field = 'clientRequestId';
  constructor(
    readonly clientRequestId: string,
    readonly runId: string,
  ) {
    super(
      `clientRequestId ${JSON.stringify(clientRequestId)} was used by another registration (run ${runId}) with a different body; use a new id for a new run`,
    );
  }
}
