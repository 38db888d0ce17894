import { describe, expect, it } from 'vitest';
import { authenticate, type Principal } from '../../../server/src/auth/authenticate.js';
import { AuthError } from '../../../server/src/auth/errors.js';
import type { TokenVerifier, VerifiedToken } from '../../../server/src/auth/token-store.js';

/** A verifier over a fixed token table; the store itself is tested in token-store.test.ts. */
function verifier(tokens: Record<string, VerifiedToken>): TokenVerifier {
  return {
    verifyToken: async (t) => tokens[t] ?? null,
    hasActiveTokens: async () => Object.keys(tokens).length > 0,
  };
}
const none = verifier({});
const some = verifier({ rf_good: { id: '1', name: 'ci', scopes: ['read', 'write'] } });

function request(headers: Record<string, string>) {
  return new Request('http://127.0.0.1:4000/graphql', { headers });
}
const scopesOf = (p: Principal | AuthError) => (p instanceof AuthError ? p : [...p.scopes].sort());

describe('authenticate', () => {
  it('gives a loopback caller every scope, as "local", while no token exists', async () => {
    const p = await authenticate(request({ host: '127.0.0.1:4000' }), {
      store: none,
      loopback: true,
    });
    expect(p).toMatchObject({ name: 'local' });
    expect(scopesOf(p)).toEqual(['admin', 'promote', 'read', 'write']);
  });

  it('gives no scope to a caller without a token once tokens exist, loopback or not', async () => {
    for (const loopback of [true, false]) {
      const p = await authenticate(request({}), { store: some, loopback });
      expect(p).toMatchObject({ name: 'anonymous' });
      expect(scopesOf(p)).toEqual([]);
    }
  });

  it('gives no scope to a non-loopback caller without a token while none exists', async () => {
    const p = await authenticate(request({}), { store: none, loopback: false });
    expect(scopesOf(p)).toEqual([]);
  });

  it("gives a bearer exactly its token's scopes, from anywhere", async () => {
    const p = await authenticate(request({ authorization: 'Bearer rf_good' }), {
      store: some,
      loopback: false,
    });
    expect(p).toMatchObject({ name: 'ci' });
    expect(scopesOf(p)).toEqual(['read', 'write']);
  });

  it('refuses (401) a wrong token or a malformed header instead of downgrading', async () => {
    for (const [header, code] of [
      ['Bearer rf_bad', 'invalid_token'],
      ['Basic dXNlcjpwYXNz', 'malformed_header'],
      ['Bearer', 'malformed_header'],
      ['Bearer a b', 'malformed_header'],
    ] as const) {
      for (const store of [none, some]) {
        const p = await authenticate(request({ authorization: header }), { store, loopback: true });
        expect(p).toBeInstanceOf(AuthError);
        expect((p as AuthError).code).toBe(code);
        expect((p as AuthError).status).toBe(401);
      }
    }
  });

  it('refuses the tokenless local principal to other web origins and rebinding hosts', async () => {
    const opts = { store: none, loopback: true, allowedOrigins: ['https://dash.example.org'] };
    const evil = await authenticate(
      request({ host: '127.0.0.1:4000', origin: 'https://evil.example' }),
      opts,
    );
    expect((evil as AuthError).code).toBe('forbidden_origin');
    expect((evil as AuthError).status).toBe(403);
    const rebinding = await authenticate(request({ host: 'evil.example:4000' }), opts);
    expect((rebinding as AuthError).code).toBe('forbidden_host');
    const nullOrigin = await authenticate(
      request({ host: 'localhost:4000', origin: 'null' }),
      opts,
    );
    expect((nullOrigin as AuthError).code).toBe('forbidden_origin');
  });

  it('lets the same origin (GraphiQL) and allow-listed dashboards act as local', async () => {
    const opts = { store: none, loopback: true, allowedOrigins: ['https://dash.example.org'] };
    for (const headers of [
      { host: '127.0.0.1:4000', origin: 'http://127.0.0.1:4000' },
      { host: 'localhost:4000', origin: 'http://localhost:4000' },
      { host: '[::1]:4000', origin: 'http://[::1]:4000' },
      { host: 'localhost:4000', origin: 'https://dash.example.org' },
    ]) {
      expect(await authenticate(request(headers), opts)).toMatchObject({ name: 'local' });
    }
    const otherPort = await authenticate(
      request({ host: 'localhost:4000', origin: 'http://localhost:5173' }),
      opts,
    );
    expect(otherPort).toBeInstanceOf(AuthError);
  });
});
