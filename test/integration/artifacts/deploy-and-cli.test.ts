import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { writeSyntheticRuns } from '../../../server/src/demo/write-synthetic.js';
import { listen, type RunningServer } from '../../../server/src/main.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

const exec = promisify(execFile);
const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = join(REPO, 'server/bin/runfacts.js');
let root: { path: string; remove: () => Promise<void> };
let work: { path: string; remove: () => Promise<void> };
let server: RunningServer;
let runIds: string[];

const cli = (...args: string[]) => exec('node', [BIN, ...args, '--url', `${server.url}/graphql`]);
const failure = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: { code: number; stderr: string }) => error,
  );

beforeAll(async () => {
  root = await makeTempDir('deploy');
  work = await makeTempDir('deploy-work');
  runIds = await writeSyntheticRuns(root.path, 3);
  server = await listen({
    root: root.path,
    host: '127.0.0.1',
    port: 0,
    indexPath: ':memory:',
    refresh: false,
  });
  const registry = server.app.services.registry;
  await registry.createRegisteredModel({ name: 'demo-classifier' });
  await registry.createModelVersion({
    model: 'demo-classifier',
    runId: runIds[1] ?? '',
    source: 'model.pt',
    by: 'ci',
  });
  await registry.promote({
    model: 'demo-classifier',
    version: 1,
    to: 'Production',
    reason: 'demo',
    by: 'ci',
    canChangeProtected: true,
  });
}, 60_000);
afterAll(async () => {
  await server?.close();
  await root?.remove();
  await work?.remove();
});

it('the README deploy scripts (shell and TS SDK) and runfacts model download fetch Production and verify it; a changed file is detected', async () => {
  const env = { ...process.env, RUNFACTS_URL: server.url };
  const expected = await readFile(
    join(root.path, 'runs', runIds[1] ?? '', 'artifacts', 'model.pt'),
    'utf8',
  );
  const shDest = join(work.path, 'sh');
  const sh = await exec(
    join(REPO, 'examples/deploy/fetch-model.sh'),
    ['demo-classifier', 'Production', shDest],
    { env },
  );
  expect(sh.stderr).toMatch(/demo-classifier@Production is version 1: files verified/);
  expect(await readFile(join(shDest, 'model.pt'), 'utf8')).toBe(expected);
  const tsDest = join(work.path, 'ts');
  const ts = await exec(
    'npx',
    ['tsx', join(REPO, 'examples/deploy/fetch-model.ts'), 'demo-classifier', 'Production', tsDest],
    { env },
  );
  expect(ts.stderr).toMatch(/files verified/);
  expect(await readFile(join(tsDest, 'model.pt'), 'utf8')).toBe(expected);
  const viaCli = await cli(
    'model',
    'download',
    'demo-classifier',
    '--alias',
    'Production',
    '--dest',
    join(work.path, 'cli'),
    '--json',
  );
  expect(JSON.parse(viaCli.stdout)).toMatchObject({
    model: 'demo-classifier',
    version: 1,
    runId: runIds[1],
  });

  // Someone overwrites the promoted file: every path refuses it.
  await writeFile(join(root.path, 'runs', runIds[1] ?? '', 'artifacts', 'model.pt'), 'tampered');
  const shFail = await failure(
    exec(
      join(REPO, 'examples/deploy/fetch-model.sh'),
      ['demo-classifier', 'Production', join(work.path, 'sh2')],
      { env },
    ),
  );
  expect(shFail.stderr + (shFail as unknown as { stdout: string }).stdout).toMatch(
    /no longer matches the checksum frozen|changed after it was logged/,
  );
  const tsFail = await failure(
    exec(
      'npx',
      [
        'tsx',
        join(REPO, 'examples/deploy/fetch-model.ts'),
        'demo-classifier',
        'Production',
        join(work.path, 'ts2'),
      ],
      { env },
    ),
  );
  expect(tsFail.stderr).toMatch(/RunfactsChecksumError|SHA-256/);
  const cliFail = await failure(
    cli('model', 'download', 'demo-classifier', '--dest', join(work.path, 'cli2')),
  );
  expect(cliFail.code).toBe(1);
  const status = await exec('node', [
    BIN,
    'artifacts',
    'ls',
    runIds[1] ?? '',
    '--format',
    'json',
    '--url',
    `${server.url}/graphql`,
  ]);
  expect(JSON.parse(status.stdout)[0]).toMatchObject({ path: 'model.pt', kind: 'model' });
}, 120_000);

it('runfacts artifacts put, ls, get and scan work through the real CLI', async () => {
  const runId = runIds[2] ?? '';
  const file = join(work.path, 'my weights, v2.bin');
  await writeFile(file, 'weights');
  const put = JSON.parse(
    (await cli('artifacts', 'put', runId, file, '--kind', 'model', '--json')).stdout,
  );
  expect(put).toEqual([
    expect.objectContaining({ path: 'my_weights__v2.bin', kind: 'model', size: 7, created: true }),
  ]);
  const named = (await cli('artifacts', 'put', runId, file, '--name', 'models/final.bin')).stdout;
  expect(named).toMatch(/models\/final\.bin {2}7 bytes/);
  const csv = (await cli('artifacts', 'ls', runId, '--format', 'csv')).stdout;
  expect(csv.split('\r\n')[0]).toBe('path,kind,size,sha256');
  expect(csv).toContain('models/final.bin,file,7,');
  const got = JSON.parse(
    (
      await cli(
        'artifacts',
        'get',
        runId,
        'models/final.bin',
        '--dest',
        join(work.path, 'got'),
        '--json',
      )
    ).stdout,
  );
  expect(got).toHaveLength(1);
  expect(await readFile(join(work.path, 'got', 'models', 'final.bin'), 'utf8')).toBe('weights');
  await writeFile(join(root.path, 'runs', runId, 'artifacts', 'direct.csv'), 'a,b\n');
  const scan = await exec('node', [BIN, 'artifacts', 'scan', runId, '--root', root.path, '--json']);
  expect(JSON.parse(scan.stdout)[0].added.map((a: { path: string }) => a.path)).toEqual([
    'direct.csv',
  ]);
});
