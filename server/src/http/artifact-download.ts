import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import parseRange from 'range-parser';
import type { ArtifactStore } from '../artifacts/artifact-store.js';
import { type ArtifactTarget, headerOf } from './artifact-request.js';

/**
 * Answers GET/HEAD of an artifact: the file checked against its checksum first (409 otherwise),
 * then streamed whole or as one byte range; `If-None-Match` on the checksum gives 304.
 */
export async function get(
  store: ArtifactStore,
  target: ArtifactTarget,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const { artifact, file, size } = await store.open(target.runId, target.path, target.sha256);
  const etag = `"${artifact.sha256}"`;
  const headers: Record<string, string | number> = {
    etag,
    'accept-ranges': 'bytes',
    'content-type': 'application/octet-stream',
    'x-runfacts-sha256': artifact.sha256,
    'x-runfacts-kind': artifact.kind,
    'cache-control': 'no-cache',
  };
  if (matchesEtag(headerOf(req, 'if-none-match'), etag)) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  let start = 0;
  let end = size - 1;
  let status = 200;
  const range = headerOf(req, 'range');
  const ifRange = headerOf(req, 'if-range');
  if (range !== undefined && (ifRange === undefined || ifRange === etag)) {
    const ranges = parseRange(size, range, { combine: true });
    if (ranges === -1) {
      res.writeHead(416, { ...headers, 'content-range': `bytes */${size}` });
      res.end();
      return;
    }
    // One range is served; several (rare for files) get the whole file, as RFC 9110 allows.
    if (ranges !== -2 && ranges.length === 1 && ranges[0] !== undefined) {
      start = ranges[0].start;
      end = ranges[0].end;
      status = 206;
      headers['content-range'] = `bytes ${start}-${end}/${size}`;
    }
  }
  headers['content-length'] = size === 0 ? 0 : end - start + 1;
  res.writeHead(status, headers);
  if (req.method === 'HEAD' || size === 0) {
    res.end();
    return;
  }
  await pipeline(createReadStream(file, { start, end, highWaterMark: 1 << 20 }), res).catch(
    (error: unknown) => {
      // The client went away mid-download: nothing to answer.
      if (!res.destroyed) throw error;
    },
  );
}

function matchesEtag(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  return (
    header.trim() === '*' || header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)
  );
}
