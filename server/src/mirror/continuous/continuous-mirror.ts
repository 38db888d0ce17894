import { join } from 'node:path';
import type { FactsStore } from '../../facts/index.js';
import type { RunEvents } from '../../writes/events.js';
import { MlflowClient } from '../mlflow/client.js';
import { syncRuns } from '../mlflow/sync.js';
import { MirrorQueue } from './mirror-queue.js';

export interface ContinuousMirrorOptions {
  root: string;
  facts: FactsStore;
  events: RunEvents;
  trackingUri: string;
  /** Longest wait between retries while MLflow is down. Default 60 s. */
  maxBackoffMs?: number;
  /** Full sync (registry included) this often, to catch anything a queue could miss. Default 5 min. */
  fullSyncMs?: number;
}

export interface MirrorStatus {
  enabled: boolean;
  trackingUri: string | null;
  pending: number;
  failed: Array<{ runId: string; reason: string; attempts: number; at: string }>;
  lastSyncAt: string | null;
  lastError: string | null;
}

const BATCH = 50;

/**
 * Mirrors runs to MLflow after each write, off the write path: writes only enqueue a run id; a
 * worker syncs in the background with backoff while MLflow is down, so a write is never slowed
 * or failed by the mirror.
 */
export class ContinuousMirror {
  readonly #queue: MirrorQueue;
  readonly #client: MlflowClient;
  #wake: (() => void) | null = null;
  #idle = false;
  #stopped = false;
  #lastError: string | null = null;
  #loop: Promise<void> | null = null;
  #unsubscribe: (() => void) | null = null;

  constructor(private readonly options: ContinuousMirrorOptions) {
    this.#queue = new MirrorQueue(join(options.root, '.runfacts', 'mirror-queue.json'));
    this.#client = new MlflowClient({ trackingUri: options.trackingUri });
  }

  async start(): Promise<void> {
    await this.#queue.load();
    const iterator = this.options.events.subscribe('runEvents')[Symbol.asyncIterator]();
    this.#unsubscribe = () => void iterator.return?.();
    void (async () => {
      for (;;) {
        const next = await iterator.next();
        if (next.done || this.#stopped) return;
        this.#queue.add(next.value.runId);
        this.#save().catch(() => undefined); // #save reported it; the next save tries again
        // Only an idle worker is woken: while MLflow is down, the backoff is kept.
        if (this.#idle) this.#wake?.();
      }
    })();
    this.#loop = this.#run();
  }

  status(): MirrorStatus {
    const { pending, failed, lastSyncAt } = this.#queue.state;
    return {
      enabled: true,
      trackingUri: this.options.trackingUri,
      pending: pending.length,
      failed: Object.entries(failed).map(([runId, f]) => ({ runId, ...f })),
      lastSyncAt,
      lastError: this.#lastError,
    };
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#unsubscribe?.();
    this.#wake?.();
    await this.#loop;
    try {
      await this.#save();
    } finally {
      await this.#client.close();
    }
  }

  /** A queue that cannot be saved is lost on restart: say so in the status and on stderr. */
  async #save(): Promise<void> {
    try {
      await this.#queue.save();
    } catch (error) {
      const message = `could not save the mirror queue to ${this.#queue.path}: ${(error as Error).message}`;
      this.#lastError = message;
      process.stderr.write(`runfacts mirror: ${message}\n`);
      throw new Error(message, { cause: error });
    }
  }

  async #run(): Promise<void> {
    let backoff = 1000;
    let nextFull = 0;
    while (!this.#stopped) {
      const full = Date.now() >= nextFull;
      const runIds = full ? undefined : this.#queue.take(BATCH);
      const mark = this.#queue.mark();
      if (!full && runIds?.length === 0) {
        this.#idle = true;
        await this.#sleep(Math.max(0, nextFull - Date.now()));
        this.#idle = false;
        continue;
      }
      try {
        const report = await syncRuns({
          facts: this.options.facts,
          trackingUri: this.options.trackingUri,
          client: this.#client,
          runIds,
          registry: full,
        });
        const failures = new Map(report.failures.map((f) => [f.runId, f.reason]));
        this.#queue.done(
          runIds ?? report.results.map((r) => r.runId),
          failures,
          new Date().toISOString(),
          mark,
        );
        await this.#save();
        this.#lastError = failures.size > 0 ? `${failures.size} run(s) failed; see failed` : null;
        if (full) nextFull = Date.now() + (this.options.fullSyncMs ?? 300_000);
        if (failures.size === 0) {
          backoff = 1000;
          continue;
        }
      } catch (error) {
        this.#lastError = (error as Error).message;
      }
      await this.#sleep(backoff);
      backoff = Math.min(backoff * 2, this.options.maxBackoffMs ?? 60_000);
    }
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      timer.unref();
      function done() {
        resolve();
      }
      this.#wake = () => {
        clearTimeout(timer);
        this.#wake = null;
        resolve();
      };
    });
  }
}
