import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { writeSyntheticRuns } from '../../server/src/demo/write-synthetic.js';
import { launchBrowser, offlinePage, screenshot } from '../helpers/browser.js';
import { exited, type ServerProcess, startServerProcess } from '../helpers/server-process.js';
import { makeTempDir } from '../helpers/temp-dir.js';

// Issue 12 item 2: GraphiQL must work with no network beyond the runfacts server itself.
let dir: Awaited<ReturnType<typeof makeTempDir>>;
let server: ServerProcess;
let browser: Browser;

beforeAll(async () => {
  dir = await makeTempDir('graphiql');
  await writeSyntheticRuns(dir.path, 12);
  [server, browser] = await Promise.all([
    startServerProcess(['--root', dir.path, '--no-watch']),
    launchBrowser(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  server?.child.kill('SIGKILL');
  if (server) await exited(server.child);
  await dir?.remove();
});

test('GraphiQL renders, runs a query and shows the result with other hosts unreachable', async () => {
  const { page, blocked, context } = await offlinePage(browser);
  const query = '{ runs(first: 3) { totalCount } }';
  await page.goto(`${server.url}/graphql?query=${encodeURIComponent(query)}`);
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
