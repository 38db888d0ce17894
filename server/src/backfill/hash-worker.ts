import { parentPort } from 'node:worker_threads';
import { hashFile } from '../artifacts/checksum.js';

/** A request to the hash worker: hash this file, reporting bytes as they are read. */
export interface HashRequest {
  seq: number;
  path: string;
}

/** What the hash worker posts: progress (`bytes`), then the checksum or the error. */
export type HashMessage =
  | { seq: number; bytes: number }
  | { seq: number; sha256: string; size: number }
  | { seq: number; error: string };

const port = parentPort;
if (!port) throw new Error('hash-worker.ts runs as a worker thread');
port.on('message', ({ seq, path }: HashRequest) => {
  const post = (m: HashMessage) => port.postMessage(m);
  hashFile(path, (bytes) => post({ seq, bytes })).then(
    ({ sha256, size }) => post({ seq, sha256, size }),
    (error: unknown) => post({ seq, error: (error as Error)?.message ?? String(error) }),
  );
});
