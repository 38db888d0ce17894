import { AuthError } from './errors.js';
import { isLoopbackHost } from './loopback.js';
import { SCOPES, type Scope } from './scopes.js';
import type { TokenVerifier } from './token-store.js';

/** Who is calling and what they may do; `name` is what the promotion history records. */
export interface Principal {
  name: string;
  scopes: ReadonlySet<Scope>;
}

export const LOCAL_NAME = 'local';
export const ANONYMOUS_NAME = 'anonymous';

export interface AuthenticateOptions {
  store: TokenVerifier;
  /** The peer is on this machine (127.0.0.0/8, ::1) or the call is in-process. */
  loopback: boolean;
  /** Browser origins (scheme://host:port) trusted to call with the local principal. */
  allowedOrigins?: readonly string[];
}

interface HeaderSource {
  headers: { get(name: string): string | null };
}

const BEARER = /^Bearer[ ]+([^\s]+)[ ]*$/i;

/**
 * Who sent `request`: the token's owner for `Authorization: Bearer <token>`; with no token at
 * all, every scope for a loopback caller while no token exists, else no scope. A header that is
 * malformed or names an unknown or revoked token is an AuthError (401), never a silent downgrade.
 */
export async function authenticate(
  request: HeaderSource,
  options: AuthenticateOptions,
): Promise<Principal | AuthError> {
  const header = request.headers.get('authorization');
  if (header !== null) {
    const token = BEARER.exec(header)?.[1];
    if (token === undefined) {
      return new AuthError(
        'malformed_header',
        'the Authorization header must be "Bearer <token>"; create a token with runfacts token create',
      );
    }
    const found = await options.store.verifyToken(token);
    if (found === null) {
      return new AuthError(
        'invalid_token',
        'the token is not valid (unknown, revoked or mistyped); list tokens with runfacts token list',
      );
    }
    return { name: found.name, scopes: new Set(found.scopes) };
  }
  if (!options.loopback || (await options.store.hasActiveTokens())) {
    return { name: ANONYMOUS_NAME, scopes: new Set() };
  }
  return (
    crossSiteProblem(request, options.allowedOrigins ?? []) ?? {
      name: LOCAL_NAME,
      scopes: new Set(SCOPES),
    }
  );
}

/**
 * Loopback without a token has every scope, so a web page the user visits must not borrow it:
 * the Host must be a loopback name (against DNS rebinding) and a browser Origin must be this
 * server itself or on the allow-list (against cross-site requests).
 */
function crossSiteProblem(request: HeaderSource, allowed: readonly string[]): AuthError | null {
  const host = request.headers.get('host');
  if (host !== null && !isLoopbackHost(host)) {
    return new AuthError(
      'forbidden_host',
      `requests without a token must address the server as localhost or a loopback address, not ${JSON.stringify(host)}; send a token`,
    );
  }
  const origin = request.headers.get('origin');
  if (origin === null || allowed.includes(origin)) return null;
  if (host !== null && sameHost(origin, host)) return null;
  return new AuthError(
    'forbidden_origin',
    `cross-origin request from ${origin} without a token refused; add the origin to the CORS allow-list or send a token`,
  );
}

function sameHost(origin: string, host: string): boolean {
  try {
    return new URL(origin).host === new URL(`http://${host}`).host;
  } catch {
    return false;
  }
}
