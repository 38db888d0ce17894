import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, expect, it, vi } from 'vitest';
import { type App, openApp } from '../../../server/src/app.js';
import { type MlflowStandIn, startMlflowStandIn } from '../../helpers/mlflow/stand-in.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

const meta = { schema_version: 1, goal: 'classification' };
const WAIT = { timeout: 30_000, interval: 50 };
const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const undo of cleanup.splice(0).reverse()) await undo();
});

/** A facts root, an MLflow stand-in, and an app mirroring to it with its index in memory. */
async function setUp(): Promise<{ root: string; mlflow: MlflowStandIn; open(): Promise<App> }> {
  const dir = await makeTempDir('continuous-queue');
  const mlflow = await startMlflowStandIn();
  cleanup.push(dir.remove, mlflow.close);
  const open = async () => {
    const app = await openApp({
      root: dir.path,
      indexPath: ':memory:',
      refresh: false,
      mirrorMlflow: mlflow.uri,
    });
    let closed = false;
    cleanup.push(async () => {
      if (!closed) await app.close().catch(() => undefined);
    });
    return {
      ...app,
      close: async () => {
        closed = true;
        await app.close();
      },
    };
  };
  return { root: dir.path, mlflow, open };
}

/** Every metric point sent to the stand-in. */
function metricsSent(mlflow: MlflowStandIn): Array<{ key: string; value: number; step: number }> {
  return mlflow.requests
    .filter((r) => r.endpoint === 'runs/log-batch')
    .flatMap((r) => (r.body.metrics ?? []) as Array<{ key: string; value: number; step: number }>);
}

it('persists the queue when the index is not under the root, and resumes it after a restart', async () => {
  const { root, mlflow, open } = await setUp();
  const queueFile = join(root, '.runfacts', 'mirror-queue.json');
  mlflow.down = true;
  const app = await open();
  const run = await app.services.writer.registerRun({ experiment: 'q', name: 'a', meta });
  await vi.waitFor(async () => {
    expect(existsSync(queueFile)).toBe(true);
    expect(JSON.parse(await readFile(queueFile, 'utf8')).pending).toEqual([run.runId]);
  }, WAIT);
  await app.close();

  const again = await open();
  expect(again.services.mirror?.status().pending).toBe(1);
  mlflow.down = false;
  await vi.waitFor(() => expect(again.services.mirror?.status().pending).toBe(0), WAIT);
});

it('reports a queue it cannot save instead of swallowing the failure', async () => {
  const { root, open } = await setUp();
  // A file where the queue's folder should be: no save can succeed.
  await rm(join(root, '.runfacts'), { recursive: true, force: true });
  await writeFile(join(root, '.runfacts'), 'not a folder');
  const app = await open();
  await app.services.writer.registerRun({ experiment: 'q', name: 'a', meta });
  await vi.waitFor(
    () =>
      expect(app.services.mirror?.status().lastError).toMatch(/could not save the mirror queue/),
    WAIT,
  );
  await expect(app.close()).rejects.toThrow(/could not save the mirror queue/);
});

it('never makes a write wait on MLflow, and syncs a run again when it changes mid-sync', async () => {
  const { mlflow, open } = await setUp();
  const app = await open();
  const held = mlflow.hold('runs/create');
  cleanup.push(async () => held.release());
  const run = await app.services.writer.registerRun({ experiment: 'q', name: 'a', meta });
  await held.arrived;
  // The sync has read the facts and waits on MLflow, which holds it: this write must still
  // complete, and the change is newer than what the sync sends.
  await app.services.writer.logMetrics(run.runId, [{ key: 'loss', value: 0.25, step: 2 }]);
  // Let the mirror's event listener take the change in before the sync finishes.
  await new Promise((resolve) => setImmediate(resolve));
  held.release();
  await vi.waitFor(() => {
    expect(metricsSent(mlflow)).toContainEqual(expect.objectContaining({ step: 2, value: 0.25 }));
  }, WAIT);
  await vi.waitFor(() => expect(app.services.mirror?.status().pending).toBe(0), WAIT);
});
