import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createClient, type RunfactsClient, unwrap } from '../../sdk/src/index.js';
import { listen, type RunningServer } from '../../server/src/main.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { treeSnapshot } from '../helpers/tree-snapshot.js';

let root: { path: string; remove: () => Promise<void> };
let server: RunningServer;
let client: RunfactsClient;
const indexPath = () => join(root.path, '.runfacts', 'index.duckdb');

async function start(): Promise<void> {
  server = await listen({
    waitForIndex: true,
    root: root.path,
    host: '127.0.0.1',
    port: 0,
    indexPath: indexPath(),
    refresh: false,
  });
  client = createClient({ url: `${server.url}/graphql` });
}
async function stop(): Promise<void> {
  await client.close();
  await server.close();
}

beforeAll(async () => {
  root = await makeTempDir('registry');
  await start();
});
afterAll(async () => {
  await stop();
  await root.remove();
});

it('versions, Staging, Production, a rollback and the full history, through the SDK', async () => {
  unwrap(
    (
      await client.op.createRegisteredModel({
        name: 'tttt-classifier',
        description: '4t vs background',
      })
    ).createRegisteredModel,
  );
  const runs = [];
  for (let i = 0; i < 3; i++) {
    const run = await client.startRun({
      experiment: 'registry',
      name: `cand${i}`,
      config: { seed: i },
      meta: {
        goal: 'classification',
        datasetName: '4topsplitted',
        modelFamily: 'transformer',
        processGroups: [[1], [2, 3, 4, 5]],
      },
    });
    await run.finish({ metrics: { auroc: 0.9 + i / 100 } });
    runs.push(run.id);
    const created = unwrap(
      (
        await client.op.createModelVersion({
          model: 'tttt-classifier',
          runId: run.id,
          source: `models/cand${i}.pt`,
        })
      ).createModelVersion,
    );
    expect('version' in created && created.version.version).toBe(i + 1);
  }
  const promote = async (
    version: number,
    to: string,
    expectedVersion: number | null,
    reason: string,
  ) =>
    unwrap(
      (await client.op.promote({ model: 'tttt-classifier', version, to, reason, expectedVersion }))
        .promote,
    );
  await promote(2, 'Staging', null, 'passed offline eval');
  await promote(2, 'Production', null, 'staging soak ok');
  await promote(3, 'Production', 2, 'better auroc');
  await promote(2, 'Production', 3, 'rollback: calibration regression');

  const pinned = (
    await client.op.modelVersionByAlias({ model: 'tttt-classifier', alias: 'Production' })
  ).modelVersionByAlias;
  expect(pinned.__typename).toBe('ModelVersion');
  if (pinned.__typename !== 'ModelVersion') return;
  expect(pinned.version).toBe(2);
  expect(pinned.source).toBe('models/cand1.pt');
  expect(pinned.run?.id).toBe(runs[1]);
  expect(pinned.config).toMatchObject({ seed: 1 });
  expect(pinned.meta?.rowKey).toBe('4topsplitted::4t|ttH+ttW+ttWW+ttZ');
  const latest = (
    await client.op.modelVersionByAlias({ model: 'tttt-classifier', alias: 'latest' })
  ).modelVersionByAlias;
  expect(latest.__typename === 'ModelVersion' && latest.version).toBe(3);

  const model = (await client.op.registeredModel({ name: 'tttt-classifier' })).registeredModel;
  expect(model?.history.map((h) => [h.alias, h.fromVersion, h.toVersion, h.reason, h.by])).toEqual([
    ['Staging', null, 2, 'passed offline eval', 'local'],
    ['Production', null, 2, 'staging soak ok', 'local'],
    ['Production', 2, 3, 'better auroc', 'local'],
    ['Production', 3, 2, 'rollback: calibration regression', 'local'],
  ]);
});

it('10 concurrent promotions of one alias: one winner, 9 conflicts, one history entry', async () => {
  unwrap((await client.op.createRegisteredModel({ name: 'race' })).createRegisteredModel);
  const run = await client.startRun({
    experiment: 'registry',
    name: 'race',
    meta: { goal: 'classification' },
  });
  for (let i = 0; i < 10; i++) {
    unwrap(
      (await client.op.createModelVersion({ model: 'race', runId: run.id, source: `m${i}.pt` }))
        .createModelVersion,
    );
  }
  const clients = Array.from({ length: 10 }, () => createClient({ url: `${server.url}/graphql` }));
  const results = await Promise.all(
    clients.map((c, i) =>
      c.op.promote({
        model: 'race',
        version: i + 1,
        to: 'Production',
        reason: `candidate ${i + 1}`,
        expectedVersion: null,
      }),
    ),
  );
  await Promise.all(clients.map((c) => c.close()));
  const winners = results.filter((r) => r.promote.__typename === 'AliasChangePayload');
  const conflicts = results.filter((r) => r.promote.__typename === 'AliasConflictError');
  expect(winners).toHaveLength(1);
  expect(conflicts).toHaveLength(9);
  const winner = winners[0]?.promote;
  const winnerVersion = winner && 'change' in winner ? winner.change?.toVersion : undefined;
  for (const c of conflicts)
    expect(c.promote.__typename === 'AliasConflictError' && c.promote.currentVersion).toBe(
      winnerVersion,
    );
  const model = (await client.op.registeredModel({ name: 'race' })).registeredModel;
  expect(model?.history).toHaveLength(1);
  expect(model?.history[0]?.toVersion).toBe(winnerVersion);
});

it('bad input gets a typed error and writes nothing', async () => {
  const before = await treeSnapshot(root.path);
  const reserved = (await client.op.setModelAlias({ model: 'race', alias: 'latest', version: 1 }))
    .setModelAlias;
  expect(reserved).toMatchObject({
    __typename: 'RegistryError',
    code: 'RESERVED_ALIAS',
    field: 'alias',
  });
  const noReason = (await client.op.setModelAlias({ model: 'race', alias: 'Staging', version: 1 }))
    .setModelAlias;
  expect(noReason).toMatchObject({ __typename: 'RegistryError', code: 'REASON_REQUIRED' });
  const unknown = (await client.op.promote({ model: 'nope', version: 1, reason: 'x' })).promote;
  expect(unknown).toMatchObject({
    __typename: 'RegistryError',
    code: 'MODEL_NOT_FOUND',
    field: 'model',
  });
  const noVersion = (await client.op.promote({ model: 'race', version: 99, reason: 'x' })).promote;
  expect(noVersion).toMatchObject({ __typename: 'RegistryError', code: 'VERSION_NOT_FOUND' });
  expect(await treeSnapshot(root.path)).toEqual(before);
});

it('deleting the index and restarting reproduces the registry from the facts', async () => {
  const before = await client.op.registeredModel({ name: 'tttt-classifier' });
  const models = await client.op.registeredModels({ includeArchived: true });
  await stop();
  await rm(indexPath());
  await start();
  expect(await client.op.registeredModel({ name: 'tttt-classifier' })).toEqual(before);
  expect(await client.op.registeredModels({ includeArchived: true })).toEqual(models);
});
