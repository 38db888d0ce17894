import { DomainError } from '../domain-error.js';

export class RunNotFoundError extends DomainError {
  override name = 'RunNotFoundError';
  readonly code = 'RUN_NOT_FOUND';
  declare readonly field: string;
  constructor(readonly runId: string) {
    super(`no run with id ${JSON.stringify(runId)}; register it first (registerRun)`, 'runId');
  }
}

/** A change that a finished run no longer allows (its params are frozen; it cannot finish twice). */
export class RunFrozenError extends DomainError {
  override name = 'RunFrozenError';
  readonly code = 'RUN_FROZEN';
  declare readonly field: string;
  constructor(
    readonly runId: string,
    readonly status: string,
    field: string,
    what: string,
  ) {
    super(`run ${JSON.stringify(runId)} is ${status}: ${what}`, field);
  }
}

/** A registration retried with a client request id that an earlier, different request used. */
export class IdempotencyConflictError extends DomainError {
  override name = 'IdempotencyConflictError';
  readonly code = 'IDEMPOTENCY_CONFLICT';
  declare readonly field: string;
  constructor(
    readonly clientRequestId: string,
    readonly runId: string,
  ) {
    super(
      `clientRequestId ${JSON.stringify(clientRequestId)} was used by another registration (run ${runId}) with a different body; use a new id for a new run`,
      'clientRequestId',
    );
  }
}
