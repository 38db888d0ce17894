import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FactsStore } from '../../../server/src/facts/index.js';
import { MlflowClient, syncRuns } from '../../../server/src/mirror/mlflow/index.js';
import { RegistryStore } from '../../../server/src/registry/index.js';
import { createMirrorRun } from '../../helpers/mlflow/runs.js';
import { type MlflowServer, startMlflowServer } from '../../helpers/mlflow/server.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

let server: MlflowServer;
let client: MlflowClient;
let root: { path: string; remove: () => Promise<void> };

beforeAll(async () => {
  server = await startMlflowServer();
  client = new MlflowClient({ trackingUri: server.uri });
  root = await makeTempDir('mirror-registry');
}, 300_000);

afterAll(async () => {
  await client?.close();
  await server?.remove();
  await root?.remove();
});

const admin = { by: 'local', canChangeProtected: true };

it('mirrors registered models, versions (found again by tag) and aliases, and follows alias changes', async () => {
  const facts = new FactsStore(root.path);
  const registry = new RegistryStore(root.path, facts);
  await createMirrorRun(facts, 'run-1', { experiment: 'reg' });
  await createMirrorRun(facts, 'run-2', { experiment: 'reg' });
  await registry.createRegisteredModel({
    name: 'tops-classifier',
    description: 'signal vs background',
    tags: { team: 'hep' },
  });
  await registry.createModelVersion({
    model: 'tops-classifier',
    runId: 'run-1',
    source: join(facts.runDir('run-1'), 'checkpoints', 'model.pt'),
    description: 'first',
    by: 'local',
  });
  await registry.createModelVersion({
    model: 'tops-classifier',
    runId: 'run-2',
    source: 's3://bucket/models/run-2/model.pt',
    description: 'second',
    by: 'local',
  });
  await registry.setModelAlias({
    ...admin,
    model: 'tops-classifier',
    alias: 'Staging',
    version: 2,
    reason: 'try it',
  });
  await registry.setModelAlias({
    ...admin,
    model: 'tops-classifier',
    alias: 'champion',
    version: 1,
  });

  const first = await syncRuns({ facts, trackingUri: server.uri });
  expect(first.failures).toEqual([]);
  expect(first.registry).toMatchObject({
    models: { total: 1, created: 1, failed: 0 },
    versionsCreated: 2,
    aliasesSet: 2,
    failures: [],
  });

  const model = await client.getRegisteredModel('tops-classifier');
  expect(model?.description).toBe('signal vs background');
  expect(Object.fromEntries(model?.tags.map((t) => [t.key, t.value]) ?? [])).toMatchObject({
    team: 'hep',
    'runfacts.archived': 'false',
  });
  const runIds = Object.fromEntries(first.results.map((r) => [r.runId, r.mlflowRunId]));
  const staging = await client.getModelVersionByAlias('tops-classifier', 'Staging');
  expect(staging?.source).toBe('s3://bucket/models/run-2/model.pt');
  expect(staging?.run_id).toBe(runIds['run-2']);
  expect(staging?.description).toBe('second');
  const champion = await client.getModelVersionByAlias('tops-classifier', 'champion');
  expect(champion?.source).toBe(`runs:/${runIds['run-1']}/checkpoints/model.pt`);
  expect(champion?.tags.find((t) => t.key === 'runfacts.version')?.value).toBe('1');
  expect(await client.getModelVersionByAlias('tops-classifier', 'Production')).toBeNull();

  // Idempotent: nothing new is created or set.
  const second = await syncRuns({ facts, trackingUri: server.uri });
  expect(second.registry).toMatchObject({
    models: { unchanged: 1 },
    versionsCreated: 0,
    aliasesSet: 0,
    aliasesDeleted: 0,
  });
  expect(await client.searchModelVersions("name='tops-classifier'")).toHaveLength(2);

  // Promotion moves an alias, deleting one removes it from MLflow too.
  await registry.promote({
    ...admin,
    model: 'tops-classifier',
    version: 2,
    to: 'Production',
    reason: 'better AUROC',
  });
  await registry.deleteModelAlias({ ...admin, model: 'tops-classifier', alias: 'champion' });
  const third = await syncRuns({ facts, trackingUri: server.uri });
  expect(third.registry).toMatchObject({ aliasesSet: 1, aliasesDeleted: 1, versionsCreated: 0 });
  expect((await client.getModelVersionByAlias('tops-classifier', 'Production'))?.run_id).toBe(
    runIds['run-2'],
  );
  expect(await client.getModelVersionByAlias('tops-classifier', 'champion')).toBeNull();
});
