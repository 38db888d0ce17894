import type { IncomingMessage } from 'node:http';

/** The prefix of artifact URLs: `/artifacts/<run_id>/<path>`. */
export const ARTIFACTS_PREFIX = '/artifacts/';

export interface ArtifactTarget {
  runId: string;
  path: string;
  /** `?sha256=`: the checksum the caller expects (a frozen model artifact); a mismatch is 409. */
  sha256: string | undefined;
}

/** The run id and artifact path a request URL names, or a message saying what is wrong with it. */
export function parseArtifactUrl(url: string): ArtifactTarget | string {
  // Split by hand: URL() would resolve `..` segments away before they could be refused.
  const query = url.indexOf('?');
  const rest = (query === -1 ? url : url.slice(0, query)).slice(ARTIFACTS_PREFIX.length);
  const params = new URLSearchParams(query === -1 ? '' : url.slice(query + 1));
  let segments: string[];
  try {
    segments = rest.split('/').map((s) => decodeURIComponent(s));
  } catch {
    return 'the URL has a malformed %-escape';
  }
  const [runId, ...path] = segments;
  if (runId === undefined || runId === '' || path.length === 0) {
    return 'expected /artifacts/<run_id>/<path>';
  }
  const sha256 = params.get('sha256')?.toLowerCase() ?? undefined;
  return { runId, path: path.join('/'), sha256 };
}

/** The download URL of an artifact, relative to the server (segments escaped). */
export function artifactUrlPath(runId: string, path: string, sha256?: string): string {
  const escaped = [runId, ...path.split('/')].map(encodeURIComponent).join('/');
  return `${ARTIFACTS_PREFIX}${escaped}${sha256 ? `?sha256=${sha256}` : ''}`;
}

/** One request header as a string (repeated headers joined), or undefined. */
export function headerOf(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
}
