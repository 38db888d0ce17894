import { setImmediate as nextTurn } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import { BatchReader, type BatchReaderOptions } from './batch-reader.js';
import type { RunBatch } from './run-batch.js';

export interface ReadBatchesOptions extends Omit<BatchReaderOptions, 'stride' | 'lane'> {
  /** Worker threads reading and interpreting; 0 reads on the calling thread. */
  workers: number;
  batchSize: number;
}

// Requests a worker may have outstanding (in flight or read and not yet taken), so that it
// never waits for the next one and memory stays bounded when the consumer is the slower side.
const AHEAD = 2;

function slicesOf(runIds: readonly string[], size: number): string[][] {
  const slices: string[][] = [];
  for (let i = 0; i < runIds.length; i += size) slices.push(runIds.slice(i, i + size));
  return slices;
}

/** The runs as encoded batches, in any order: read on this thread or by worker threads. */
export async function* readBatches(
  runIds: readonly string[],
  options: ReadBatchesOptions,
): AsyncGenerator<RunBatch> {
  const slices = slicesOf(runIds, Math.max(1, options.batchSize));
  if (options.workers < 1 || slices.length < 2) {
    const reader = new BatchReader({ ...options, stride: 1, lane: 0 });
    for (const slice of slices) {
      yield reader.read(slice);
      // Lets timers and I/O callbacks run between batches of a long synchronous read.
      await nextTurn();
    }
    return;
  }
  yield* readInWorkers(slices, options);
}

async function* readInWorkers(
  slices: readonly string[][],
  options: ReadBatchesOptions,
): AsyncGenerator<RunBatch> {
  const { workers: count, batchSize: _, ...readerOptions } = options;
  const entry = new URL('./read-worker.mjs', import.meta.url);
  const ready: Array<{ batch: RunBatch; worker: Worker }> = [];
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };
  let next = 0;
  const request = (worker: Worker) => {
    if (next >= slices.length) return;
    worker.postMessage({ seq: next, runIds: slices[next] });
    next++;
  };
  const pool = Array.from({ length: Math.min(count, slices.length) }, (_, lane) => {
    const worker = new Worker(entry, {
      workerData: { ...readerOptions, stride: count, lane } satisfies BatchReaderOptions,
    });
    worker.on('message', ({ batch }: { batch: RunBatch }) => {
      ready.push({ batch, worker });
      notify();
    });
    worker.on('error', (error) => {
      failure ??= error;
      notify();
    });
    worker.on('exit', (code) => {
      if (code !== 0) failure ??= new Error(`a bulk index worker exited with code ${code}`);
      notify();
    });
    return worker;
  });
  try {
    for (let i = 0; i < AHEAD; i++) for (const worker of pool) request(worker);
    for (let received = 0; received < slices.length; ) {
      if (failure) throw failure;
      const item = ready.shift();
      if (!item) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        continue;
      }
      received++;
      request(item.worker);
      yield item.batch;
    }
  } finally {
    await Promise.all(pool.map((worker) => worker.terminate()));
  }
}
