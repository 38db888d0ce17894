import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { registerMirror } from '../../../server/src/cli/mirror.js';
import { FactsStore } from '../../../server/src/facts/index.js';
import { canonicalizeMeta } from '../../../server/src/meta/index.js';
import {
  MIRRORS_FILE,
  MlflowClient,
  type MlflowRun,
  syncRuns,
} from '../../../server/src/mirror/mlflow/index.js';
import { createMirrorRun, historyPoints, MIRROR_META } from '../../helpers/mlflow/runs.js';
import { type MlflowServer, startMlflowServer } from '../../helpers/mlflow/server.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

let server: MlflowServer;
let client: MlflowClient;
let root: { path: string; remove: () => Promise<void> };
let store: FactsStore;
let experiment: string;
let seq = 0;

beforeAll(async () => {
  server = await startMlflowServer();
  client = new MlflowClient({ trackingUri: server.uri });
}, 300_000);

afterAll(async () => {
  await client?.close();
  await server?.remove();
});

beforeEach(async () => {
  root = await makeTempDir('mirror');
  store = new FactsStore(root.path);
  experiment = `exp-${process.pid}-${++seq}`;
});

afterEach(async () => {
  await root.remove();
});

const sync = (extra: Partial<Parameters<typeof syncRuns>[0]> = {}) =>
  syncRuns({ facts: store, trackingUri: server.uri, registry: false, ...extra });

async function runsTagged(runId: string): Promise<MlflowRun[]> {
  const exp = await client.getExperimentByName(experiment);
  if (exp === null) return [];
  return client.searchAllRuns({
    experimentIds: [exp.experiment_id],
    filter: `tags.\`runfacts.run_id\` = '${runId}'`,
  });
}

async function onlyRun(runId: string): Promise<MlflowRun> {
  const runs = await runsTagged(runId);
  expect(runs.map((r) => r.info.run_name)).toEqual([runId]);
  const full = await client.getRun((runs[0] as MlflowRun).info.run_id);
  if (full === null) throw new Error(`run ${runId} vanished`);
  return full;
}

const asMap = (entries: Array<{ key: string; value: string }>) =>
  Object.fromEntries(entries.map((e) => [e.key, e.value]));

async function historyOf(run: MlflowRun, key: string) {
  const points = await client.getMetricHistory(run.info.run_id, key);
  return points
    .map((p) => [p.step, p.value, p.timestamp])
    .sort((a, b) => (a[2] ?? 0) - (b[2] ?? 0));
}

function expectedHistory(count: number, key: string) {
  return historyPoints(count)
    .filter((p) => p.key === key)
    .map((p) => [p.step, p.value, Date.parse(p.ts)]);
}

describe('syncRuns against a real MLflow server', () => {
  it('reproduces runs, params, tags, metrics and histories in an empty MLflow, in 3 requests a run', async () => {
    await createMirrorRun(store, 'run-a', { experiment });
    await createMirrorRun(store, 'run-b', { experiment, tags: { owner: 'bob', stage: 'dev' } });
    await createMirrorRun(store, 'run-c', { experiment, status: 'RUNNING', history: 7 });

    const report = await sync();

    expect(report.failures).toEqual([]);
    expect(report.runs).toMatchObject({ total: 3, created: 3, updated: 0, unchanged: 0 });
    // FINISHED runs: runs/create, one runs/log-batch, runs/update; a RUNNING run needs no update.
    expect(report.results.map((r) => [r.runId, r.requests])).toEqual([
      ['run-a', 3],
      ['run-b', 3],
      ['run-c', 2],
    ]);
    // Plus experiments/get-by-name (404) and experiments/create.
    expect(report.httpRequests).toBe(3 + 3 + 2 + 2);

    const meta = canonicalizeMeta(MIRROR_META);
    const a = await onlyRun('run-a');
    expect(a.info.status).toBe('FINISHED');
    expect(a.info.start_time).toBe(Date.parse('2024-05-01T12:00:00Z'));
    expect(a.info.end_time).toBe(Date.parse('2024-05-01T13:00:00Z'));
    const params = asMap(a.data.params);
    expect(params).toMatchObject({
      'meta.process_groups_key': '4t|ttH+ttW+ttWW+ttZ',
      'meta.row_key': '4topsplitted::4t|ttH+ttW+ttWW+ttZ',
      'meta.model_family': 'transformer',
      'meta.dataset_name': '4topsplitted',
      'meta.goal': 'classification',
      'meta.level': 'sim_event',
      'meta.meta_hash': meta.meta_hash,
      'meta.datatreatment_tokenization': 'direct',
      'meta.needs_review': 'false',
      'meta.n_classes': '2',
      p0: 'value-run-a-0',
      p1: '0.5',
      p19: '9.5',
    });
    expect(Object.keys(params).filter((k) => /^p\d+$/.test(k))).toHaveLength(20);
    expect(asMap(a.data.tags)).toMatchObject({
      owner: 'alice',
      'runfacts.run_id': 'run-a',
      'runfacts.meta_hash': meta.meta_hash,
    });
    const summary = Object.fromEntries(a.data.metrics.map((m) => [m.key, m.value]));
    for (let i = 0; i < 10; i++) expect(summary[`summary_${i}`]).toBeCloseTo(i + 0.05);
    for (let k = 0; k < 5; k++) {
      expect(await historyOf(a, `loss_${k}`)).toEqual(expectedHistory(50, `loss_${k}`));
    }

    expect(asMap((await onlyRun('run-b')).data.tags)).toMatchObject({ owner: 'bob', stage: 'dev' });
    const c = await onlyRun('run-c');
    expect(c.info.status).toBe('RUNNING');
    expect(await historyOf(c, 'loss_1')).toEqual(expectedHistory(7, 'loss_1'));
  });

  it('sends nothing on a second sync, and only the new points after an append', async () => {
    await createMirrorRun(store, 'run-a', { experiment });
    await createMirrorRun(store, 'run-b', { experiment });
    await sync();

    const again = await sync();
    expect(again.runs).toMatchObject({ total: 2, unchanged: 2, created: 0, updated: 0 });
    expect(again.httpRequests).toBe(0);

    await store.appendMetrics('run-a', historyPoints(10, 50));
    const third = await sync();
    expect(third.runs).toMatchObject({ updated: 1, unchanged: 1 });
    expect(third.results.find((r) => r.runId === 'run-a')?.requests).toBe(1);

    const a = await onlyRun('run-a');
    expect(await historyOf(a, 'loss_3')).toEqual(expectedHistory(60, 'loss_3'));
    expect(await runsTagged('run-b')).toHaveLength(1);
  });

  it('finds the runs by their tag when mirrors.json is lost, making no duplicate', async () => {
    // More runs than the per-run search threshold, so the experiment listing is used too.
    const ids = Array.from({ length: 10 }, (_, i) => `run-${i}`);
    for (const id of ids) await createMirrorRun(store, id, { experiment });
    await sync();
    for (const id of ids) await rm(join(store.factsDir(id), MIRRORS_FILE));
    await store.appendMetrics('run-3', historyPoints(5, 50));

    const report = await sync();

    expect(report.failures).toEqual([]);
    expect(report.runs.created).toBe(0);
    for (const id of ids) {
      const run = await onlyRun(id);
      const expected = id === 'run-3' ? 55 : 50;
      const total = (
        await Promise.all([0, 1, 2, 3, 4].map((k) => historyOf(run, `loss_${k}`)))
      ).flat().length;
      expect(total).toBe(expected);
      const state = JSON.parse(await readFile(join(store.factsDir(id), MIRRORS_FILE), 'utf8'));
      expect(Object.values(state.mlflow).map((e) => (e as { run_id: string }).run_id)).toEqual([
        run.info.run_id,
      ]);
    }
    expect((await sync()).httpRequests).toBe(0);
  });

  it('creates the run again when the recorded MLflow run was deleted in MLflow', async () => {
    await createMirrorRun(store, 'run-a', { experiment });
    await sync();
    const old = await onlyRun('run-a');
    await client.deleteRun(old.info.run_id);
    await store.appendMetrics('run-a', historyPoints(5, 50));

    const report = await sync();

    expect(report.failures).toEqual([]);
    expect(report.runs.created).toBe(1);
    expect(report.results[0]?.warnings.join()).toMatch(/deleted in MLflow/);
    const fresh = await onlyRun('run-a');
    expect(fresh.info.run_id).not.toBe(old.info.run_id);
    expect(await historyOf(fresh, 'loss_2')).toEqual(expectedHistory(55, 'loss_2'));
    expect(asMap(fresh.data.params)['meta.goal']).toBe('classification');
  });

  it('--rebuild resends from the facts without duplicating runs or points', async () => {
    await createMirrorRun(store, 'run-a', { experiment });
    await sync();
    const report = await sync({ rebuild: true });
    expect(report.failures).toEqual([]);
    expect(report.runs.created).toBe(0);
    const a = await onlyRun('run-a');
    expect(await historyOf(a, 'loss_0')).toEqual(expectedHistory(50, 'loss_0'));
  });

  it('keeps a param that changed after mirroring and records the new value as a tag', async () => {
    await createMirrorRun(store, 'run-a', { experiment });
    await sync();
    const before = canonicalizeMeta(MIRROR_META);
    await store.writeOverride('run-a', { dataset_name: 'tops2025', reason: 'relabelled' });
    const after = canonicalizeMeta(MIRROR_META, { override: { dataset_name: 'tops2025' } });

    const report = await sync();

    expect(report.failures).toEqual([]);
    expect(report.results[0]?.changedParams.sort()).toEqual([
      'meta.dataset_name',
      'meta.meta_hash',
      'meta.row_key',
    ]);
    let run = await onlyRun('run-a');
    expect(asMap(run.data.params)).toMatchObject({
      'meta.dataset_name': '4topsplitted',
      'meta.meta_hash': before.meta_hash,
    });
    expect(asMap(run.data.tags)).toMatchObject({
      'runfacts.meta_hash': after.meta_hash,
      'runfacts.param_changed.meta.dataset_name': 'tops2025',
      'runfacts.param_changed.meta.row_key': 'tops2025::4t|ttH+ttW+ttWW+ttZ',
      'runfacts.param_changed.meta.meta_hash': after.meta_hash,
    });

    // The rule also holds when the state record is lost: MLflow's params are read back.
    await rm(join(store.factsDir('run-a'), MIRRORS_FILE));
    await store.updateRun('run-a', (r) => ({ ...r, config: { ...r.config, p1: 'changed' } }));
    const lost = await sync();
    expect(lost.failures).toEqual([]);
    run = await onlyRun('run-a');
    expect(asMap(run.data.params).p1).toBe('0.5');
    expect(asMap(run.data.tags)['runfacts.param_changed.p1']).toBe('changed');

    // Back to the original values: the change tags go away.
    await store.removeOverride('run-a');
    await store.updateRun('run-a', (r) => ({ ...r, config: { ...r.config, p1: 0.5 } }));
    await sync();
    run = await onlyRun('run-a');
    const tags = Object.keys(asMap(run.data.tags));
    expect(tags.filter((t) => t.startsWith('runfacts.param_changed.'))).toEqual([]);
    expect(asMap(run.data.tags)['runfacts.meta_hash']).toBe(before.meta_hash);
  });

  it('recovers when MLflow refuses a param the state record did not know was sent', async () => {
    await createMirrorRun(store, 'run-a', { experiment });
    await sync();
    const path = join(store.factsDir('run-a'), MIRRORS_FILE);
    const state = JSON.parse(await readFile(path, 'utf8'));
    for (const entry of Object.values(state.mlflow) as Array<{ params: Record<string, string> }>) {
      delete entry.params.p2;
    }
    await import('node:fs/promises').then((fs) => fs.writeFile(path, JSON.stringify(state)));
    await store.updateRun('run-a', (r) => ({ ...r, config: { ...r.config, p2: 'edited' } }));

    const report = await sync();

    expect(report.failures).toEqual([]);
    expect(report.results[0]?.changedParams).toEqual(['p2']);
    const run = await onlyRun('run-a');
    expect(asMap(run.data.params).p2).toBe('value-run-a-2');
    expect(asMap(run.data.tags)['runfacts.param_changed.p2']).toBe('edited');
  });

  it('reports a run whose facts cannot be mirrored and mirrors the others', async () => {
    await createMirrorRun(store, 'run-a', { experiment });
    await store.createRun('run-bad', {
      run: {
        ...(await import('../../helpers/mlflow/runs.js')).runInput('run-bad', { experiment }),
      },
      meta: { schema_version: 1, level: 'not-a-level' },
    });
    const report = await sync();
    expect(report.runs).toMatchObject({ created: 1, failed: 1 });
    expect(report.failures[0]?.runId).toBe('run-bad');
    expect(report.failures[0]?.reason).toMatch(/level/);
    expect(await runsTagged('run-bad')).toEqual([]);
  });

  it('runs as `runfacts mirror mlflow --json` and exits 1 when a run fails', async () => {
    await createMirrorRun(store, 'run-a', { experiment });
    const program = new Command().exitOverride();
    registerMirror(program);
    const printed: string[] = [];
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      printed.push(String(chunk));
      return true;
    });
    const args = ['mirror', 'mlflow', '--tracking-uri', server.uri, '--root', root.path];
    try {
      await program.parseAsync([...args, '--json', '--experiment', experiment], { from: 'user' });
    } finally {
      write.mockRestore();
    }
    const report = JSON.parse(printed.join(''));
    expect(report.runs).toMatchObject({ total: 1, created: 1, failed: 0 });
    expect(process.exitCode ?? 0).toBe(0);
    expect((await onlyRun('run-a')).info.status).toBe('FINISHED');

    await store.createRun('run-bad', {
      run: {
        ...(await import('../../helpers/mlflow/runs.js')).runInput('run-bad', { experiment }),
      },
      meta: { schema_version: 1, level: 'not-a-level' },
    });
    const again = new Command().exitOverride();
    registerMirror(again);
    const quiet = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      await again.parseAsync(args, { from: 'user' });
      expect(process.exitCode).toBe(1);
    } finally {
      quiet.mockRestore();
      process.exitCode = 0;
    }
  });
});
