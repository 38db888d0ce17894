import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { tempPathFor } from '../facts/atomic-write.js';
import type { FileChecksum } from './checksum.js';
import { ArtifactError } from './errors.js';

/** What an upload reads from: a request, a file stream, or chunks. */
export type ArtifactBody = Iterable<Uint8Array> | AsyncIterable<Uint8Array> | NodeJS.ReadableStream;

/**
 * Streams `body` into a new temp file next to `target`, hashing and counting as it goes, and
 * flushes it to disk. Any failure (a client gone mid-body, the size limit) removes the temp file,
 * so nothing half-written is ever left under a real name.
 */
export async function writeTemp(
  body: ArtifactBody,
  target: string,
  maxBytes: number,
): Promise<FileChecksum & { temp: string }> {
  const temp = tempPathFor(target);
  const hash = createHash('sha256');
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      if (size > maxBytes) {
        callback(
          new ArtifactError(
            'TOO_LARGE',
            `the artifact is larger than the limit of ${maxBytes} bytes (maxArtifactBytes); raise the limit or upload a smaller file`,
          ),
        );
        return;
      }
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  try {
    // flush: the data is fsynced before the stream closes, so the rename publishes durable bytes.
    await pipeline(
      body,
      meter,
      createWriteStream(temp, { flags: 'wx', flush: true, highWaterMark: 1 << 20 }),
    );
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  return { temp, sha256: hash.digest('hex'), size };
}
