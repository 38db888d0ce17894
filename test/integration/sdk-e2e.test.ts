import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createClient, type RunfactsClient } from '../../sdk/src/index.js';
import type { RunningServer } from '../../server/src/main.js';
import { listenForTest } from '../helpers/listen.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { triggerUntilSeen } from '../helpers/until-live.js';

let server: RunningServer;
let client: RunfactsClient;
let root: { path: string; remove: () => Promise<void> };

beforeAll(async () => {
  root = await makeTempDir('sdk');
  server = await listenForTest(root.path);
  client = createClient({ url: `${server.url}/graphql`, timeoutMs: 20_000 });
});
afterAll(async () => {
  await client?.close();
  await server?.close();
  await root?.remove();
});

it('starts a run, logs 10k points, finishes, and finds it by query, by event and on disk', async () => {
  const events: string[] = [];
  let probed = false;
  const abort = new AbortController();
  const filter = { experiment: ['sdk-e2e', 'sdk-e2e-probe'] };
  const listening = (async () => {
    for await (const event of client.runEvents(filter, abort.signal)) {
      if (event.experiment === 'sdk-e2e-probe') {
        probed = true;
        continue;
      }
      events.push(`${event.kind}:${event.count ?? ''}`);
      if (event.kind === 'FINISHED') return;
    }
  })();
  // Probe runs in another experiment until one is seen: from then on no event can be missed.
  const probe = () =>
    client.op.registerRun({
      input: { experiment: 'sdk-e2e-probe', name: 'probe', meta: { goal: 'classification' } },
    });
  await triggerUntilSeen(probe, () => probed);

  const run = await client.startRun(
    {
      experiment: 'sdk-e2e',
      name: 'loop',
      architectureCode: 'tf-cls',
      config: { optim: { lr: 0.001 } },
      meta: {
        goal: 'classification',
        datasetName: '4topsplitted',
        modelFamily: 'transformer',
        processGroups: [['4t'], ['ttH', 'ttW', 'ttWW', 'ttZ']],
        datatreatment: { tokenization: 'binned' },
      },
    },
    { batchSize: 1000 },
  );
  for (let step = 0; step < 5000; step++)
    await run.log({ loss: 1 / (step + 1), auroc: 0.5 + step / 10_000 }, step);
  await run.finish({ metrics: { auroc: 0.9499, overall_edc: { mae: 1.25 } } });

  const found = [];
  for await (const r of client.runs({
    where:
      "metrics.auroc > 0.9 and params.optim.lr = '0.001' and meta.datatreatment.tokenization = 'binned'",
  })) {
    found.push(r);
  }
  expect(found.map((r) => r.id)).toEqual([run.id]);
  expect(found[0]?.status).toBe('FINISHED');
  expect(found[0]?.metrics).toContainEqual({ key: 'overall_edc.mae', value: 1.25 });

  const history = await client.op.metricHistory({ id: run.id, key: 'loss' });
  expect(history.run?.history).toHaveLength(5000);

  await listening;
  abort.abort();
  expect(events[0]).toBe('REGISTERED:');
  expect(
    events
      .filter((e) => e.startsWith('METRICS_LOGGED'))
      .reduce((n, e) => n + Number(e.split(':')[1]), 0),
  ).toBe(10_000);
  expect(events.at(-1)).toBe('FINISHED:');

  const facts = join(root.path, 'runs', run.id, 'facts');
  const lines = (await readFile(join(facts, 'metrics.jsonl'), 'utf8')).trim().split('\n');
  expect(lines).toHaveLength(10_000);
  const onDisk = JSON.parse(await readFile(join(facts, 'run.json'), 'utf8'));
  expect(onDisk.status).toBe('FINISHED');
  expect(onDisk.config).toMatchObject({
    run_id: run.id,
    architecture_code: 'tf-cls',
    timestamp: run.timestamp,
  });
});

it('surfaces typed errors and query errors as exceptions with the field', async () => {
  await expect(
    client.startRun({ experiment: 'x', name: 'x', meta: { goal: 'nope' } }),
  ).rejects.toMatchObject({
    name: 'RunfactsMutationError',
    typename: 'InvalidInputError',
    field: 'goal',
  });
  await expect(client.op.runs({ where: 'metrics.auroc >' })).rejects.toThrow(
    /expected a value after '>'/,
  );
});

it('retries a safe call while the server is unreachable, then reports a transport error', async () => {
  const offline = createClient({ url: 'http://127.0.0.1:9/graphql', retries: 2, timeoutMs: 2000 });
  await expect(offline.op.experiments()).rejects.toMatchObject({ name: 'RunfactsTransportError' });
  await offline.close();
});
