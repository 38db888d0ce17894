import { createHash } from 'node:crypto';
import type { Stats } from 'node:fs';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';

export interface FileChecksum {
  sha256: string;
  size: number;
}

/** SHA-256 and size of a file, streamed in 1 MiB reads (never the whole file in memory). */
export async function hashFile(
  path: string,
  onBytes?: (bytes: number) => void,
): Promise<FileChecksum> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
    onBytes?.((chunk as Buffer).length);
  }
  return { sha256: hash.digest('hex'), size };
}

type StatKey = string;
const keyOf = (s: Stats): StatKey => `${s.dev}:${s.ino}:${s.size}:${s.mtimeMs}:${s.ctimeMs}`;

/**
 * Remembers the checksum of files by path and stat (device, inode, size, mtime, ctime), so a
 * download checks the file against its recorded checksum without rereading it every time; any
 * write to the file changes its ctime, which nobody can set back, so a change is always seen.
 */
export class ChecksumCache {
  readonly #known = new Map<string, { key: StatKey; checksum: FileChecksum }>();
  readonly #max: number;

  constructor(max = 10_000) {
    this.#max = max;
  }

  /** The file's checksum now: from the cache when its stat is unchanged, else by hashing it. */
  async checksum(path: string): Promise<FileChecksum> {
    const before = await stat(path);
    const known = this.#known.get(path);
    if (known?.key === keyOf(before)) return known.checksum;
    const checksum = await hashFile(path);
    const after = await stat(path);
    // A file written while it was hashed is hashed again by the next call.
    if (keyOf(after) === keyOf(before) && checksum.size === after.size)
      this.remember(path, after, checksum);
    return checksum;
  }

  /** Records a checksum computed while the file was written (an upload). */
  remember(path: string, stats: Stats, checksum: FileChecksum): void {
    if (this.#known.size >= this.#max) {
      const oldest = this.#known.keys().next().value;
      if (oldest !== undefined) this.#known.delete(oldest);
    }
    this.#known.delete(path);
    this.#known.set(path, { key: keyOf(stats), checksum });
  }
}
