/**
 * One lane per run: a run's writes (facts, then its cached rows, then the index feed) run one
 * at a time in arrival order, so a write never updates the cache from another's stale state.
 * Writes to different runs run in parallel.
 */
export class RunLanes {
  readonly #tails = new Map<string, Promise<unknown>>();

  run<T>(runId: string, task: () => Promise<T>): Promise<T> {
    const tail = this.#tails.get(runId) ?? Promise.resolve();
    const result = tail.then(task, task);
    const settled = result.catch(() => undefined);
    this.#tails.set(runId, settled);
    void settled.then(() => {
      if (this.#tails.get(runId) === settled) this.#tails.delete(runId);
    });
    return result;
  }
}
