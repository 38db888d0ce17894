type Settled<R> =
  | { index: number; ok: true; value: R }
  | { index: number; ok: false; error: unknown };

/**
 * Maps `items` through `fn` with at most `limit` calls in flight, yielding results as they
 * complete (not in input order). A rejection is rethrown when it is reached.
 */
export async function* mapConcurrent<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): AsyncGenerator<R> {
  const width = Math.max(1, Math.floor(limit));
  const inFlight = new Map<number, Promise<Settled<R>>>();
  let next = 0;
  const launch = () => {
    const index = next++;
    const settled = fn(items[index] as T).then(
      (value): Settled<R> => ({ index, ok: true, value }),
      (error: unknown): Settled<R> => ({ index, ok: false, error }),
    );
    inFlight.set(index, settled);
  };
  while (next < items.length && inFlight.size < width) launch();
  while (inFlight.size > 0) {
    const done = await Promise.race(inFlight.values());
    inFlight.delete(done.index);
    if (next < items.length) launch();
    if (!done.ok) throw done.error;
    yield done.value;
  }
}
