import { afterAll, beforeAll, expect, it } from 'vitest';
import { openApp } from '../../../server/src/app.js';
import { FactsStore } from '../../../server/src/facts/index.js';
import { MlflowClient, syncRuns } from '../../../server/src/mirror/mlflow/index.js';
import { MIRROR_META, runInput } from '../../helpers/mlflow/runs.js';
import { type MlflowServer, startMlflowServer } from '../../helpers/mlflow/server.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

let server: MlflowServer;
let client: MlflowClient;

beforeAll(async () => {
  server = await startMlflowServer();
  client = new MlflowClient({ trackingUri: server.uri });
}, 300_000);

afterAll(async () => {
  await client?.close();
  await server?.remove();
});

it("a run's params have the same keys and values in runfacts' API and in its MLflow mirror", async () => {
  const root = await makeTempDir('parity');
  try {
    const store = new FactsStore(root.path);
    const runId = 'parity_run__mlp__20240501_120000';
    const base = runInput(runId, { params: 2, metrics: 1, experiment: `parity-${process.pid}` });
    const config = {
      ...base.config,
      layers: [64, 32],
      data: { files: [{ path: 'a.h5' }, { path: 'b.h5' }], met: true, empty: {} },
      none: [],
      lr: 0.001,
    };
    await store.createRun(runId, { run: { ...base, config }, meta: MIRROR_META });

    const app = await openApp({ root: root.path, indexPath: ':memory:', refresh: false });
    const res = await app.yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `{ run(id: "${runId}") { params { key value } } runs(where: "params.layers.0 = '64' and params.data.files.1.path = 'b.h5'") { totalCount } }`,
      }),
    });
    const body = (await res.json()) as {
      data: {
        run: { params: Array<{ key: string; value: string }> };
        runs: { totalCount: number };
      };
    };
    await app.close();
    const api = Object.fromEntries(body.data.run.params.map((p) => [p.key, p.value]));
    expect(api).toMatchObject({
      'layers.0': '64',
      'data.files.1.path': 'b.h5',
      'data.empty': '{}',
      none: '[]',
    });
    expect(body.data.runs.totalCount).toBe(1);

    await syncRuns({ facts: store, trackingUri: server.uri, registry: false });
    const experiment = await client.getExperimentByName(base.experiment);
    const [mirrored] = await client.searchAllRuns({
      experimentIds: [experiment?.experiment_id ?? ''],
      filter: `tags.\`runfacts.run_id\` = '${runId}'`,
    });
    const full = await client.getRun(mirrored?.info.run_id ?? '');
    const inMlflow = Object.fromEntries(
      (full?.data.params ?? [])
        .filter((p) => !p.key.startsWith('meta.'))
        .map((p) => [p.key, p.value]),
    );
    expect(inMlflow).toEqual(api);
  } finally {
    await root.remove();
  }
});
