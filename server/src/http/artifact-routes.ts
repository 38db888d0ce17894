import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { SHA256_HEX } from '../artifacts/artifact-path.js';
import type { ArtifactStore } from '../artifacts/artifact-store.js';
import { ArtifactError } from '../artifacts/errors.js';
import { authenticate } from '../auth/authenticate.js';
import { AuthError } from '../auth/errors.js';
import { isLoopbackAddress } from '../auth/loopback.js';
import type { Scope } from '../auth/scopes.js';
import type { TokenVerifier } from '../auth/token-store.js';
import { get } from './artifact-download.js';
import {
  ARTIFACTS_PREFIX,
  type ArtifactTarget,
  headerOf,
  parseArtifactUrl,
} from './artifact-request.js';
import { sendError, sendJson } from './http-errors.js';

export interface ArtifactRoutesOptions {
  store: ArtifactStore;
  tokens: TokenVerifier;
  corsOrigins?: readonly string[];
}

/**
 * Serves `PUT`/`GET`/`HEAD /artifacts/<run_id>/<path>` and passes every other request to `next`.
 * Artifact bodies stream to and from disk, so GraphQL's body limit does not apply to them; the
 * store's own size limit does. Callers authenticate as for GraphQL (write to upload, read to fetch).
 */
export function withArtifactRoutes(
  options: ArtifactRoutesOptions,
  next: RequestListener,
): RequestListener {
  return (req, res) => {
    if (!req.url?.startsWith(ARTIFACTS_PREFIX)) return next(req, res);
    handle(options, req, res).catch((error: unknown) => {
      if (error instanceof ArtifactError)
        return sendError(res, error.status, error.code, error.message, closeIfUnread(req));
      // The client went away mid-body; the store already removed its temp file.
      if (req.errored || req.destroyed || res.destroyed) return;
      console.error('artifact request failed', error);
      sendError(res, 500, 'INTERNAL_SERVER_ERROR', 'Unexpected error.', closeIfUnread(req));
    });
  };
}

async function handle(
  options: ArtifactRoutesOptions,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const method = req.method ?? 'GET';
  const scope: Scope | null =
    method === 'PUT' ? 'write' : method === 'GET' || method === 'HEAD' ? 'read' : null;
  if (scope === null) {
    return sendError(
      res,
      405,
      'METHOD_NOT_ALLOWED',
      `${method} is not supported on artifacts; use GET, HEAD or PUT`,
      {
        allow: 'GET, HEAD, PUT',
        ...closeIfUnread(req),
      },
    );
  }
  const principal = await authenticate(
    { headers: { get: (name) => headerOf(req, name) ?? null } },
    {
      store: options.tokens,
      loopback: isLoopbackAddress(req.socket.remoteAddress),
      allowedOrigins: options.corsOrigins,
    },
  );
  if (principal instanceof AuthError) {
    return sendError(res, principal.status, principal.code.toUpperCase(), principal.message, {
      ...(principal.status === 401 ? { 'www-authenticate': 'Bearer' } : {}),
      ...closeIfUnread(req),
    });
  }
  if (!principal.scopes.has(scope)) {
    return sendError(
      res,
      403,
      'FORBIDDEN',
      `${method} of artifacts needs the ${scope} scope, which ${principal.name} does not have; create a token with runfacts token create --scopes ${scope}`,
      closeIfUnread(req),
    );
  }
  const target = parseArtifactUrl(req.url ?? '');
  if (typeof target === 'string')
    return sendError(res, 400, 'BAD_PATH', target, closeIfUnread(req));
  return method === 'PUT'
    ? put(options.store, target, req, res)
    : get(options.store, target, req, res);
}

async function put(
  store: ArtifactStore,
  target: ArtifactTarget,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > store.maxBytes) {
    throw new ArtifactError(
      'TOO_LARGE',
      `the artifact is ${declared} bytes, over the limit of ${store.maxBytes} bytes (maxArtifactBytes)`,
    );
  }
  const header = headerOf(req, 'x-runfacts-sha256')?.trim().toLowerCase();
  if (header !== undefined && !SHA256_HEX.test(header)) {
    throw new ArtifactError(
      'CHECKSUM_MISMATCH',
      'x-runfacts-sha256 must be 64 hex digits (the SHA-256 of the body)',
    );
  }
  const kind = headerOf(req, 'x-runfacts-kind')?.trim() || undefined;
  const { artifact, created } = await store.put(target.runId, target.path, req, {
    expectedSha256: header,
    kind,
  });
  // A retried upload answered before its body was read: drain it so the connection can be reused.
  if (!req.readableEnded) req.resume();
  sendJson(res, created ? 201 : 200, { ...artifact, created }, { etag: `"${artifact.sha256}"` });
}

/** Answering before a body was read: close the connection rather than read an upload nobody wants. */
function closeIfUnread(req: IncomingMessage): Record<string, string> {
  return req.method === 'PUT' && !req.readableEnded ? { connection: 'close' } : {};
}
