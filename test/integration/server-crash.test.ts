import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, expect, it, vi } from 'vitest';
import { createClient, unwrap } from '../../sdk/src/index.js';
import { FactsStore } from '../../server/src/facts/index.js';
import { exited, type ServerProcess, startServerProcess } from '../helpers/server-process.js';
import { makeTempDir } from '../helpers/temp-dir.js';

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

it('every write acknowledged before a SIGKILL of the server is in the facts and the index after restart', async () => {
  const root = await makeTempDir('crash');
  cleanups.push(root.remove);
  const first: ServerProcess = await startServerProcess(['--root', root.path, '--no-watch']);
  cleanups.push(async () => {
    first.child.kill('SIGKILL');
  });
  const acked = new Map<string, Set<string>>(); // run id -> "key@step" acknowledged
  let stop = false;
  let killSent = false;
  const unexpected: unknown[] = [];

  const writer = async (w: number) => {
    const client = createClient({ url: `${first.url}/graphql`, retries: 0, timeoutMs: 10_000 });
    try {
      const registered = unwrap(
        (
          await client.op.registerRun({
            input: { experiment: 'crash', name: `writer${w}`, meta: { goal: 'classification' } },
          })
        ).registerRun,
      );
      const runId = 'runId' in registered ? registered.runId : '';
      acked.set(runId, new Set());
      for (let batch = 0; !stop; batch++) {
        const metrics = Array.from({ length: 50 }, (_, i) => ({
          key: 'loss',
          value: Math.random(),
          step: batch * 50 + i,
        }));
        const result = await client.op.logMetrics({ runId, metrics });
        unwrap(result.logMetrics);
        for (const m of metrics) acked.get(runId)?.add(`${m.key}@${m.step}`);
      }
    } catch (error) {
      // Calls cut off by the kill were never acknowledged, the point of the test; any other
      // failure is a bug.
      if (!killSent) unexpected.push(error);
    } finally {
      await client.close().catch(() => undefined);
    }
  };
  const writers = Array.from({ length: 4 }, (_, w) => writer(w));
  // Kill once every writer has a few batches acknowledged, so writes are in flight at the kill.
  // An unexpected failure ends the wait at once and fails below.
  await vi.waitFor(
    () => {
      if (unexpected.length > 0) return;
      expect(acked.size).toBe(4);
      for (const points of acked.values()) expect(points.size).toBeGreaterThanOrEqual(150);
    },
    { timeout: 60_000, interval: 50 },
  );
  expect(unexpected).toEqual([]);
  killSent = true;
  first.child.kill('SIGKILL');
  stop = true;
  await exited(first.child);
  await Promise.all(writers);

  expect(unexpected).toEqual([]);
  expect(acked.size).toBe(4);

  // The facts: every acknowledged point is on disk, and no file is torn.
  const facts = new FactsStore(root.path);
  for (const [runId, points] of acked) {
    const files = await facts.readRunFiles(runId);
    expect(files.errors, runId).toEqual([]);
    const onDisk = new Set(files.metrics.map((m) => `${m.key}@${m.step}`));
    for (const p of points) expect(onDisk.has(p), `${runId} ${p}`).toBe(true);
    const lines = (await readFile(join(files.dir, 'facts', 'metrics.jsonl'), 'utf8'))
      .split('\n')
      .filter(Boolean);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
  }

  // The index, rebuilt at restart: the same points are queryable.
  const second = await startServerProcess(['--root', root.path, '--no-watch']);
  cleanups.push(async () => {
    second.child.kill('SIGKILL');
    await exited(second.child);
  });
  const client = createClient({ url: `${second.url}/graphql` });
  for (const [runId, points] of acked) {
    const history = (await client.op.metricHistory({ id: runId, key: 'loss' })).run?.history ?? [];
    const indexed = new Set(history.map((h) => `loss@${h.step}`));
    for (const p of points) expect(indexed.has(p), `${runId} ${p} in the index`).toBe(true);
  }
  const status = (await client.op.indexStatus()).indexStatus;
  expect(status.errors).toEqual([]);
  await client.close();
}, 180_000);
