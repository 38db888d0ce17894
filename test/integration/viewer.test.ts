import { afterAll, beforeAll, expect, it } from 'vitest';
import { TokenStore } from '../../server/src/auth/token-store.js';
import { writeSyntheticRuns } from '../../server/src/demo/write-synthetic.js';
import { listen, type RunningServer } from '../../server/src/main.js';
import { makeTempDir } from '../helpers/temp-dir.js';

// viewer tells a client (the dashboard) which scopes its token has, whatever they are.
let root: Awaited<ReturnType<typeof makeTempDir>>;
let server: RunningServer;
const tokens: Record<string, string> = {};

async function viewer(token: string | null) {
  const res = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query: '{ viewer { name scopes } }' }),
  });
  return (await res.json()) as { data?: { viewer: { name: string; scopes: string[] } } };
}

beforeAll(async () => {
  root = await makeTempDir('viewer');
  await writeSyntheticRuns(root.path, 2);
  const store = new TokenStore(root.path);
  tokens.pusher = (await store.createToken({ name: 'pusher', scopes: ['write'] })).token;
  tokens.releaser = (
    await store.createToken({ name: 'releaser', scopes: ['read', 'write', 'promote'] })
  ).token;
  server = await listen({
    root: root.path,
    host: '127.0.0.1',
    port: 0,
    indexPath: ':memory:',
    refresh: false,
  });
});
afterAll(async () => {
  await server?.close();
  await root?.remove();
});

it('answers each token its own name and scopes, even a token without read', async () => {
  expect((await viewer(tokens.pusher ?? '')).data?.viewer).toEqual({
    name: 'pusher',
    scopes: ['write'],
  });
  expect((await viewer(tokens.releaser ?? '')).data?.viewer).toEqual({
    name: 'releaser',
    scopes: ['read', 'write', 'promote'],
  });
});

it('answers a caller without a token (tokens exist) that it may do nothing', async () => {
  expect((await viewer(null)).data?.viewer).toEqual({ name: 'anonymous', scopes: [] });
});
