import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** SHA-256 (hex) and size of a local file, streamed. */
export async function sha256OfFile(path: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), size };
}

/**
 * A local relative path as an artifact path: `/` separators, and characters the server refuses
 * (spaces, commas, ...) replaced by `_`, as seed 004's path hygiene asks; the server's rule is
 * in server/src/artifacts/artifact-path.ts.
 */
export function toArtifactPath(relative: string): string {
  return relative
    .replace(/\\/g, '/')
    .split('/')
    .filter((s) => s !== '' && s !== '.' && s !== '..')
    .map((s) => s.replace(/[^A-Za-z0-9._+=@-]/g, '_').replace(/^\.tmp-/, '_tmp-'))
    .join('/');
}
