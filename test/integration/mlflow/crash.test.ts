import { afterAll, beforeAll, expect, it } from 'vitest';
import { FactsStore } from '../../../server/src/facts/index.js';
import { MlflowClient, type MlflowRun, syncRuns } from '../../../server/src/mirror/mlflow/index.js';
import { createMirrorRun, historyPoints } from '../../helpers/mlflow/runs.js';
import { type MlflowServer, startMlflowServer } from '../../helpers/mlflow/server.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

let server: MlflowServer;
let root: { path: string; remove: () => Promise<void> };

beforeAll(async () => {
  server = await startMlflowServer();
  root = await makeTempDir('mirror-crash');
}, 300_000);

afterAll(async () => {
  await server?.remove();
  await root?.remove();
});

const RUNS = 24;
const EXPERIMENT = 'crash';

async function mirroredRuns(client: MlflowClient): Promise<Map<string, MlflowRun[]>> {
  const exp = await client.getExperimentByName(EXPERIMENT);
  if (exp === null) throw new Error('experiment missing after sync');
  const runs = await client.searchAllRuns({ experimentIds: [exp.experiment_id] });
  const byTag = new Map<string, MlflowRun[]>();
  for (const run of runs) {
    const id = run.data.tags.find((t) => t.key === 'runfacts.run_id')?.value ?? '(untagged)';
    byTag.set(id, [...(byTag.get(id) ?? []), run]);
  }
  return byTag;
}

it('MLflow SIGKILLed mid-sync and restarted: the next sync completes with no duplicate run, param error or lost point', async () => {
  const store = new FactsStore(root.path);
  const ids = Array.from({ length: RUNS }, (_, i) => `crash-${String(i).padStart(2, '0')}`);
  for (const id of ids) await createMirrorRun(store, id, { experiment: EXPERIMENT, history: 60 });

  let killed: Promise<void> | null = null;
  const first = await syncRuns({
    facts: store,
    trackingUri: server.uri,
    registry: false,
    concurrency: 4,
    clientOptions: { retry: { attempts: 2, minDelayMs: 20, maxDelayMs: 50 } },
    onProgress: ({ done }) => {
      // Other runs are in flight at this moment, some between a request and its answer.
      if (done === 6 && killed === null) killed = server.kill();
    },
  });
  await killed;
  expect(killed).not.toBeNull();
  expect(first.runs.failed).toBeGreaterThan(0);
  expect(first.runs.created + first.runs.failed).toBe(RUNS);

  // Facts change while MLflow is down: a param override and more points for every run.
  for (const id of ids) await store.appendMetrics(id, historyPoints(15, 60));
  await store.updateRun('crash-00', (r) => ({ ...r, config: { ...r.config, p3: 'after-crash' } }));

  await server.restart();
  const second = await syncRuns({ facts: store, trackingUri: server.uri, registry: false });
  expect(second.failures).toEqual([]);
  expect(second.runs.total).toBe(RUNS);

  const client = new MlflowClient({ trackingUri: server.uri });
  try {
    const byTag = await mirroredRuns(client);
    expect([...byTag.keys()].sort()).toEqual(ids);
    for (const id of ids) {
      const runs = byTag.get(id) ?? [];
      expect(runs, `MLflow runs tagged ${id}`).toHaveLength(1);
      const run = runs[0] as MlflowRun;
      expect(run.info.status).toBe('FINISHED');
      const params = Object.fromEntries(run.data.params.map((p) => [p.key, p.value]));
      expect(Object.keys(params).filter((k) => /^p\d+$/.test(k))).toHaveLength(20);
      expect(params['meta.goal']).toBe('classification');
      for (let k = 0; k < 5; k++) {
        const points = await client.getMetricHistory(run.info.run_id, `loss_${k}`);
        const steps = points.map((p) => p.step).sort((a, b) => a - b);
        expect(steps, `${id} loss_${k}`).toEqual(Array.from({ length: 15 }, (_, s) => s));
      }
    }
    const changed = byTag.get('crash-00')?.[0] as MlflowRun;
    const tags = Object.fromEntries(changed.data.tags.map((t) => [t.key, t.value]));
    expect(tags['runfacts.param_changed.p3']).toBe('after-crash');

    const third = await syncRuns({ facts: store, trackingUri: server.uri, registry: false });
    expect(third.runs.unchanged).toBe(RUNS);
    expect(third.httpRequests).toBe(0);
  } finally {
    await client.close();
  }
});
