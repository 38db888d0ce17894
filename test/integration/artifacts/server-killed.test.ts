import { randomBytes } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { request } from 'undici';
import { afterAll, expect, it } from 'vitest';
import { writeSyntheticRuns } from '../../../server/src/demo/write-synthetic.js';
import { exited, startServerProcess } from '../../helpers/server-process.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

it('a server SIGKILLed mid-upload leaves no partial artifact, and the upload can be retried', async () => {
  const root = await makeTempDir('artifacts-kill');
  cleanups.push(root.remove);
  const [runId = ''] = await writeSyntheticRuns(root.path, 1);
  const first = await startServerProcess(['--root', root.path, '--no-watch']);
  cleanups.push(() => first.child.kill('SIGKILL'));
  const dir = join(root.path, 'runs', runId, 'artifacts');

  async function* slowBody() {
    for (let i = 0; i < 1000; i++) {
      yield randomBytes(256 * 1024);
      await new Promise((r) => setTimeout(r, 5));
    }
  }
  const upload = request(`${first.url}/artifacts/${runId}/model.bin`, {
    method: 'PUT',
    body: Readable.from(slowBody()),
  }).then(
    () => 'answered',
    () => 'failed',
  );
  // Kill once the server has written part of the body to its temp file.
  await expect
    .poll(
      async () => {
        const temps = (await readdir(dir).catch(() => [])).filter((n) => n.startsWith('.tmp-'));
        return temps.length > 0 ? (await stat(join(dir, temps[0] ?? ''))).size : 0;
      },
      { timeout: 30_000, interval: 20 },
    )
    .toBeGreaterThan(0);
  first.child.kill('SIGKILL');
  await exited(first.child);
  expect(await upload).toBe('failed');

  expect((await readdir(dir)).filter((n) => !n.startsWith('.tmp-'))).toEqual(['model.pt']);
  const run = JSON.parse(
    await readFile(join(root.path, 'runs', runId, 'facts', 'run.json'), 'utf8'),
  );
  expect(run.artifacts.map((a: { path: string }) => a.path)).not.toContain('model.bin');

  const second = await startServerProcess(['--root', root.path, '--no-watch']);
  cleanups.push(() => second.child.kill('SIGKILL'));
  const gone = await request(`${second.url}/artifacts/${runId}/model.bin`);
  await gone.body.dump();
  expect(gone.statusCode).toBe(404);
  const retry = await request(`${second.url}/artifacts/${runId}/model.bin`, {
    method: 'PUT',
    body: 'weights',
  });
  expect(retry.statusCode).toBe(201);
  await retry.body.dump();
  const back = await request(`${second.url}/artifacts/${runId}/model.bin`);
  expect(await back.body.text()).toBe('weights');
}, 120_000);
