import { appendFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backfill } from '../../../server/src/backfill/index.js';
import { makeTempDir } from '../../helpers/temp-dir.js';
import { copyFixtures, readFacts, runFrom, snapshotTree } from './helpers.js';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let runsDir: string;
let root: string;

beforeEach(async () => {
  temp = await makeTempDir('backfill-idempotence');
  runsDir = await copyFixtures(temp.path);
  root = join(temp.path, 'root');
});
afterEach(() => temp.remove());

describe('running twice', () => {
  it('changes nothing the second time: all unchanged, every file byte-identical with its mtime', async () => {
    const first = await backfill({ runsDir, root, applyOverrides: true });
    const written = await snapshotTree(root);
    const second = await backfill({ runsDir, root, applyOverrides: true });
    expect(second.counts).toMatchObject({
      read: first.counts.read,
      written: 0,
      created: 0,
      updated: 0,
      unchanged: first.counts.read,
    });
    expect(second.runs.every((r) => r.action === 'unchanged')).toBe(true);
    expect(second.runs.map((r) => r.run_id)).toEqual(first.runs.map((r) => r.run_id));
    expect(await snapshotTree(root)).toEqual(written);
  });

  it('rewrites only what changed in the source, and appends new metric points', async () => {
    await backfill({ runsDir, root });
    const summary = join(
      runsDir,
      'result_folder/results/baseline_experiment_20241112_120000/summary.json',
    );
    await writeFile(summary, '{"training": {"final_loss": 99.5}}');
    const mlflowRun = join(runsDir, 'mlflow/mlruns/1/4f1c2b7d9e0a4b6c8d2e1f3a5b7c9d0e');
    await appendFile(join(mlflowRun, 'metrics/rmse_val'), '1759935900000 0.0651 3\n');
    const before = await snapshotTree(root);
    const report = await backfill({ runsDir, root });
    expect(report.counts).toMatchObject({
      updated: 2,
      created: 0,
      unchanged: report.counts.read - 2,
    });
    const legacy = runFrom(report, 'baseline_experiment_20241112_120000');
    expect((await readFacts(root, legacy.run_id)).run.metrics).toEqual({
      training: { final_loss: 99.5 },
    });
    const mlflow = runFrom(report, '4f1c2b7d9e0a4b6c8d2e1f3a5b7c9d0e');
    const { metrics, run } = await readFacts(root, mlflow.run_id);
    expect(metrics?.trim().split('\n')).toHaveLength(5);
    expect(run.metrics).toMatchObject({ rmse_val: 0.0651 });
    const after = await snapshotTree(root);
    const changed = [...after.keys()].filter((k) => before.get(k)?.sha1 !== after.get(k)?.sha1);
    expect(changed.sort()).toEqual([
      `runs/${legacy.run_id}/facts/run.json`,
      `runs/${mlflow.run_id}/facts/metrics.jsonl`,
      `runs/${mlflow.run_id}/facts/run.json`,
    ]);
  });
});

describe('--dry-run', () => {
  it('writes nothing into a fresh root and reports what would be created', async () => {
    const report = await backfill({ runsDir, root, dryRun: true, applyOverrides: true });
    expect(report.dryRun).toBe(true);
    expect(report.counts).toMatchObject({ read: 13, created: 13, written: 13 });
    await expect(readdir(root)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('touches nothing in an existing root', async () => {
    await backfill({ runsDir, root });
    const before = await snapshotTree(root);
    const report = await backfill({ runsDir, root, dryRun: true, applyOverrides: true });
    expect(runFrom(report, '2024-06-03/07-00-00').action).toBe('updated');
    expect(await snapshotTree(root)).toEqual(before);
  });
});

describe('abort', () => {
  it('stops early and returns the partial report', async () => {
    const controller = new AbortController();
    const report = await backfill(
      { runsDir, root, concurrency: 1 },
      {
        signal: controller.signal,
        onProgress: (done) => {
          if (done === 2) controller.abort();
        },
      },
    );
    expect(report.aborted).toBe(true);
    expect(report.counts.read).toBeLessThan(13);
    // What was read before the abort is on disk.
    for (const r of report.runs) await expect(readFacts(root, r.run_id)).resolves.toBeTruthy();
  });
});
