/** What a token may do: read = queries and subscriptions, write = run writes, promote = protected aliases, admin = backfill, mirror and tokens. */
export const SCOPES = ['read', 'write', 'promote', 'admin'] as const;

export type Scope = (typeof SCOPES)[number];

export function isScope(value: string): value is Scope {
  return (SCOPES as readonly string[]).includes(value);
}

/**
 * Scopes from a comma-separated list such as `write,read`; throws naming the unknown ones.
 * Scopes are exactly what is listed: `admin` does not imply `read`.
 */
export function parseScopes(list: string | readonly string[]): Scope[] {
  const parts = (typeof list === 'string' ? list.split(',') : [...list])
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const unknown = parts.filter((s) => !isScope(s));
  if (unknown.length > 0) {
    throw new ScopeListError(
      `unknown scope ${unknown.map((s) => JSON.stringify(s)).join(', ')}; use a comma-separated list of ${SCOPES.join(', ')}`,
    );
  }
  if (parts.length === 0) {
    throw new ScopeListError(`no scopes given; use a comma-separated list of ${SCOPES.join(', ')}`);
  }
  return SCOPES.filter((s) => parts.includes(s));
}

export class ScopeListError extends Error {
  override name = 'ScopeListError';
}

/** The Pothos scope-auth map for a set of scopes: `{ read: true, write: false, ... }`. */
export function authScopesOf(scopes: ReadonlySet<Scope>): Record<Scope, boolean> {
  return {
    read: scopes.has('read'),
    write: scopes.has('write'),
    promote: scopes.has('promote'),
    admin: scopes.has('admin'),
  };
}
