import { randomBytes } from 'node:crypto';

/**
 * A token is `rf_<id>_<secret>`: the id (12 hex characters, not secret) finds the record, so a
 * check costs one scrypt; the secret is 32 random bytes in base64url.
 */
const TOKEN = /^rf_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Names the server gives callers without a token; a token may not take them. */
export const RESERVED_NAMES: readonly string[] = ['local', 'anonymous'];

export function newToken(): { id: string; secret: string; token: string } {
  const id = randomBytes(6).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { id, secret, token: `rf_${id}_${secret}` };
}

export function parseToken(token: string): { id: string; secret: string } | null {
  const m = TOKEN.exec(token);
  return m?.[1] && m[2] ? { id: m[1], secret: m[2] } : null;
}

/** Why `name` cannot name a token, or null when it can. */
export function tokenNameProblem(name: string): string | null {
  if (!NAME.test(name)) {
    return `token name ${JSON.stringify(name)} must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit`;
  }
  if (RESERVED_NAMES.includes(name.toLowerCase())) {
    return `token name ${JSON.stringify(name)} is reserved for callers without a token; pick another`;
  }
  return null;
}
