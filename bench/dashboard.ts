/**
 * Dashboard benchmark (issue 14): script and style sizes (raw and gzipped) of the built
 * dashboard, and in a headless Chromium the first load of the runs page (navigation start to
 * the table showing the total), a next-page click (cursor paging) and the coverage heatmap.
 *   npx tsx bench/dashboard.ts --runs 100000 --loads 10
 * Writes bench/results/dashboard-<runs>.json. Needs web/dist (npm install builds it).
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { DASHBOARD_DIR } from '../server/src/http/static-dashboard.js';
import { listen } from '../server/src/main.js';
import { launchBrowser } from '../test/helpers/browser.js';
import { syntheticDataSet } from './lib/data-set.js';

const BENCH_DIR = new URL('.', import.meta.url).pathname;
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '10000' },
    loads: { type: 'string', default: '10' },
  },
});
const runs = Number(values.runs);
const loads = Number(values.loads);
if (!Number.isInteger(runs) || runs < 1)
  throw new Error(`--runs must be a positive integer, got ${values.runs}`);
const log = (line: string) => process.stderr.write(`${line}\n`);

async function assetSizes() {
  const dir = join(DASHBOARD_DIR, 'assets');
  const sizes = { jsBytes: 0, jsGzipBytes: 0, cssBytes: 0, cssGzipBytes: 0 };
  for (const name of await readdir(dir)) {
    const body = await readFile(join(dir, name));
    const gz = gzipSync(body, { level: 9 }).length;
    if (name.endsWith('.js')) {
      sizes.jsBytes += body.length;
      sizes.jsGzipBytes += gz;
    } else if (name.endsWith('.css')) {
      sizes.cssBytes += body.length;
      sizes.cssGzipBytes += gz;
    }
  }
  return sizes;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
};

const sizes = await assetSizes();
log(
  `scripts ${(sizes.jsGzipBytes / 1024).toFixed(1)} KB gzipped (${(sizes.jsBytes / 1024).toFixed(1)} KB raw)`,
);
const root = await syntheticDataSet(runs, log);
const load = [loadavg()[0] ?? 0];
const server = await listen({ root, host: '127.0.0.1', port: 0, refresh: false });
const browser = await launchBrowser();
const firstLoad: number[] = [];
const nextPage: number[] = [];
const heatmap: number[] = [];
try {
  for (let i = 0; i < loads; i++) {
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${server.url}/#/runs`);
    await page
      .getByTestId('total-count')
      .filter({ hasText: / runs$/ })
      .waitFor();
    firstLoad.push(await page.evaluate(() => performance.now()));
    const before = await page.locator('tbody tr').first().getAttribute('data-run-id');
    const t0 = Date.now();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.waitForFunction(
      (id) => document.querySelector('tbody tr')?.getAttribute('data-run-id') !== id,
      before,
    );
    nextPage.push(Date.now() - t0);
    const t1 = Date.now();
    await page.goto(`${server.url}/#/coverage`);
    await page.locator('td[data-n]').first().waitFor();
    heatmap.push(Date.now() - t1);
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
load.push(loadavg()[0] ?? 0);
const result = {
  runs,
  loads,
  at: new Date().toISOString(),
  ...sizes,
  firstLoadMs: { p50: median(firstLoad), max: Math.max(...firstLoad) },
  nextPageMs: { p50: median(nextPage), max: Math.max(...nextPage) },
  heatmapMs: { p50: median(heatmap), max: Math.max(...heatmap) },
  loadAvg: load,
};
await writeFile(
  join(BENCH_DIR, 'results', `dashboard-${runs}.json`),
  `${JSON.stringify(result, null, 2)}\n`,
);
console.log(JSON.stringify(result, null, 2));
