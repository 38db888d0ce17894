import fs from 'node:fs';

/** The four file calls a source read makes. */
export interface FdIo {
  open(path: string, flags: number): Promise<number>;
  fstat(fd: number): Promise<fs.Stats>;
  read(fd: number, buffer: Buffer, offset: number): Promise<number>;
  close(fd: number): Promise<void>;
}

const callback =
  <T>(run: (done: (error: NodeJS.ErrnoException | null, value: T) => void) => void) =>
  () =>
    new Promise<T>((resolve, reject) => run((e, v) => (e ? reject(e) : resolve(v))));

/**
 * Thread-pool calls, several in flight, so the latency of a network file system (an HPC data
 * area) overlaps. Plain fd calls, not FileHandle, which costs several times more per call.
 */
export const fdIo: FdIo = {
  open: (path, flags) => callback<number>((done) => fs.open(path, flags, done))(),
  fstat: (fd) => callback<fs.Stats>((done) => fs.fstat(fd, done))(),
  read: (fd, buffer, offset) =>
    callback<number>((done) => fs.read(fd, buffer, offset, buffer.length - offset, offset, done))(),
  close: (fd) => new Promise((resolve) => fs.close(fd, () => resolve())),
};
