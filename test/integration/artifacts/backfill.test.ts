import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';
import { listen } from '../../../server/src/main.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

const run = promisify(execFile);
const BIN = fileURLToPath(new URL('../../../server/bin/runfacts.js', import.meta.url));
const FIXTURE = fileURLToPath(new URL('../../fixtures/backfill/experiment', import.meta.url));
const RUN = 'hybrid_v2_20260122_020157';
const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

const sha = async (file: string) =>
  createHash('sha256')
    .update(await readFile(file))
    .digest('hex');

it('backfill references seed-003 files with checksums, --copy-artifacts copies them, both serve over HTTP', async () => {
  const src = await makeTempDir('bf-art-src');
  const root = await makeTempDir('bf-art-root');
  cleanups.push(src.remove, root.remove);
  await cp(FIXTURE, src.path, { recursive: true });
  const source = join(src.path, 'experiments', RUN, 'predictions.npy');

  await run('node', [BIN, 'backfill', '--runs-dir', src.path, '--root', root.path]);
  const runJson = join(root.path, 'runs', RUN, 'facts', 'run.json');
  const entry = JSON.parse(await readFile(runJson, 'utf8')).artifacts.find(
    (a: { path: string }) => a.path === 'predictions.npy',
  );
  expect(entry).toMatchObject({
    kind: 'predictions',
    source,
    sha256: await sha(source),
    size: (await stat(source)).size,
  });
  await expect(
    stat(join(root.path, 'runs', RUN, 'artifacts', 'predictions.npy')),
  ).rejects.toThrow();

  // Referenced files are served only from an import root.
  let server = await listen({
    root: root.path,
    host: '127.0.0.1',
    port: 0,
    indexPath: ':memory:',
    refresh: false,
  });
  const refused = await fetch(`${server.url}/artifacts/${RUN}/predictions.npy`);
  expect(refused.status).toBe(403);
  expect(await refused.text()).toMatch(/--import-root|--copy-artifacts/);
  await server.close();
  server = await listen({
    root: root.path,
    host: '127.0.0.1',
    port: 0,
    indexPath: ':memory:',
    refresh: false,
    importRoots: [src.path],
  });
  const served = await fetch(`${server.url}/artifacts/${RUN}/predictions.npy`);
  expect(served.status).toBe(200);
  expect(
    createHash('sha256')
      .update(Buffer.from(await served.arrayBuffer()))
      .digest('hex'),
  ).toBe(entry.sha256);
  await server.close();

  const before = await readFile(runJson, 'utf8');
  const copy = await run('node', [
    BIN,
    'backfill',
    '--runs-dir',
    src.path,
    '--root',
    root.path,
    '--copy-artifacts',
  ]);
  expect(copy.stderr).toMatch(/copied [1-9]\d* artifact files/);
  expect(await readFile(runJson, 'utf8')).toBe(before); // a second backfill changes nothing in the facts
  expect(
    await sha(join(root.path, 'runs', RUN, 'artifacts', 'checkpoints', 'best_model.ckpt')),
  ).toBe(await sha(join(src.path, 'experiments', RUN, 'checkpoints', 'best_model.ckpt')));
  const again = await run('node', [
    BIN,
    'backfill',
    '--runs-dir',
    src.path,
    '--root',
    root.path,
    '--copy-artifacts',
  ]);
  expect(again.stderr).toMatch(/copied 0 artifact files/);

  server = await listen({
    root: root.path,
    host: '127.0.0.1',
    port: 0,
    indexPath: ':memory:',
    refresh: false,
  });
  const fromCopy = await fetch(`${server.url}/artifacts/${RUN}/predictions.npy`);
  expect(fromCopy.status).toBe(200);
  await fromCopy.arrayBuffer();
  await server.close();
}, 120_000);
