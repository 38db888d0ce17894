import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import lockfile from 'proper-lockfile';
import { isErrnoCode } from './atomic-write.js';
import { LockCompromisedError, LockTimeoutError } from './errors.js';

export interface DirLockOptions {
  /**
   * A lock not refreshed for this long is considered left by a dead holder and taken over.
   * Default 10 000 ms (proper-lockfile's minimum is 2 000 ms).
   */
  staleMs?: number;
  /** How long to keep retrying before giving up with LockTimeoutError. Default 30 000 ms. */
  timeoutMs?: number;
  /** Backoff bounds between attempts; the delay doubles from min to max with random jitter. */
  minDelayMs?: number;
  maxDelayMs?: number;
  /** Called as soon as a held lock is found lost; withDirLock then rejects once `fn` settles. */
  onCompromised?: (error: Error) => void;
}

export const DEFAULT_STALE_MS = 10_000;
export const DEFAULT_LOCK_TIMEOUT_MS = 30_000;

/** The lock is a directory (mkdir is atomic) inside the folder it guards. */
export const LOCK_NAME = '.lock';

export function lockPathFor(dir: string): string {
  return join(dir, LOCK_NAME);
}

/**
 * Runs `fn` while holding an inter-process lock on `dir` (which must exist): a run folder, the
 * token store, a registered model, the mirror state; hence the name says folder, not run.
 * The lock is refreshed every staleMs/2 while held, so only a dead holder's lock goes stale.
 * Not reentrant: nesting calls on the same dir waits for itself until the timeout.
 */
export async function withDirLock<T>(
  dir: string,
  fn: () => Promise<T>,
  options: DirLockOptions = {},
): Promise<T> {
  let compromised: unknown = null;
  const release = await acquire(dir, options, (error) => {
    compromised = error;
    options.onCompromised?.(error);
  });
  let result: T;
  try {
    result = await fn();
  } finally {
    if (compromised === null) await release();
  }
  if (compromised !== null) throw new LockCompromisedError(dir, compromised);
  return result;
}

async function acquire(
  dir: string,
  options: DirLockOptions,
  onCompromised: (error: Error) => void,
): Promise<() => Promise<void>> {
  const staleMs = options.staleMs ?? DEFAULT_STALE_MS;
  const timeoutMs = options.timeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS;
  const minDelay = options.minDelayMs ?? 5;
  const maxDelay = options.maxDelayMs ?? 250;
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    try {
      return await lockfile.lock(dir, {
        lockfilePath: lockPathFor(dir),
        stale: staleMs,
        realpath: false,
        retries: 0,
        onCompromised,
      });
    } catch (error) {
      if (!isErrnoCode(error, 'ELOCKED')) throw error;
    }
    const waited = Date.now() - started;
    if (waited >= timeoutMs) throw new LockTimeoutError(dir, waited);
    const backoff = Math.min(maxDelay, minDelay * 2 ** Math.min(attempt, 20));
    const jittered = backoff * (0.5 + Math.random());
    await sleep(Math.min(jittered, Math.max(1, timeoutMs - waited)));
  }
}
