import { parentPort, workerData } from 'node:worker_threads';
import { syncFdIo } from '../facts/fd-io.js';
import type { Candidate } from './discover.js';
import { CanonicalCache } from './meta-cache.js';
import { type PrepareContext, type PrepareResult, prepare } from './prepare.js';
import { renderEarly } from './render-early.js';

/** A request to the worker: read and interpret this candidate folder. */
export interface PrepareRequest {
  seq: number;
  candidate: Candidate;
}

/** The outcome of one request. */
export type Settled = { seq: number; result?: PrepareResult; error?: string };

/** What the worker posts: bytes of large artifacts hashed, or the outcomes of a batch of requests. */
export type PrepareMessage = { hashed: number } | { settled: Settled[] };

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

async function settle({ seq, candidate }: PrepareRequest): Promise<Settled> {
  try {
    const result = await prepare(candidate, ctx, env);
    if (result.ok) result.prepared.early = renderEarly(result.prepared, ctx, cache);
    return { seq, result };
  } catch (error) {
    return { seq, error: (error as Error)?.stack ?? String(error) };
  }
}

port.on('message', async (batch: PrepareRequest[]) => {
  // In order, one reply for the batch: the calls block anyway, and each reply wakes the writing thread.
  const settled: Settled[] = [];
  for (const request of batch) settled.push(await settle(request));
  port.postMessage({ settled } satisfies PrepareMessage);
});
