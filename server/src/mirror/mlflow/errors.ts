/** MLflow's error codes this mirror acts on; others pass through as strings. */
export type MlflowErrorCode =
  | 'RESOURCE_ALREADY_EXISTS'
  | 'RESOURCE_DOES_NOT_EXIST'
  | 'INVALID_PARAMETER_VALUE'
  | 'INVALID_STATE'
  | 'INTERNAL_ERROR'
  | (string & {});

/** MLflow answered with an error: its `{ error_code, message }` body and the HTTP status. */
export class MlflowApiError extends Error {
  override name = 'MlflowApiError';
  constructor(
    readonly endpoint: string,
    readonly status: number,
    readonly code: MlflowErrorCode,
    readonly serverMessage: string,
  ) {
    super(`MLflow ${endpoint} failed: HTTP ${status} ${code}: ${serverMessage}`);
  }

  /** HTTP 400 RESOURCE_ALREADY_EXISTS: a create of something that is there. */
  get alreadyExists(): boolean {
    return this.code === 'RESOURCE_ALREADY_EXISTS';
  }

  /** HTTP 404 RESOURCE_DOES_NOT_EXIST: an experiment, run, model or version that is not there. */
  get notFound(): boolean {
    return this.code === 'RESOURCE_DOES_NOT_EXIST';
  }

  /** MLflow refuses to change a logged param; it answers 400 INVALID_PARAMETER_VALUE. */
  get paramChangeRefused(): boolean {
    return (
      this.code === 'INVALID_PARAMETER_VALUE' && /changing param values/i.test(this.serverMessage)
    );
  }

  /** Logging to a run deleted in MLflow (not yet garbage-collected) is refused with a 400. */
  get runNotActive(): boolean {
    return (
      this.code === 'INVALID_PARAMETER_VALUE' &&
      /must be in the 'active' state/.test(this.serverMessage)
    );
  }

  get retryable(): boolean {
    return this.status >= 500 || this.status === 429;
  }
}

/**
 * MLflow could not be reached or stopped answering. `maybeApplied` is false only when the
 * request certainly never reached MLflow (refused connection), so a create can be resent.
 */
export class MlflowNetworkError extends Error {
  override name = 'MlflowNetworkError';
  constructor(
    readonly endpoint: string,
    readonly uri: string,
    readonly maybeApplied: boolean,
    cause: unknown,
  ) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      `MLflow ${endpoint} at ${uri} failed: ${reason}; check that the MLflow server is running and the tracking URI is right`,
      { cause },
    );
  }
}

/** MLflow answered something that is not the JSON this client expects. */
export class MlflowProtocolError extends Error {
  override name = 'MlflowProtocolError';
  constructor(
    readonly endpoint: string,
    detail: string,
  ) {
    super(
      `MLflow ${endpoint} answered unexpectedly: ${detail}; is the tracking URI an MLflow server?`,
    );
  }
}

export function isMlflowAlreadyExists(error: unknown): boolean {
  return error instanceof MlflowApiError && error.alreadyExists;
}
