import { afterAll, beforeAll, expect, it } from 'vitest';
import { createClient, unwrap } from '../../sdk/src/index.js';
import { TokenStore } from '../../server/src/auth/token-store.js';
import { offlinePage, screenshot } from '../helpers/browser.js';
import { type BrowserAndServer, startBrowserAndServer } from '../helpers/browser-server.js';
import type { ServerProcess } from '../helpers/server-process.js';

// A server with tokens: the dashboard sends the token typed in its field (kept in
// sessionStorage) and disables, with the reason, what the token's scopes do not allow.
let env: BrowserAndServer;
let server: ServerProcess;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  env = await startBrowserAndServer({
    prefix: 'dashboard-tokens',
    runs: 10,
    prepare: async (root) => {
      const store = new TokenStore(root);
      tokens.reader = (await store.createToken({ name: 'reader', scopes: ['read'] })).token;
      tokens.writer = (
        await store.createToken({ name: 'writer', scopes: ['read', 'write'] })
      ).token;
    },
  });
  server = env.server;
  const client = createClient({ url: `${server.url}/graphql`, token: tokens.writer });
  unwrap((await client.op.createRegisteredModel({ name: 'm' })).createRegisteredModel);
  const runs = await client.op.runs({ first: 1 });
  const runId = runs.runs.edges[0]?.node.id ?? '';
  unwrap(
    (await client.op.createModelVersion({ model: 'm', runId, source: 'm.pt' })).createModelVersion,
  );
  await client.close();
});

afterAll(async () => {
  await env?.stop();
});

// Every request with a token verifies it (scrypt): polls get time for a loaded machine.
const slow = { timeout: 20_000 };

it('without a token shows the refusal; a read token reads; promote stays disabled with the reason', async () => {
  const { page, context, blocked } = await offlinePage(env.browser);
  await page.goto(`${server.url}/#/registry?model=m`);
  await expect
    .poll(() => page.getByTestId('viewer').innerText(), slow)
    .toBe('as anonymous (no scopes)');
  await expect
    .poll(() => page.getByRole('alert').first().innerText(), slow)
    .toContain('not allowed');

  await page.getByLabel('API token').fill(tokens.reader ?? '');
  await page.getByRole('button', { name: 'Use' }).click();
  await expect.poll(() => page.getByTestId('viewer').innerText(), slow).toBe('as reader (read)');
  await expect
    .poll(() => page.getByTestId('promote-refused').innerText(), slow)
    .toContain('needs the write scope');
  expect(await page.getByRole('button', { name: /^Move Production/ }).isDisabled()).toBe(true);
  expect(await page.evaluate(() => sessionStorage.getItem('runfacts.token'))).toBe(tokens.reader);
  expect(page.url()).not.toContain(tokens.reader);

  await page.getByLabel('API token').fill(tokens.writer ?? '');
  await page.getByRole('button', { name: 'Use' }).click();
  await expect
    .poll(() => page.getByTestId('promote-refused').innerText(), slow)
    .toContain('needs the promote scope');
  await screenshot(page, 'dashboard-tokens');
  expect(blocked).toEqual([]);
  await context.close();
});
