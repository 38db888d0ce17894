import { parentPort, workerData } from 'node:worker_threads';
import type { Candidate } from './discover.js';
import { syncFdIo } from './fd-io.js';
import { CanonicalCache } from './meta-cache.js';
import { type PrepareContext, type PrepareResult, prepare } from './prepare.js';
import { renderEarly } from './render-early.js';

/** A request to the worker: read and interpret this candidate folder. */
export interface PrepareRequest {
  seq: number;
  candidate: Candidate;
}

/** What the worker posts: bytes of large artifacts hashed, or the outcome of a request. */
export type PrepareMessage =
  | { hashed: number }
  | { seq: number; result?: PrepareResult; error?: string };

const port = parentPort;
if (!port) throw new Error('prepare-worker.ts runs as a worker thread of backfill');
const ctx = workerData as PrepareContext;
// This thread does nothing but read folders, so blocking calls cost it nothing and save the
// hand-over to the thread pool that each asynchronous call makes.
const env = {
  io: syncFdIo,
  onBytesHashed: (hashed: number) => port.postMessage({ hashed } satisfies PrepareMessage),
};
const cache = new CanonicalCache(ctx.config.meta);
port.on('message', ({ seq, candidate }: PrepareRequest) => {
  prepare(candidate, ctx, env).then(
    (result) => {
      if (result.ok) result.prepared.early = renderEarly(result.prepared, ctx, cache);
      port.postMessage({ seq, result } satisfies PrepareMessage);
    },
    (error: unknown) =>
      port.postMessage({
        seq,
        error: (error as Error)?.stack ?? String(error),
      } satisfies PrepareMessage),
  );
});
