import { randomBytes } from 'node:crypto';
import type { RunChange, RunIndex } from './run-index.js';

export interface IndexFeedOptions {
  /** Gather changes this long before a batch (a burst of writes becomes one transaction). Default 5 ms. */
  gatherMs?: number;
  /** Told when a batch fails; its runs are left to the rescan, which rereads them. */
  onError?: (error: unknown) => void;
}

/** Thrown when a list query waited for a write the index has not applied in time. */
export class IndexLagError extends Error {
  override name = 'IndexLagError';
  constructor(seq: string, waitedMs: number) {
    super(
      `the index has not applied write ${seq} after ${waitedMs} ms; retry, or read the run by id (always current)`,
    );
  }
}

/**
 * Hands writes to the index behind the acknowledgement: a writer submits the rows it already
 * has and gets a sequence token at once; the feed applies pending changes in batches, one
 * transaction each. A query may wait for a token, so a client reads its own writes in lists.
 */
export class IndexFeed {
  /** Tokens of another server process (before a restart) are satisfied by the catch-up. */
  readonly #boot = randomBytes(4).toString('hex');
  readonly #index: RunIndex;
  readonly #options: IndexFeedOptions;
  #pending: RunChange[] = [];
  #submitted = 0;
  #applied = 0;
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;
  #waiters: Array<{ seq: number; resolve: () => void }> = [];

  constructor(index: RunIndex, options: IndexFeedOptions = {}) {
    this.#index = index;
    this.#options = options;
  }

  /** Queues a run's change; returns its sequence token. */
  submit(change: RunChange): string {
    this.#pending.push(change);
    this.#submitted++;
    this.#schedule();
    return `${this.#boot}.${this.#submitted}`;
  }

  /** Writes submitted but not yet applied. */
  get lag(): number {
    return this.#submitted - this.#applied;
  }

  /** The token of the latest write submitted: waiting for it waits for every write so far. */
  get latestSeq(): string {
    return `${this.#boot}.${this.#submitted}`;
  }

  /**
   * Resolves once the write with this token is applied (and the catch-up of a restart is done,
   * for tokens of an earlier process). Throws IndexLagError past `timeoutMs`, InvalidSeq for a
   * token that is not one.
   */
  async waitFor(seq: string, timeoutMs = 10_000): Promise<void> {
    const match = /^([0-9a-f]{8})\.(\d{1,15})$/.exec(seq);
    if (!match)
      throw new RangeError(
        `minSeq ${JSON.stringify(seq)} is not a token a write returned (like "1a2b3c4d.17")`,
      );
    const target = match[1] === this.#boot ? Number(match[2]) : 0;
    const started = Date.now();
    if (target > this.#applied) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          this.#waiters = this.#waiters.filter((w) => w.resolve !== done);
          reject(new IndexLagError(seq, Date.now() - started));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          resolve();
        };
        this.#waiters.push({ seq: target, resolve: done });
      });
    }
    if (!this.#index.state.ready) await this.#untilReady(started, timeoutMs, seq);
  }

  /** Applies everything pending now. */
  async flush(): Promise<void> {
    while (this.#pending.length > 0 || this.#running) {
      if (this.#running) await this.#running;
      else await this.#drain();
    }
  }

  async #untilReady(started: number, timeoutMs: number, seq: string): Promise<void> {
    while (!this.#index.state.ready) {
      if (Date.now() - started > timeoutMs) throw new IndexLagError(seq, Date.now() - started);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  #schedule(): void {
    if (this.#timer || this.#running) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.#drain();
    }, this.#options.gatherMs ?? 5);
  }

  #drain(): Promise<void> {
    const batch = this.#pending;
    const upTo = this.#submitted;
    this.#pending = [];
    this.#running = this.#index
      .apply(batch)
      .catch((error: unknown) => {
        (this.#options.onError ?? ((e) => console.error('runfacts: index batch failed', e)))(error);
      })
      .then(() => {
        this.#applied = upTo;
        const ready = this.#waiters.filter((w) => w.seq <= upTo);
        this.#waiters = this.#waiters.filter((w) => w.seq > upTo);
        for (const w of ready) w.resolve();
      })
      .finally(() => {
        this.#running = null;
        if (this.#pending.length > 0) this.#schedule();
      });
    return this.#running;
  }
}
