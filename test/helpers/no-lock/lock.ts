// Everything as in the real module, except that withDirLock runs `fn` without any lock.
export * from '../../../server/src/facts/lock.js';

/** A lock that locks nothing: controls run with it to show a test detects a missing lock. */
export async function withDirLock<T>(_dir: string, fn: () => Promise<T>): Promise<T> {
  return fn();
}
