import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createClient, RunfactsChecksumError } from '../../../sdk/src/index.js';
import { writeSyntheticRuns } from '../../../server/src/demo/write-synthetic.js';
import { listen, type RunningServer } from '../../../server/src/main.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

let root: { path: string; remove: () => Promise<void> };
let work: { path: string; remove: () => Promise<void> };
let server: RunningServer;
let runId: string;

beforeAll(async () => {
  root = await makeTempDir('artifacts-sdk');
  work = await makeTempDir('artifacts-sdk-work');
  [runId = ''] = await writeSyntheticRuns(root.path, 1);
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
  await work?.remove();
});

it('logs a folder, freezes the model checksums at registration, downloads by alias and detects a changed file', async () => {
  const client = createClient({ url: `${server.url}/graphql` });
  const out = join(work.path, 'run dir, v1');
  await mkdir(join(out, 'checkpoints'), { recursive: true });
  await writeFile(join(out, 'model.joblib'), 'the model');
  await writeFile(join(out, 'scaler.joblib'), 'the scaler');
  await writeFile(join(out, 'checkpoints', 'best model.ckpt'), 'ckpt');

  const logged = await client.logArtifact(runId, out);
  expect(logged.map((a) => [a.path, a.kind, a.created])).toEqual([
    ['checkpoints/best_model.ckpt', 'checkpoint', true],
    ['model.joblib', 'model', true],
    ['scaler.joblib', 'scaler', true],
  ]);
  // Again: the server has the same content, nothing is sent.
  expect((await client.logArtifact(runId, out)).every((a) => !a.created)).toBe(true);

  const listed = await client.op.runArtifacts({ id: runId });
  const model = listed.run?.artifacts.find((a) => a.path === 'model.joblib');
  expect(model).toMatchObject({ kind: 'model', size: 9 });
  expect(model?.downloadUrl).toBe(`${server.url}/artifacts/${runId}/model.joblib`);

  const registry = server.app.services.registry;
  await registry.createRegisteredModel({ name: 'demo-model' });
  await registry.createModelVersion({
    model: 'demo-model',
    runId,
    source: 'model.joblib',
    by: 'test',
  });
  await registry.setModelAlias({
    model: 'demo-model',
    alias: 'Production',
    version: 1,
    by: 'test',
    canChangeProtected: true,
    reason: 'best so far',
  });

  const dest = join(work.path, 'deploy');
  const got = await client.downloadModel('demo-model', { alias: 'Production', dest });
  expect(got).toMatchObject({ model: 'demo-model', version: 1, runId });
  // Every model-kind file of the run: the demo run's model.pt and the logged model.joblib.
  expect(got.files.map((f) => f.path).sort()).toEqual(['model.joblib', 'model.pt']);
  expect(await readFile(join(dest, 'model.joblib'), 'utf8')).toBe('the model');

  const all = await client.downloadArtifacts(runId, join(work.path, 'all'));
  expect(all.map((f) => f.path).sort()).toEqual([
    'checkpoints/best_model.ckpt',
    'model.joblib',
    'model.pt',
    'scaler.joblib',
  ]);

  // Re-logging another model.joblib changes the run's artifact, not the frozen version.
  await writeFile(join(out, 'model.joblib'), 'a retrained model');
  await client.logArtifact(runId, join(out, 'model.joblib'));
  const status = await client.op.modelArtifacts({ model: 'demo-model', alias: 'Production' });
  const frozen =
    status.modelVersionByAlias.__typename === 'ModelVersion'
      ? status.modelVersionByAlias.artifacts.find((a) => a.path === 'model.joblib')
      : null;
  expect(frozen?.status).toBe('CHANGED');
  expect(frozen?.currentSha256).not.toBe(frozen?.sha256);
  const direct = await fetch(frozen?.downloadUrl ?? '');
  expect(direct.status).toBe(409);
  expect(
    ((await direct.json()) as { errors: Array<{ message: string }> }).errors[0]?.message,
  ).toMatch(/no longer matches the checksum frozen by the model version/);
  await expect(
    client.downloadModel('demo-model', { dest: join(work.path, 'again') }),
  ).rejects.toThrow(RunfactsChecksumError);
  // The run handle logs into its own run.
  const run = await client.startRun({ experiment: 'artifacts', name: 'handle', meta: {} });
  const [viaHandle] = await run.logArtifact(join(out, 'scaler.joblib'), {
    name: 'prep/scaler.joblib',
  });
  expect(viaHandle).toMatchObject({ path: 'prep/scaler.joblib', kind: 'scaler', created: true });
  const back = await client.downloadArtifacts(run.id, join(work.path, 'handle'));
  expect(back.map((f) => f.path)).toEqual(['prep/scaler.joblib']);
  await client.close();
});
