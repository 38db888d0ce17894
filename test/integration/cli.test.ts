import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { listen, type RunningServer } from '../../server/src/main.js';
import { makeTempDir } from '../helpers/temp-dir.js';

const run = promisify(execFile);
const BIN = new URL('../../server/bin/runfacts.js', import.meta.url).pathname;
let server: RunningServer;
let root: { path: string; remove: () => Promise<void> };

async function cli(...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run('node', [BIN, ...args], {
      env: { ...process.env, RUNFACTS_URL: `${server.url}/graphql` },
    });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const e = error as { stdout: string; stderr: string; code: number };
    return { stdout: e.stdout, stderr: e.stderr, code: e.code };
  }
}

beforeAll(async () => {
  root = await makeTempDir('cli');
  server = await listen({
    waitForIndex: true,
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

it('register, log, finish and query from the shell', async () => {
  const meta = JSON.stringify({
    goal: 'classification',
    datasetName: 'ds',
    modelFamily: 'mlp',
    processGroups: [[1], [2]],
  });
  const registered = await cli(
    'register',
    '--experiment',
    'cli',
    '--name',
    'shell run',
    '--arch',
    'mlp-2',
    '--meta',
    meta,
    '--config',
    '{"optim":{"lr":0.01}}',
  );
  expect(registered.code).toBe(0);
  const runId = registered.stdout.trim();
  expect(runId).toMatch(/^shell_run__mlp-2__\d{8}_\d{6}$/);
  expect((await cli('log', runId, 'loss=0.5', 'acc=0.75', '--step', '3')).code).toBe(0);
  expect(
    (await cli('finish', runId, '--metric', 'auroc=0.93', '--artifact', 'models/m.pt')).code,
  ).toBe(0);
  const csv = await cli(
    'runs',
    '--where',
    'metrics.auroc > 0.9',
    '--format',
    'csv',
    '--columns',
    'id,status,metrics.auroc,metrics.acc,params.optim.lr',
  );
  expect(csv.stdout).toBe(
    `id,status,metrics.auroc,metrics.acc,params.optim.lr\r\n${runId},FINISHED,0.93,0.75,0.01\r\n`,
  );
  const json = JSON.parse((await cli('runs', '--format', 'json')).stdout);
  expect(json[0].meta.rowKey).toBe('ds::4t|ttH');
});

it('bad input exits non-zero with the typed error on stderr', async () => {
  const bad = await cli(
    'register',
    '--experiment',
    'cli',
    '--name',
    'x',
    '--meta',
    '{"goal":"clustering"}',
  );
  expect(bad.code).toBe(1);
  expect(bad.stderr).toMatch(/InvalidInputError: goal: "clustering" is not one of/);
  const unknown = await cli('log', 'nope', 'loss=1');
  expect(unknown.code).toBe(1);
  expect(unknown.stderr).toMatch(/RunNotFoundError/);
  const nan = await cli('log', 'nope', 'loss=NaN');
  expect(nan.stderr).toMatch(/must be a finite number/);
});
