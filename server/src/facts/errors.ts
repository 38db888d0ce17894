/** What went wrong with one facts file; reading reports these instead of throwing. */
export type FactsFileErrorKind =
  | 'missing'
  | 'unreadable'
  | 'oversized'
  | 'malformed_json'
  | 'schema'
  | 'torn_line'
  | 'not_a_file';

export interface FactsFileError {
  path: string;
  kind: FactsFileErrorKind;
  /** What is wrong, where (path, line) and how to fix it. */
  message: string;
  /** 1-based line number, for metrics.jsonl problems. */
  line?: number;
}

export class RunExistsError extends Error {
  override name = 'RunExistsError';
  constructor(
    readonly runId: string,
    readonly dir: string,
  ) {
    super(`run ${JSON.stringify(runId)} already exists at ${dir}; choose another run id`);
  }
}

export class RunFolderMissingError extends Error {
  override name = 'RunFolderMissingError';
  constructor(
    readonly runId: string,
    readonly dir: string,
  ) {
    super(`run ${JSON.stringify(runId)} not found: ${dir} does not exist; create the run first`);
  }
}

/** A facts file the store must read before writing (run.json for updateRun) is bad. */
export class FactsFileReadError extends Error {
  override name = 'FactsFileReadError';
  constructor(readonly fileError: FactsFileError) {
    super(fileError.message);
  }
}

/** Data given to the store does not match the facts schema; nothing was written. */
export class FactsValidationError extends Error {
  override name = 'FactsValidationError';
  constructor(
    message: string,
    readonly problems: string[],
  ) {
    super(message);
  }
}

export class LockTimeoutError extends Error {
  override name = 'LockTimeoutError';
  constructor(
    readonly dir: string,
    readonly waitedMs: number,
  ) {
    super(
      `could not lock ${dir} within ${waitedMs} ms: another process holds it; ` +
        'retry later, or if no runfacts process is running wait for the stale lock to expire',
    );
  }
}

/** The lock was lost while held (e.g. the process stalled past the stale time). */
export class LockCompromisedError extends Error {
  override name = 'LockCompromisedError';
  constructor(
    readonly dir: string,
    cause: unknown,
  ) {
    super(
      `the lock on ${dir} was lost while held (${cause instanceof Error ? cause.message : String(cause)}); ` +
        'the write may race with another writer, retry the operation',
      { cause },
    );
  }
}
