import { setTimeout as sleep } from 'node:timers/promises';
import { RunfactsTransportError } from './errors.js';
import { type Journal, type JournalOp, newOp } from './journal.js';
import { sendJournal, sendOp } from './journal-ops.js';
import type { Operations } from './operations.js';

export type Point = { key: string; value: number; step: number; timestamp: string };

/** The wait before the n-th retry of a server that stays away: 0.5 s doubling to 30 s, jittered. */
function backoff(failures: number): number {
  return Math.min(30_000, 500 * 2 ** (failures - 1)) * (0.5 + Math.random() / 2);
}

const pointsOf = (write: JournalOp): number => (write.points as Point[] | undefined)?.length ?? 0;

/**
 * Sends a run's metric batches in the background, one request at a time, and never drops one:
 * a batch the server did not take stays queued (with its batch id, so a retry is applied once)
 * and is retried with backoff; past `maxPoints` queued, or when the caller gives up waiting, the
 * batches go to the run's journal, which is sent first once the server answers again (or later
 * by `runfacts sync`). A typed refusal (a rule broken) cannot be cured by retrying: it is kept
 * as `failure` for the caller and the batch is dropped.
 */
export class BatchSender {
  failure: unknown = null;
  #queue: JournalOp[] = [];
  #queuedPoints = 0;
  #failures = 0;
  #pumping: Promise<void> | null = null;
  #deadline = Number.POSITIVE_INFINITY;
  #napping = new AbortController();

  constructor(
    private readonly op: Operations,
    readonly journal: Journal,
    private readonly runId: string,
    private readonly maxPoints: number,
  ) {}

  get pending(): number {
    return this.#queue.length;
  }

  push(points: Point[], batchSize: number): void {
    for (let i = 0; i < points.length; i += batchSize) {
      this.#queue.push(newOp('metrics', { points: points.slice(i, i + batchSize) }));
    }
    this.#queuedPoints += points.length;
    // The head may be in flight; the rest goes to disk rather than growing without bound.
    if (this.#queuedPoints > this.maxPoints && this.#queue.length > 1) this.#spill(1);
    this.resume();
  }

  /** Starts sending again if it stopped (a drain's deadline passed with writes still kept). */
  resume(): void {
    this.#pumping ??= this.#pump().finally(() => {
      this.#pumping = null;
    });
  }

  /**
   * Waits until every queued batch is sent or `timeoutMs` passes; false when some are still
   * queued or journaled (they are kept, not dropped).
   */
  async drain(timeoutMs: number): Promise<boolean> {
    this.#deadline = Date.now() + timeoutMs;
    this.#napping.abort(); // a backoff taken before anyone waited: try again now
    try {
      while (this.#pumping) await this.#pumping;
    } finally {
      this.#deadline = Number.POSITIVE_INFINITY;
    }
    return this.#queue.length === 0 && !this.journal.exists();
  }

  /** Moves every queued write (and `extra`) to the journal; for a run that must stop waiting. */
  spillAll(extra: JournalOp[] = []): void {
    this.#queue.push(...extra);
    this.#spill(0);
  }

  #spill(from: number): void {
    const spilled = this.#queue.splice(from);
    this.#queuedPoints = this.#queue.reduce((n, w) => n + pointsOf(w), 0);
    this.journal.spill(spilled);
  }

  async #pump(): Promise<void> {
    for (;;) {
      if (this.journal.exists() && !(await this.#sendJournal())) {
        if (!(await this.#retryLater())) return;
        continue;
      }
      const write = this.#queue[0];
      if (write === undefined) return;
      try {
        await sendOp(this.op, write, this.runId);
        this.#failures = 0;
      } catch (error) {
        if (error instanceof RunfactsTransportError) {
          if (!(await this.#retryLater())) return;
          continue;
        }
        this.failure = error;
      }
      if (this.#queue[0] === write) {
        this.#queue.shift();
        this.#queuedPoints -= pointsOf(write);
      }
    }
  }

  /** Sends the journaled writes first (older than the queue); false if the server is away. */
  async #sendJournal(): Promise<boolean> {
    try {
      const { removed } = await sendJournal(this.op, this.journal, (error) => {
        this.failure = error;
      });
      this.#failures = 0;
      return removed;
    } catch (error) {
      if (error instanceof RunfactsTransportError) return false;
      throw error;
    }
  }

  /** Sleeps before the next try; false when the caller's deadline leaves no time for one. */
  async #retryLater(): Promise<boolean> {
    this.#failures += 1;
    const left = this.#deadline - Date.now();
    if (left <= 0) return false;
    // Unreferenced unless someone waits (drain): a script that ends without finish() reaches
    // beforeExit, where the run handle finishes (sending or journaling what is queued).
    const ref = Number.isFinite(this.#deadline);
    this.#napping = new AbortController();
    const signal = this.#napping.signal;
    await sleep(Math.min(backoff(this.#failures), left), undefined, { ref, signal }).catch(
      () => {},
    );
    return true;
  }
}
