import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackfillReport } from '../../../server/src/backfill/index.js';
import { importMlflow } from '../../../server/src/backfill/mlflow-server/import-mlflow.js';
import { FactsStore } from '../../../server/src/facts/index.js';
import { canonicalizeMeta } from '../../../server/src/meta/index.js';
import { MlflowClient, syncRuns } from '../../../server/src/mirror/mlflow/index.js';
import { RegistryStore } from '../../../server/src/registry/index.js';
import { createMirrorRun, MIRROR_META } from '../../helpers/mlflow/runs.js';
import { type MlflowServer, startMlflowServer } from '../../helpers/mlflow/server.js';
import { makeTempDir } from '../../helpers/temp-dir.js';
import { readFacts, snapshotTree } from '../../unit/backfill/helpers.js';

const REPO = resolve(import.meta.dirname, '../../..');
const CLI = join(REPO, 'server/src/cli/main.ts');

let server: MlflowServer;
let client: MlflowClient;
let temp: Awaited<ReturnType<typeof makeTempDir>>;
const ids: Record<string, string> = {};

beforeAll(async () => {
  server = await startMlflowServer();
  client = new MlflowClient({ trackingUri: server.uri });
  temp = await makeTempDir('import-mlflow');
  // Runs logged by an MLflow user: a parent, a nested child, a deleted run; a model.
  const exp = await client.createExperiment('vision');
  const start = Date.parse('2024-03-01T09:00:00Z');
  const make = async (name: string, extraTags: Array<{ key: string; value: string }> = []) => {
    const run = await client.createRun({
      experimentId: exp,
      runName: name,
      startTime: start,
      tags: [{ key: 'mlflow.runName', value: name }, ...extraTags],
    });
    return run.info.run_id;
  };
  ids.parent = await make('sweep');
  ids.child = await make('trial-1', [{ key: 'mlflow.parentRunId', value: ids.parent }]);
  ids.deleted = await make('oops');
  await client.logBatch(ids.child, {
    params: [
      { key: 'lr', value: '0.01' },
      { key: 'model.name', value: 'xgboost' },
    ],
    tags: [
      { key: 'team/owner', value: 'kei' },
      { key: 'Run Time', value: '12.5' },
    ],
    metrics: [0, 1, 2].map((step) => ({
      key: 'val loss',
      value: 1 / (step + 1),
      step,
      timestamp: start + step * 1000,
    })),
  });
  await client.updateRun(ids.child, 'FINISHED', start + 60_000);
  await client.deleteRun(ids.deleted);
  await client.createRegisteredModel('clf', { description: 'a classifier' });
  await client.createModelVersion({ name: 'clf', source: 's3://b/clf/1', runId: ids.child });
  await client.setAlias('clf', 'champion', '1');
}, 300_000);

afterAll(async () => {
  await client?.close();
  await server?.remove();
  await temp?.remove();
});

const importInto = (root: string, experiments?: string[]) =>
  importMlflow({ trackingUri: server.uri, root, experiments });

describe('runs logged by MLflow users', () => {
  let report: BackfillReport;
  let second: BackfillReport;
  let before: Awaited<ReturnType<typeof snapshotTree>>;
  const root = () => join(temp.path, 'users');
  beforeAll(async () => {
    report = await importInto(root(), ['vision']);
    before = await snapshotTree(root());
    second = await importInto(root(), ['vision']);
  });

  it('imports params, tags, the full metric history, status, times and the parent id', async () => {
    expect(report.counts).toMatchObject({ found: 3, read: 2, created: 2, skipped: 1, failed: 0 });
    const child = report.runs.find((r) => r.source_path.endsWith(ids.child as string));
    expect(child?.source_path).toBe(`${server.uri}/#/experiments/1/runs/${ids.child}`);
    const facts = await readFacts(root(), child?.run_id as string);
    expect(child?.run_id).toBe('trial-1_20240301_090000');
    expect(facts.run).toMatchObject({
      experiment: 'vision',
      status: 'FINISHED',
      started_at: '2024-03-01T09:00:00Z',
      ended_at: '2024-03-01T09:01:00Z',
      params: { lr: '0.01', 'model.name': 'xgboost' },
      metrics: { 'val loss': 1 / 3 },
      source_path: child?.source_path,
    });
    expect(facts.run.tags).toMatchObject({
      'team/owner': 'kei',
      'Run Time': '12.5',
      'mlflow.parentRunId': ids.parent,
      'mlflow.run_id': ids.child,
    });
    const points = (facts.metrics ?? '')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(points.map((p) => [p.step, p.value])).toEqual([
      [0, 1],
      [1, 0.5],
      [2, 1 / 3],
    ]);
    // Meta inferred with the backfill rules: xgboost names the model family.
    expect(child?.meta_confidence_fields.model_family).toBe('medium');
  });

  it('reports the deleted run and imports the registry for the runs it brought in', async () => {
    expect(report.issues.filter((i) => i.kind === 'deleted_run').map((i) => i.path)).toEqual([
      `${server.uri}/#/experiments/1/runs/${ids.deleted}`,
    ]);
    const model = await new RegistryStore(root(), new FactsStore(root())).getModel('clf');
    expect(model.versions.map((v) => [v.version, v.run_id, v.source])).toEqual([
      [1, 'trial-1_20240301_090000', 's3://b/clf/1'],
    ]);
    expect(model.aliases).toEqual({ champion: 1 });
  });

  it('a second import changes nothing', async () => {
    expect(second.counts).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    expect(second.registry).toMatchObject({ versionsCreated: 0, aliasesSet: 0, modelsCreated: 0 });
    expect(await snapshotTree(root())).toEqual(before);
  });
});

it('an interrupted import is resumed by running it again', async () => {
  const root = join(temp.path, 'resume');
  const controller = new AbortController();
  const stopped = await importMlflow({
    trackingUri: server.uri,
    root,
    experiments: ['vision'],
    concurrency: 1,
    signal: controller.signal,
    onProgress: (done) => {
      if (done === 1) controller.abort();
    },
  });
  expect(stopped.aborted).toBe(true);
  const c = stopped.counts;
  expect(c.read + c.skipped + c.failed).toBeLessThan(c.found);
  const resumed = await importInto(root, ['vision']);
  expect(resumed.aborted).toBe(false);
  expect(resumed.counts).toMatchObject({ read: 2, failed: 0 });
  expect(resumed.counts.unchanged).toBe(stopped.counts.created);
  expect(resumed.counts.created).toBe(2 - stopped.counts.created);
});

describe('round trip: facts -> mirror -> import into an empty root', () => {
  it('gives back the same runs, params, metrics and registry', async () => {
    const source = join(temp.path, 'source');
    const facts = new FactsStore(source);
    const registry = new RegistryStore(source, facts);
    for (const id of ['rt-a', 'rt-b'])
      await createMirrorRun(facts, id, { experiment: 'roundtrip' });
    await registry.createRegisteredModel({ name: 'tops', description: 'd', tags: { team: 'hep' } });
    await registry.createModelVersion({
      model: 'tops',
      runId: 'rt-a',
      source: join(facts.runDir('rt-a'), 'model.pt'),
      by: 'local',
    });
    await registry.createModelVersion({
      model: 'tops',
      runId: 'rt-b',
      source: 's3://x/b',
      by: 'local',
    });
    await registry.setModelAlias({
      model: 'tops',
      alias: 'Production',
      version: 2,
      by: 'local',
      canChangeProtected: true,
      reason: 'best',
    });
    const mirrored = await syncRuns({ facts, trackingUri: server.uri, experiment: 'roundtrip' });
    expect(mirrored.runs.failed).toBe(0);

    const target = join(temp.path, 'round-trip');
    const report = await importInto(target, ['roundtrip']);
    expect(report.runs.map((r) => [r.run_id, r.meta_from]).sort()).toEqual([
      ['rt-a', 'stored'],
      ['rt-b', 'stored'],
    ]);
    for (const id of ['rt-a', 'rt-b']) {
      const was = await readFacts(source, id);
      const now = await readFacts(target, id);
      // The mirror sends config as flattened params, so they come back as params.
      const config = Object.fromEntries(
        Object.entries(was.run.config as Record<string, unknown>).map(([k, v]) => [
          k,
          typeof v === 'string' ? v : JSON.stringify(v),
        ]),
      );
      expect(now.run.params).toEqual({ ...(was.run.params as object), ...config });
      expect(now.run.metrics).toMatchObject(was.run.metrics as object);
      const instant = (r: Record<string, unknown>, k: string) => Date.parse(String(r[k]));
      expect(now.run).toMatchObject({ experiment: 'roundtrip', status: was.run.status });
      expect(instant(now.run, 'started_at')).toBe(instant(was.run, 'started_at'));
      expect(instant(now.run, 'ended_at')).toBe(instant(was.run, 'ended_at'));
      expect(now.run.tags).toMatchObject(was.run.tags as object);
      const history = (text: string | null) =>
        (text ?? '')
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l))
          .filter((p) => p.key.startsWith('loss_'))
          .map((p) => `${p.key} ${p.step} ${p.value} ${Date.parse(p.ts)}`)
          .sort();
      expect(history(now.metrics)).toEqual(history(was.metrics));
      for (const field of ['level', 'goal', 'dataset_name', 'model_family', 'process_groups']) {
        expect(now.meta[field]).toEqual((MIRROR_META as Record<string, unknown>)[field]);
      }
      expect(now.meta.datatreatment).toEqual(MIRROR_META.datatreatment);
      expect(now.meta.meta_hash).toBe(canonicalizeMeta(was.meta).meta_hash);
    }
    const wasModel = await registry.getModel('tops');
    const nowModel = await new RegistryStore(target, new FactsStore(target)).getModel('tops');
    const shape = (m: typeof wasModel) => ({
      description: m.description,
      tags: m.tags,
      aliases: m.aliases,
      versions: m.versions.map((v) => [v.version, v.run_id, v.source, v.frozen.meta_hash]),
    });
    expect(shape(nowModel)).toEqual(shape(wasModel));
  });
});

describe('runfacts import mlflow (the CLI)', () => {
  const cli = (args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', CLI, 'import', 'mlflow', ...args],
        { cwd: REPO, env: { ...process.env, MLFLOW_TRACKING_URI: '' } },
        (error, stdout, stderr) =>
          done({
            code: error ? Number((error as { code?: unknown }).code ?? 1) : 0,
            stdout,
            stderr,
          }),
      );
    });

  it('--json, --dry-run, --experiment, --no-registry; a missing experiment or server is a clear error', async () => {
    const root = join(temp.path, 'cli');
    const ran = await cli([
      '--tracking-uri',
      server.uri,
      '--root',
      root,
      '--experiment',
      'vision',
      '--json',
      '--dry-run',
      '--no-registry',
    ]);
    expect(ran.code).toBe(0);
    const report = JSON.parse(ran.stdout) as BackfillReport;
    expect(report).toMatchObject({ dryRun: true, counts: { read: 2, created: 2 } });
    expect(report.registry.models).toBe(0);
    expect(ran.stderr).toContain(`import ${server.uri}`);
    await expect(readFile(join(root, 'runs'), 'utf8')).rejects.toThrow();

    const written = await cli([
      '--tracking-uri',
      server.uri,
      '--root',
      root,
      '--experiment',
      'vision',
    ]);
    expect(written.code).toBe(0);
    expect(written.stdout).toContain('created            2');
    expect(written.stdout).toContain('registry      models             1');

    const missing = await cli([
      '--tracking-uri',
      server.uri,
      '--root',
      root,
      '--experiment',
      'nope',
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no active experiment named "nope"');
    expect((await cli(['--root', root])).code).toBe(2);
    const width = await cli(['--tracking-uri', server.uri, '--root', root, '--concurrency', '0']);
    expect([width.code, width.stderr]).toEqual([2, expect.stringContaining('--concurrency')]);
    const badConfig = join(temp.path, 'bad-config.yaml');
    await writeFile(badConfig, 'datasets: 3\n');
    const config = await cli(['--tracking-uri', server.uri, '--root', root, '--config', badConfig]);
    expect(config.code).toBe(2);
    const mapped = join(temp.path, 'config.yaml');
    await writeFile(mapped, 'datasets:\n  - match: "*.h5"\n    name: vision-set\n');
    const withConfig = await cli([
      '--tracking-uri',
      server.uri,
      '--root',
      join(temp.path, 'cli-config'),
      '--experiment',
      'vision',
      '--concurrency',
      '1',
      '--config',
      mapped,
    ]);
    expect(withConfig.code).toBe(0);
    const down = await cli(['--tracking-uri', 'http://127.0.0.1:9', '--root', root]);
    expect(down.code).toBe(1);
    expect(down.stderr).toContain('http://127.0.0.1:9 failed: connect ECONNREFUSED');
    expect(down.stderr).toContain('check that the MLflow server is running');
  });
});
