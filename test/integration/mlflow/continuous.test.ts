import { afterAll, beforeAll, expect, it } from 'vitest';
import { MlflowClient } from '../../../server/src/mirror/mlflow/client.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { type MlflowServer, startMlflowServer } from '../../helpers/mlflow/server.js';

let mlflow: MlflowServer;
let app: TestApp;

beforeAll(async () => {
  mlflow = await startMlflowServer();
  app = await startTestApp(0, { mirrorMlflow: mlflow.uri });
}, 300_000);
afterAll(async () => {
  await app?.dispose();
  await mlflow?.remove();
});

async function until(probe: () => Promise<boolean>, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await probe()) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

const status = async () =>
  (
    await app.gql<{
      mirrorStatus: {
        enabled: boolean;
        pending: number;
        failed: Array<{ runId: string; reason: string }>;
      };
    }>('{ mirrorStatus { enabled pending failed { runId reason } } }')
  ).data?.mirrorStatus;

it('mirrors each write in the background, keeps writing while MLflow is down, and catches up', async () => {
  const writer = app.services.writer;
  const meta = { schema_version: 1, goal: 'classification' };
  const first = await writer.registerRun({ experiment: 'continuous', name: 'a', meta });
  await writer.logMetrics(first.runId, [{ key: 'loss', value: 0.5, step: 1 }]);
  const client = new MlflowClient({ trackingUri: mlflow.uri });
  const mirrored = async (runId: string) => {
    const experiment = await client.getExperimentByName('continuous').catch(() => null);
    if (!experiment) return false;
    const runs = await client
      .searchAllRuns({
        experimentIds: [experiment.experiment_id],
        filter: `tags.\`runfacts.run_id\` = '${runId}'`,
      })
      .catch(() => []);
    return runs.length === 1;
  };
  expect(await until(() => mirrored(first.runId), 60_000)).toBe(true);
  expect((await status())?.enabled).toBe(true);

  await mlflow.kill();
  // Writes succeed while MLflow is down (continuous-queue.test.ts shows, with no timing, that a
  // write never waits on a mirror request).
  const second = await writer.registerRun({ experiment: 'continuous', name: 'b', meta });
  await writer.logMetrics(second.runId, [{ key: 'loss', value: 0.4, step: 1 }]);
  expect(await until(async () => ((await status())?.failed.length ?? 0) > 0, 60_000)).toBe(true);
  expect((await status())?.failed[0]?.runId).toBe(second.runId);

  await mlflow.restart();
  expect(await until(() => mirrored(second.runId), 120_000)).toBe(true);
  expect(await until(async () => (await status())?.pending === 0, 60_000)).toBe(true);
  expect((await status())?.failed).toEqual([]);
  await client.close();
}, 400_000);
