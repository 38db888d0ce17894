import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type RunfactsClient, unwrap } from '../../sdk/src/index.js';
import {
  type OfflinePage,
  offlinePage,
  screenshot,
  seriousAxeViolations,
} from '../helpers/browser.js';
import { type BrowserAndServer, startBrowserAndServer } from '../helpers/browser-server.js';
import type { ServerProcess } from '../helpers/server-process.js';

// Issue 14: the dashboard against a real `runfacts serve` on a generated root, in a real
// headless Chromium that can reach nothing but 127.0.0.1. Each view is checked against the API.
let env: BrowserAndServer;
let server: ServerProcess;
let client: RunfactsClient;
let current: OfflinePage | null = null;
const MODEL = 'tttt-classifier';
/** The generated runs (with histories), not those the live test registers. */
const SYNTHETIC = "attributes.experiment LIKE 'binning-vs-direct%'";

async function open(hash: string): Promise<Page> {
  current = await offlinePage(env.browser);
  await current.page.goto(`${server.url}/${hash}`);
  return current.page;
}

/** Every page must load with no outside request, no page error and no serious axe finding. */
async function checkPage(page: Page, name: string): Promise<void> {
  await screenshot(page, `dashboard-${name}`);
  expect(await seriousAxeViolations(page)).toEqual([]);
  // JSX slips (an expression outside braces) show up as source text on the page.
  expect(await page.locator('main').innerText()).not.toMatch(/=>|\? \(|\) : \(|\.length ===/);
  expect(current?.blocked).toEqual([]);
  expect(current?.pageErrors).toEqual([]);
}

beforeAll(async () => {
  env = await startBrowserAndServer({ prefix: 'dashboard', runs: 150 });
  server = env.server;
  client = createClient({ url: `${server.url}/graphql` });
  unwrap(
    (await client.op.createRegisteredModel({ name: MODEL, description: '4t vs background' }))
      .createRegisteredModel,
  );
  const runs = await client.op.runs({
    first: 3,
    orderBy: [{ field: 'metrics.auroc', direction: 'DESC' }],
  });
  for (const edge of runs.runs.edges) {
    unwrap(
      (
        await client.op.createModelVersion({
          model: MODEL,
          runId: edge.node.id,
          source: `models/${edge.node.name}.pt`,
        })
      ).createModelVersion,
    );
  }
  unwrap(
    (
      await client.op.promote({
        model: MODEL,
        version: 1,
        to: 'Production',
        reason: 'first candidate',
        expectedVersion: null,
      })
    ).promote,
  );
});

afterEach(async () => {
  await current?.context.close();
  current = null;
});

afterAll(async () => {
  await client?.close();
  await env?.stop();
});

const totalText = (page: Page) => page.getByTestId('total-count').innerText();

describe('runs', () => {
  it('shows the API total and a page of runs, and a typed filter gives the API totalCount', async () => {
    const page = await open('#/runs');
    const all = await client.op.runs({ first: 1 });
    await expect.poll(() => totalText(page)).toBe(`${all.runs.totalCount} runs`);
    expect(await page.locator('tbody tr[data-run-id]').count()).toBe(50);

    const where = "metrics.auroc > 0.8 and params.model.pooling = 'max'";
    const expected = await client.op.runs({ first: 1, where });
    await page.getByLabel('Filter (where)').fill(where);
    await page.getByLabel('Filter (where)').press('Enter');
    await expect.poll(() => totalText(page)).toBe(`${expected.runs.totalCount} runs`);
    expect(expected.runs.totalCount).toBeLessThan(all.runs.totalCount);
    expect(decodeURIComponent(page.url())).toContain(where.replaceAll(' ', '+'));
    await checkPage(page, 'runs');
  });

  it('shows a where syntax error with the position the API reports', async () => {
    const page = await open('#/runs');
    const bad = 'metrics.auroc > and status = 1';
    const answer = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'query($w: String) { runs(where: $w) { totalCount } }',
        variables: { w: bad },
      }),
    });
    const body = (await answer.json()) as { errors: Array<{ extensions: { position: number } }> };
    const position = body.errors[0]?.extensions.position;
    expect(typeof position).toBe('number');
    await page.getByLabel('Filter (where)').fill(bad);
    await page.getByLabel('Filter (where)').press('Enter');
    await expect
      .poll(() => page.getByTestId('error-position').innerText())
      .toBe(`position ${position}`);
    await expect.poll(() => page.getByRole('alert').innerText()).toContain('^');
  });

  it('sorts by a column, pages with cursors and shows a chosen param column', async () => {
    const page = await open('#/runs?sort=metrics.auroc:desc&n=25');
    const top = await client.op.runs({
      first: 26,
      orderBy: [{ field: 'metrics.auroc', direction: 'DESC' }],
    });
    const firstId = top.runs.edges[0]?.node.id;
    await expect
      .poll(() => page.locator('tbody tr').first().getAttribute('data-run-id'))
      .toBe(firstId);
    await page.getByRole('button', { name: 'Next' }).click();
    await expect
      .poll(() => page.locator('tbody tr').first().getAttribute('data-run-id'))
      .toBe(top.runs.edges[25]?.node.id);
    await page.getByRole('button', { name: 'Previous' }).click();
    await expect
      .poll(() => page.locator('tbody tr').first().getAttribute('data-run-id'))
      .toBe(firstId);
    await page.getByText('Columns (8)').click();
    await page.getByRole('checkbox', { name: 'params.model.pooling' }).check();
    await expect.poll(() => page.locator('thead').innerText()).toContain('params.model.pooling');
  });

  it('narrows by the quick filters and exports the whole view as CSV', async () => {
    const experiment = 'binning-vs-direct-1';
    const expected = await client.op.runs({
      first: 1,
      filter: { experiment: [experiment], needsReview: false },
    });
    const page = await open('#/runs');
    await page.getByRole('combobox', { name: /^Experiment/ }).selectOption(experiment);
    await page.getByRole('combobox', { name: /^Needs review/ }).selectOption('no');
    await expect.poll(() => totalText(page)).toBe(`${expected.runs.totalCount} runs`);
    expect(page.url()).toContain(`experiment=${experiment}`);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    const csv = await readFile((await download.path()) ?? '', 'utf8');
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'attributes.run_name,attributes.experiment,attributes.status,meta.model_family,meta.dataset_name,meta.meta_confidence,metrics.auroc,attributes.started_at',
    );
    expect(lines.length - 1).toBe(expected.runs.totalCount);
    expect(lines.slice(1).every((l) => l.split(',')[1] === experiment)).toBe(true);
  });

  it('shows a run registered through the API within 2 s, without reload', async () => {
    const page = await open('#/runs');
    await expect.poll(() => page.getByTestId('live-status').innerText()).toContain('live');
    await expect.poll(() => totalText(page)).toMatch(/runs$/);
    const meta = {
      goal: 'classification',
      datasetName: '4topsplitted',
      modelFamily: 'mlp',
      processGroups: [['4t'], ['ttH']],
    };
    // A first run proves the page's subscription is open (its event is named in the status).
    const probe = await client.startRun({ experiment: 'live-check', name: 'probe', meta });
    await expect
      .poll(() => page.getByTestId('live-status').innerText(), { timeout: 15_000 })
      .toContain(probe.id);
    const run = await client.startRun({ experiment: 'live-check', name: 'fresh', meta });
    await page.locator(`tr[data-run-id="${run.id}"]`).waitFor({ timeout: 2_000 });
  });
});

describe('run', () => {
  it('shows meta with confidence, hash, params, metrics, artifacts and history charts', async () => {
    const list = await client.op.runs({
      first: 1,
      where: `meta.needs_review = true and ${SYNTHETIC}`,
    });
    const id = list.runs.edges[0]?.node.id ?? '';
    const { run } = await client.op.run({ id });
    const page = await open(`#/run/${encodeURIComponent(id)}`);
    await expect.poll(() => page.getByTestId('meta-hash').innerText()).toBe(run?.meta.metaHash);
    const text = await page.locator('main').innerText();
    expect(text).toContain(id);
    for (const reason of run?.meta.needsReviewReasons ?? []) expect(text).toContain(reason);
    expect(run?.meta.needsReviewReasons.length).toBeGreaterThan(0);
    expect(text).toContain('model.pooling');
    expect(text).toContain('auroc');
    // One uPlot canvas per history key shown (the first three).
    await expect
      .poll(() => page.locator('figure.chart canvas').count())
      .toBe(Math.min(3, run?.historyKeys.length ?? 0));
    await checkPage(page, 'run');
  });

  it('writes a meta override and shows the meta before and after', async () => {
    const list = await client.op.runs({
      first: 1,
      where: `meta.model_family = 'bdt' and ${SYNTHETIC}`,
    });
    const id = list.runs.edges[0]?.node.id ?? '';
    const page = await open(`#/run/${encodeURIComponent(id)}`);
    await page.getByLabel('model_family').fill('mlp');
    await page.getByLabel('reason (required)').fill('checked the config by hand');
    await page.getByRole('button', { name: 'Write override' }).click();
    const diff = page.locator('table', {
      has: page.getByText('Meta before and after the override'),
    });
    await expect
      .poll(() => diff.locator('tr.changed').first().innerText())
      .toContain('model_family');
    expect(await diff.locator('tr.changed').first().innerText()).toMatch(/bdt\s+mlp/);
    const { run } = await client.op.run({ id });
    expect(run?.meta.modelFamily).toBe('mlp');
    expect(run?.meta.metaSource).toBe('override');
  });
});

describe('compare', () => {
  it('puts 3 runs side by side with the differing keys the API marks, and overlays curves', async () => {
    const list = await client.op.runs({ first: 3, where: SYNTHETIC });
    const ids = list.runs.edges.map((e) => e.node.id);
    const { compare } = await client.op.compare({ runIds: ids });
    const page = await open(`#/compare?ids=${ids.join(',')}`);
    const differing = [...compare.params, ...compare.metrics].filter((k) => k.differs).length;
    await expect.poll(() => page.locator('tr[data-differs="true"]').count()).toBe(differing);
    expect(await page.locator('tr[data-differs="false"]').count()).toBe(
      compare.params.length + compare.metrics.length - differing,
    );
    await expect.poll(() => page.locator('figure.chart canvas').count()).toBe(1);
    expect(await page.locator('.u-legend .u-series').count()).toBe(1 + ids.length);
    await checkPage(page, 'compare');
  });
});

describe('coverage', () => {
  it("draws the API coverage cells, gaps included, and lists a cell's runs on click", async () => {
    const page = await open(
      '#/coverage?rows=MODEL_FAMILY&columns=PARAM&columnsParam=model.pooling&metric=auroc',
    );
    const { coverage } = await client.op.coverage({
      rows: 'MODEL_FAMILY',
      columns: 'PARAM',
      columnsParam: 'model.pooling',
      metric: 'auroc',
    });
    await expect
      .poll(() => page.locator('td[data-n]').count())
      .toBe(coverage.rows.length * coverage.columns.length);
    const shown = await page.locator('td[data-n]:not(.gap)').evaluateAll((tds) =>
      tds.map((td) => ({
        row: td.getAttribute('data-row'),
        column: td.getAttribute('data-col'),
        n: Number(td.getAttribute('data-n')),
        best: Number(td.getAttribute('data-best')),
        median: Number(td.getAttribute('data-median')),
      })),
    );
    const api = coverage.cells.map((c) => ({
      row: c.row,
      column: c.column,
      n: c.nRuns,
      best: c.best,
      median: c.median,
    }));
    const order = (a: { row: string | null; column: string | null }, b: typeof a) =>
      `${a.row}/${a.column}`.localeCompare(`${b.row}/${b.column}`);
    expect(shown.sort(order)).toEqual(api.sort(order));
    expect(await page.locator('td.gap').count()).toBe(
      coverage.rows.length * coverage.columns.length - coverage.cells.length,
    );
    const cell = coverage.cells[0];
    // Keyboard only: each cell is a button.
    await page.locator(`td[data-row="${cell?.row}"][data-col="${cell?.column}"] button`).focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByTestId('cell-runs').locator('tbody tr').count())
      .toBe(cell?.nRuns);
    await checkPage(page, 'coverage');
  });

  it('counts runs that need review only when the toggle says so', async () => {
    const page = await open('#/coverage');
    const without = await client.op.coverage({ metric: 'auroc' });
    const withReview = await client.op.coverage({ metric: 'auroc', includeNeedsReview: true });
    const sum = (cells: { nRuns: number }[]) => cells.reduce((n, c) => n + c.nRuns, 0);
    const shownSum = () =>
      page
        .locator('td[data-best]')
        .evaluateAll((tds) => tds.reduce((n, td) => n + Number(td.getAttribute('data-n')), 0));
    await expect.poll(shownSum).toBe(sum(without.coverage.cells));
    await page.getByLabel('Include runs that need review').check();
    await expect.poll(shownSum).toBe(sum(withReview.coverage.cells));
    expect(sum(withReview.coverage.cells)).toBeGreaterThan(sum(without.coverage.cells));
  });
});

describe('sweep', () => {
  it('marks the combinations the API reports missing', async () => {
    // Two levels no run has make missing combinations on purpose.
    const factors = [
      { field: 'params.model.pooling', levels: ['cls', 'mean', 'max', 'attention'] },
      { field: 'params.tokenizer.name', levels: ['direct', 'binned', 'vq'] },
      { field: 'params.data.met', levels: ['true', 'false'] },
      { field: 'params.data.vect', levels: ['4vect', '5vect', '6vect'] },
    ];
    const { sweep } = await client.op.sweep({ factors, metric: 'auroc' });
    const text = factors.map((f) => `${f.field}=${f.levels.join(',')}`).join('\n');
    const page = await open(`#/sweep?factors=${encodeURIComponent(text)}`);
    await expect.poll(() => page.locator('td[data-levels]').count()).toBe(sweep.totalCells);
    const missing = await page
      .locator('td.missing')
      .evaluateAll((tds) => tds.map((td) => td.getAttribute('data-levels')));
    expect(missing.sort()).toEqual(sweep.missing.map((m) => m.levels.join('|')).sort());
    expect(sweep.missing.length).toBeGreaterThan(0);
    expect(await page.getByTestId('sweep-summary').innerText()).toContain(
      `${sweep.missing.length} missing`,
    );
    await checkPage(page, 'sweep');
  });
});

describe('registry', () => {
  it('promotes from the page into the API history, and shows a conflict for a stale expectation', async () => {
    const page = await open(`#/registry?model=${MODEL}`);
    await expect.poll(() => page.getByTestId('history').innerText()).toContain('first candidate');
    await page.getByLabel('Version', { exact: true }).selectOption('2');
    await expect.poll(() => page.getByLabel('Expected current version').inputValue()).toBe('1');
    await page.getByLabel('Reason (required)').fill('better auroc on the holdout');
    await page.getByRole('button', { name: 'Move Production to v2' }).click();
    await expect
      .poll(() => page.getByRole('status').innerText())
      .toContain('Production moved to v2');
    const { registeredModel } = await client.op.registeredModel({ name: MODEL });
    const last = registeredModel?.history.at(-1);
    expect(last).toMatchObject({
      alias: 'Production',
      fromVersion: 1,
      toVersion: 2,
      reason: 'better auroc on the holdout',
    });
    await expect
      .poll(() => page.getByTestId('history').innerText())
      .toContain('better auroc on the holdout');

    // Someone else moves it; the page's expectation (v2) is now stale.
    unwrap(
      (
        await client.op.promote({
          model: MODEL,
          version: 3,
          to: 'Production',
          reason: 'elsewhere',
          expectedVersion: 2,
        })
      ).promote,
    );
    await page.getByLabel('Version', { exact: true }).selectOption('1');
    await page.getByLabel('Reason (required)').fill('roll back');
    await page.getByRole('button', { name: 'Move Production to v1' }).click();
    await expect.poll(() => page.getByRole('alert').innerText()).toContain('Conflict');
    expect(await page.getByRole('alert').innerText()).toContain('it is v3');
    await checkPage(page, 'registry');
  });
});

it('the accessibility check finds a serious problem when there is one', async () => {
  const page = await open('#/runs');
  await page.setContent(
    '<html lang="en"><body><main><input id="x"><img src="data:,"></main></body></html>',
  );
  const found = await seriousAxeViolations(page);
  expect(found.map((v) => v.id)).toEqual(expect.arrayContaining(['label', 'image-alt']));
});
