import { readFile, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TokenFileError, TokenStoreError } from '../../../server/src/auth/errors.js';
import { ScopeListError } from '../../../server/src/auth/scopes.js';
import { TokenStore } from '../../../server/src/auth/token-store.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

let dir: { path: string; remove: () => Promise<void> };
beforeEach(async () => {
  dir = await makeTempDir('tokens');
});
afterEach(async () => {
  await dir.remove();
});

describe('TokenStore', () => {
  it('creates a token that verifies to its name and scopes', async () => {
    const store = new TokenStore(dir.path);
    const { token, summary } = await store.createToken({ name: 'ci', scopes: ['write', 'read'] });
    expect(token).toMatch(/^rf_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(summary).toMatchObject({ name: 'ci', scopes: ['read', 'write'], revoked_at: null });
    expect(await store.verifyToken(token)).toEqual({
      id: summary.id,
      name: 'ci',
      scopes: ['read', 'write'],
    });
    expect(await store.hasActiveTokens()).toBe(true);
  });

  it('stores only a salted scrypt hash: neither the token nor its secret is on disk', async () => {
    const store = new TokenStore(dir.path);
    const a = await store.createToken({ name: 'a', scopes: ['read'] });
    const b = await store.createToken({ name: 'b', scopes: ['read'] });
    const text = await readFile(store.file, 'utf8');
    for (const { token } of [a, b]) {
      const secret = token.split('_').slice(2).join('_');
      expect(text).not.toContain(token);
      expect(text).not.toContain(secret);
    }
    const records = JSON.parse(text) as Array<{ hash: string }>;
    expect(records).toHaveLength(2);
    for (const r of records)
      expect(r.hash).toMatch(/^scrypt\$ln=15,r=8,p=1\$[\w-]{22}\$[\w-]{43}$/);
    expect(records[0]?.hash.split('$')[2]).not.toBe(records[1]?.hash.split('$')[2]);
    expect(await store.listTokens()).not.toContainEqual(
      expect.objectContaining({ hash: expect.anything() }),
    );
  });

  it('refuses a wrong secret for a known id, a malformed token and an unknown id', async () => {
    const store = new TokenStore(dir.path);
    const { token } = await store.createToken({ name: 'ci', scopes: ['read'] });
    const last = token.at(-1) === 'A' ? 'B' : 'A';
    expect(await store.verifyToken(`${token.slice(0, -1)}${last}`)).toBeNull();
    expect(await store.verifyToken('rf_nope')).toBeNull();
    expect(await store.verifyToken(`rf_000000000000_${token.slice(-43)}`)).toBeNull();
    expect(await store.verifyToken('')).toBeNull();
  });

  it('revokes by name or id, at once even for a token verified (and cached) before', async () => {
    const store = new TokenStore(dir.path);
    const a = await store.createToken({ name: 'a', scopes: ['read'] });
    const b = await store.createToken({ name: 'b', scopes: ['admin'] });
    expect(await store.verifyToken(a.token)).not.toBeNull();
    const revoked = await store.revokeToken('a');
    expect(revoked.revoked_at).not.toBeNull();
    expect(await store.verifyToken(a.token)).toBeNull();
    await store.revokeToken(b.summary.id);
    expect(await store.verifyToken(b.token)).toBeNull();
    expect(await store.hasActiveTokens()).toBe(false);
    expect((await store.listTokens()).map((t) => t.revoked_at === null)).toEqual([false, false]);
  });

  it('sees tokens created and revoked by another process (another store on the same root)', async () => {
    const server = new TokenStore(dir.path);
    const cli = new TokenStore(dir.path);
    expect(await server.hasActiveTokens()).toBe(false);
    const { token } = await cli.createToken({ name: 'dash', scopes: ['read'] });
    expect(await server.verifyToken(token)).toMatchObject({ name: 'dash' });
    await cli.revokeToken('dash');
    expect(await server.verifyToken(token)).toBeNull();
  });

  it('keeps every token when stores on the same root create at the same time', async () => {
    const stores = Array.from({ length: 4 }, () => new TokenStore(dir.path));
    const made = await Promise.all(
      stores.map((s, i) => s.createToken({ name: `t${i}`, scopes: ['read'] })),
    );
    const fresh = new TokenStore(dir.path);
    expect((await fresh.listTokens()).map((t) => t.name).sort()).toEqual(['t0', 't1', 't2', 't3']);
    for (const m of made) expect(await fresh.verifyToken(m.token)).not.toBeNull();
  });

  it('refuses bad and duplicate names, reserved names and unknown scopes, writing nothing', async () => {
    const store = new TokenStore(dir.path);
    await store.createToken({ name: 'ci', scopes: ['read'] });
    const before = await readFile(store.file, 'utf8');
    await expect(store.createToken({ name: 'CI', scopes: ['read'] })).rejects.toThrow(
      /a token named "ci" exists; revoke it first/,
    );
    await expect(store.createToken({ name: '../x', scopes: ['read'] })).rejects.toThrow(
      TokenStoreError,
    );
    await expect(store.createToken({ name: 'local', scopes: ['read'] })).rejects.toThrow(
      /reserved/,
    );
    await expect(store.createToken({ name: 'x', scopes: ['read', 'root'] })).rejects.toThrow(
      ScopeListError,
    );
    await expect(store.createToken({ name: 'x', scopes: [] })).rejects.toThrow(/no scopes/);
    expect(await readFile(store.file, 'utf8')).toBe(before);
  });

  it('lets a revoked name be used again, and refuses to revoke an unknown name', async () => {
    const store = new TokenStore(dir.path);
    await store.createToken({ name: 'ci', scopes: ['read'] });
    await store.revokeToken('ci');
    const again = await store.createToken({ name: 'ci', scopes: ['write'] });
    expect(await store.verifyToken(again.token)).toMatchObject({ scopes: ['write'] });
    await expect(store.revokeToken('nobody')).rejects.toThrow(/active tokens: ci/);
  });

  it('fails closed on a damaged tokens file, naming the file', async () => {
    const store = new TokenStore(dir.path);
    const { token } = await store.createToken({ name: 'ci', scopes: ['read'] });
    await writeFile(store.file, '[{"id": "nope"}]');
    await expect(store.verifyToken(token)).rejects.toThrow(TokenFileError);
    await expect(store.hasActiveTokens()).rejects.toThrow(/tokens\.json: 0\.id/);
  });
});
