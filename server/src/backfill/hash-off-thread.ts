import { Worker } from 'node:worker_threads';
import type { FileChecksum } from '../artifacts/checksum.js';
import type { HashMessage, HashRequest } from './hash-worker.js';

type Waiting = {
  resolve(c: FileChecksum): void;
  reject(e: Error): void;
  onBytes?: (bytes: number) => void;
};

let worker: Worker | null = null;
const waiting = new Map<number, Waiting>();
let seq = 0;

function failAll(error: Error): void {
  for (const w of waiting.values()) w.reject(error);
  waiting.clear();
  worker = null;
}

function started(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('./hash-worker.mjs', import.meta.url));
  w.on('message', (m: HashMessage) => {
    const at = waiting.get(m.seq);
    if (!at) return;
    if ('bytes' in m) return at.onBytes?.(m.bytes);
    waiting.delete(m.seq);
    if (waiting.size === 0) w.unref();
    if ('error' in m) at.reject(new Error(m.error));
    else at.resolve({ sha256: m.sha256, size: m.size });
  });
  w.on('error', failAll);
  w.on('exit', () => failAll(new Error('the hash worker exited')));
  worker = w;
  return w;
}

/**
 * hashFile on a worker thread, for a caller on the main thread: hashing a large file is seconds
 * of CPU that would otherwise hold up the thread that writes runs (or serves requests). One
 * worker is started on first use and kept, unreferenced while idle so it never keeps the
 * process alive.
 */
export function hashFileOffThread(
  path: string,
  onBytes?: (bytes: number) => void,
): Promise<FileChecksum> {
  const w = started();
  const id = seq++;
  return new Promise<FileChecksum>((resolve, reject) => {
    waiting.set(id, { resolve, reject, onBytes });
    w.ref();
    w.postMessage({ seq: id, path } satisfies HashRequest);
  });
}
