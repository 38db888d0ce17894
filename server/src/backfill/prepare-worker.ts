import { parentPort, workerData } from 'node:worker_threads';
import type { Candidate } from './discover.js';
import { type PrepareContext, prepare } from './prepare.js';

/** A request to the worker: read and interpret this candidate folder. */
export interface PrepareRequest {
  seq: number;
  candidate: Candidate;
}

const port = parentPort;
if (!port) throw new Error('prepare-worker.ts runs as a worker thread of backfill');
const ctx = workerData as PrepareContext;
port.on('message', ({ seq, candidate }: PrepareRequest) => {
  prepare(candidate, ctx).then(
    (result) => port.postMessage({ seq, result }),
    (error: unknown) => port.postMessage({ seq, error: (error as Error)?.stack ?? String(error) }),
  );
});
