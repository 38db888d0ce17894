import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Candidate } from './discover.js';
import { type PrepareContext, type PrepareEnv, type PrepareResult, prepare } from './prepare.js';
import type { PrepareMessage, PrepareRequest } from './prepare-worker.js';

/** Below this many folders a worker's start-up (loading the TypeScript) costs more than it saves. */
const MIN_FOLDERS_FOR_WORKERS = 500;

/** Worker threads for `candidates` folders: one per core beside the writing thread, or none. */
export function defaultWorkers(candidates: number): number {
  if (candidates < MIN_FOLDERS_FOR_WORKERS) return 0;
  return Math.max(1, availableParallelism() - 1);
}

type Pending = { resolve(r: PrepareResult): void; reject(e: Error): void };

/**
 * Reads and interprets candidate folders on worker threads (parsing and inference are CPU
 * work), so the calling thread is free to canonicalize and write; with 0 workers it prepares on
 * the calling thread. Requests go to the worker with the fewest in flight.
 */
export class PreparePool {
  private readonly workers: Array<{ worker: Worker; inFlight: number }> = [];
  private readonly pending = new Map<number, Pending & { lane: number }>();
  private seq = 0;
  private failure: Error | null = null;

  constructor(
    private readonly ctx: PrepareContext,
    count: number,
    private readonly env: Pick<PrepareEnv, 'onBytesHashed'> = {},
  ) {
    const entry = new URL('./prepare-worker.mjs', import.meta.url);
    for (let lane = 0; lane < count; lane++) {
      const worker = new Worker(entry, { workerData: ctx });
      worker.on('message', (m: PrepareMessage) =>
        'hashed' in m ? env.onBytesHashed?.(m.hashed) : this.settle(m),
      );
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`a backfill worker exited with code ${code}`));
      });
      this.workers.push({ worker, inFlight: 0 });
    }
  }

  prepare(candidate: Candidate): Promise<PrepareResult> {
    if (this.workers.length === 0) return prepare(candidate, this.ctx, this.env);
    if (this.failure) return Promise.reject(this.failure);
    let lane = 0;
    this.workers.forEach((w, i) => {
      if (w.inFlight < (this.workers[lane]?.inFlight ?? 0)) lane = i;
    });
    const target = this.workers[lane] as (typeof this.workers)[number];
    const seq = this.seq++;
    target.inFlight++;
    return new Promise<PrepareResult>((resolve, reject) => {
      this.pending.set(seq, { resolve, reject, lane });
      target.worker.postMessage({ seq, candidate } satisfies PrepareRequest);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }

  private settle(m: Exclude<PrepareMessage, { hashed: number }>): void {
    const p = this.pending.get(m.seq);
    if (!p) return;
    this.pending.delete(m.seq);
    const w = this.workers[p.lane];
    if (w) w.inFlight--;
    if (m.result) p.resolve(m.result);
    else p.reject(new Error(m.error ?? 'a backfill worker failed'));
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }
}
