import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Candidate } from './discover.js';
import { type PrepareContext, type PrepareEnv, type PrepareResult, prepare } from './prepare.js';
import type { PrepareMessage, PrepareRequest, Settled } from './prepare-worker.js';

/** Below this many folders a worker's start-up (loading the TypeScript) costs more than it saves. */
const MIN_FOLDERS_FOR_WORKERS = 500;

/**
 * Worker threads for `candidates` folders: one per core, or none. The writing thread only
 * resolves ids and adopts the folders the workers staged, so it needs no core of its own.
 */
export function defaultWorkers(candidates: number): number {
  if (candidates < MIN_FOLDERS_FOR_WORKERS) return 0;
  return Math.max(1, availableParallelism());
}

type Pending = { resolve(r: PrepareResult): void; reject(e: Error): void; lane: number };
type Lane = { worker: Worker; inFlight: number; queued: PrepareRequest[] };

/**
 * Reads and interprets candidate folders on worker threads (parsing and inference are CPU
 * work), so the calling thread is free to write; with 0 workers it prepares on the calling
 * thread. Requests go to the worker with the fewest in flight, several to a message: each
 * message wakes the other thread, which costs more than a small folder's read.
 */
export class PreparePool {
  private readonly lanes: Lane[] = [];
  private readonly pending = new Map<number, Pending>();
  private seq = 0;
  private failure: Error | null = null;
  private flushing = false;

  constructor(
    private readonly ctx: PrepareContext,
    count: number,
    private readonly env: Pick<PrepareEnv, 'onBytesHashed'> = {},
  ) {
    const entry = new URL('./prepare-worker.mjs', import.meta.url);
    for (let lane = 0; lane < count; lane++) {
      const worker = new Worker(entry, { workerData: ctx });
      worker.on('message', (m: PrepareMessage) =>
        'hashed' in m ? env.onBytesHashed?.(m.hashed) : this.settle(m.settled),
      );
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`a backfill worker exited with code ${code}`));
      });
      this.lanes.push({ worker, inFlight: 0, queued: [] });
    }
  }

  prepare(candidate: Candidate): Promise<PrepareResult> {
    if (this.lanes.length === 0) return prepare(candidate, this.ctx, this.env);
    if (this.failure) return Promise.reject(this.failure);
    let lane = 0;
    this.lanes.forEach((w, i) => {
      if (w.inFlight < (this.lanes[lane]?.inFlight ?? 0)) lane = i;
    });
    const target = this.lanes[lane] as Lane;
    const seq = this.seq++;
    target.inFlight++;
    target.queued.push({ seq, candidate });
    // Requests made in the same turn of the event loop go out together.
    if (!this.flushing) {
      this.flushing = true;
      setImmediate(() => this.flush());
    }
    return new Promise<PrepareResult>((resolve, reject) => {
      this.pending.set(seq, { resolve, reject, lane });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.lanes.map((w) => w.worker.terminate()));
  }

  private flush(): void {
    this.flushing = false;
    for (const lane of this.lanes) {
      if (lane.queued.length === 0) continue;
      lane.worker.postMessage(lane.queued);
      lane.queued = [];
    }
  }

  private settle(batch: Settled[]): void {
    for (const m of batch) {
      const p = this.pending.get(m.seq);
      if (!p) continue;
      this.pending.delete(m.seq);
      const w = this.lanes[p.lane];
      if (w) w.inFlight--;
      if (m.result) p.resolve(m.result);
      else p.reject(new Error(m.error ?? 'a backfill worker failed'));
    }
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }
}
