import { parentPort, workerData } from 'node:worker_threads';
import { BatchReader, type BatchReaderOptions } from './batch-reader.js';
import { batchBuffers } from './run-batch.js';

/** A request to the worker: read these runs. */
export interface ReadRequest {
  seq: number;
  runIds: string[];
}

const port = parentPort;
if (!port) throw new Error('read-worker.ts runs as a worker thread of the bulk index build');
const reader = new BatchReader(workerData as BatchReaderOptions);
port.on('message', ({ seq, runIds }: ReadRequest) => {
  const batch = reader.read(runIds);
  port.postMessage({ seq, batch }, batchBuffers(batch));
});
