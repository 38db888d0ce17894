import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { offlinePage, screenshot } from '../helpers/browser.js';
import { type BrowserAndServer, startBrowserAndServer } from '../helpers/browser-server.js';

// Issue 12 item 2: GraphiQL must work with no network beyond the runfacts server itself.
let env: BrowserAndServer;

beforeAll(async () => {
  env = await startBrowserAndServer({ prefix: 'graphiql', runs: 12 });
});

afterAll(async () => {
  await env?.stop();
});

test('GraphiQL renders, runs a query and shows the result with other hosts unreachable', async () => {
  const { page, blocked, context } = await offlinePage(env.browser);
  const query = '{ runs(first: 3) { totalCount } }';
  await page.goto(`${env.server.url}/graphql?query=${encodeURIComponent(query)}`);
  const editor = page.locator('.graphiql-query-editor');
  await editor.waitFor({ state: 'visible', timeout: 30_000 });
  await expect.poll(() => editor.innerText(), { timeout: 15_000 }).toContain('totalCount');
  await page.locator('.graphiql-execute-button').click();
  const result = page.locator('.result-window');
  // Monaco lays text out with non-breaking spaces.
  const text = async () => (await result.innerText()).replace(/\s+/g, ' ');
  await expect.poll(text, { timeout: 15_000 }).toContain('"totalCount": 12');
  // A blank page compresses to a few KB; the editor, docs bar and result make a far larger PNG.
  expect((await readFile(await screenshot(page, 'graphiql'))).length).toBeGreaterThan(15_000);
  expect(await page.title()).not.toContain('__TITLE__');
  expect(blocked).toEqual([]);
  await context.close();
});
