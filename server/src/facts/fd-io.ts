import fs from 'node:fs';

/** The file calls a source read makes. */
export interface FdIo {
  open(path: string, flags: number): Promise<number>;
  fstat(fd: number): Promise<fs.Stats>;
  read(fd: number, buffer: Buffer, offset: number): Promise<number>;
  close(fd: number): Promise<void>;
  lstat(path: string): Promise<fs.Stats>;
}

const callback =
  <T>(run: (done: (error: NodeJS.ErrnoException | null, value: T) => void) => void) =>
  () =>
    new Promise<T>((resolve, reject) => run((e, v) => (e ? reject(e) : resolve(v))));

/**
 * Thread-pool calls, several in flight, so the latency of a network file system (an HPC data
 * area) overlaps while the calling thread stays free. Plain fd calls, not FileHandle, which
 * costs several times more per call.
 */
export const fdIo: FdIo = {
  open: (path, flags) => callback<number>((done) => fs.open(path, flags, done))(),
  fstat: (fd) => callback<fs.Stats>((done) => fs.fstat(fd, done))(),
  read: (fd, buffer, offset) =>
    callback<number>((done) => fs.read(fd, buffer, offset, buffer.length - offset, offset, done))(),
  close: (fd) => new Promise((resolve) => fs.close(fd, () => resolve())),
  lstat: (path) => callback<fs.Stats>((done) => fs.lstat(path, done))(),
};

/**
 * The same calls made synchronously, for worker threads that do nothing else: each thread-pool
 * call costs a hand-over to a pool thread and back (futex wake-ups, an event-loop turn), which
 * for small files costs more CPU than the read itself.
 */
export const syncFdIo: FdIo = {
  open: async (path, flags) => fs.openSync(path, flags),
  fstat: async (fd) => fs.fstatSync(fd),
  read: async (fd, buffer, offset) =>
    fs.readSync(fd, buffer, offset, buffer.length - offset, offset),
  close: async (fd) => {
    try {
      fs.closeSync(fd);
    } catch {
      // As the thread-pool close: a failed close of a file only read loses nothing.
    }
  },
  lstat: async (path) => fs.lstatSync(path),
};
