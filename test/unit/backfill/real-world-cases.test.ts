import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BackfillReport, backfill } from '../../../server/src/backfill/index.js';
import { canonicalizeMeta, toMetaFile } from '../../../server/src/meta/index.js';
import { makeTempDir } from '../../helpers/temp-dir.js';
import { readFacts, runFrom } from './helpers.js';

/** Small copies of what real MLflow and Hydra stores hold (see ../shared/realworld-runs/SOURCES.md). */
const CASES = resolve(import.meta.dirname, '../../fixtures/backfill-cases');
const R1 = 'a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1';
const R2 = 'b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2';
const R3 = 'c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let report: BackfillReport;
let second: BackfillReport;
let modelAfterFirst: string;

beforeAll(async () => {
  temp = await makeTempDir('backfill-cases');
  report = await backfill({ runsDir: CASES, root: temp.path });
  modelAfterFirst = await readFile(join(temp.path, 'registry/models/clf.json'), 'utf8');
  second = await backfill({ runsDir: CASES, root: temp.path });
});
afterAll(() => temp.remove());

const runOf = (suffix: string) => readFacts(temp.path, runFrom(report, suffix).run_id);
const issuesOf = (kind: string) => report.issues.filter((i) => i.kind === kind);
const notRuns = (kind: string) =>
  report.notRuns.filter((n) => n.kind === kind).map((n) => n.path.slice(CASES.length + 1));

describe('MLflow registry folders', () => {
  it('are not runs: the model and its versions are recognised, none is imported as a run', () => {
    expect(notRuns('registered_model')).toEqual(['mlruns/models/clf']);
    expect(notRuns('model_version')).toEqual(
      [1, 2, 3].map((n) => `mlruns/models/clf/version-${n}`),
    );
    expect(report.runs.filter((r) => r.source_path.includes('/models/'))).toEqual([]);
    const ids = report.runs.map((r) => r.source_path.split('/').pop());
    expect(ids.filter((id) => id === R1)).toHaveLength(1);
  });

  it('become a registry model: versions of imported runs, aliases and stages mapped', async () => {
    const model = JSON.parse(modelAfterFirst);
    expect(model).toMatchObject({
      name: 'clf',
      description: 'classifier',
      tags: { team: 'vision' },
    });
    expect(
      model.versions.map((v: { run_id: string; source: string }) => [v.run_id, v.source]),
    ).toEqual([
      [runFrom(report, R1).run_id, `mlflow-artifacts:/1/${R1}/artifacts/model`],
      [runFrom(report, R2).run_id, `mlflow-artifacts:/1/${R2}/artifacts/model`],
    ]);
    expect(model.aliases).toEqual({ champion: 2, challenger: 1, Production: 2 });
    expect(report.registry).toEqual({
      models: 1,
      modelsCreated: 1,
      versionsCreated: 2,
      versionsUnchanged: 0,
      versionsSkipped: 1,
      aliasesSet: 3,
    });
  });

  it('a version whose run was deleted is left out with a warning naming the run', () => {
    const [skipped] = issuesOf('registry_skipped');
    expect(skipped?.message).toContain(`version 3 comes from MLflow run ${R3}`);
    expect(issuesOf('registry_skipped')).toHaveLength(1);
  });

  it('a second backfill changes nothing in the registry', async () => {
    expect(second.registry).toMatchObject({
      versionsCreated: 0,
      versionsUnchanged: 2,
      aliasesSet: 0,
    });
    expect(await readFile(join(temp.path, 'registry/models/clf.json'), 'utf8')).toBe(
      modelAfterFirst,
    );
    expect(second.counts).toMatchObject({ created: 0, updated: 0, unchanged: report.counts.read });
  });
});

describe('meta.json', () => {
  it("is seed 000's full record: canonical fields, hash, provenance, confidence, review, derived", async () => {
    const { meta } = await runOf(R1);
    expect(Object.keys(meta)).toEqual([
      'schema_version',
      'level',
      'goal',
      'dataset_name',
      'model_family',
      'process_groups',
      'datatreatment',
      'meta_hash',
      'meta_source',
      'meta_confidence',
      'meta_confidence_fields',
      'needs_review',
      'needs_review_reason',
      'n_classes',
      'processes_all',
      'class_def_str',
      'process_groups_key',
      'row_key',
    ]);
    expect(meta).toEqual(toMetaFile(canonicalizeMeta(meta)));
  });
});

describe('MLflow 3 logged models and dataset records', () => {
  it('are reported as such, never imported as runs', () => {
    expect(notRuns('logged_model')).toEqual(['mlruns/1/models/m-0123456789abcdef0123456789abcdef']);
    expect(notRuns('mlflow_dataset')).toEqual(['mlruns/1/datasets/0099920431868dbe']);
    // Its 4-field metric lines are not read, so they are not reported as malformed either.
    expect(report.issues.filter((i) => i.path.includes('/models/m-'))).toEqual([]);
  });
});

describe('deleted MLflow runs', () => {
  it('in place and in .trash are reported with a reason and not imported', () => {
    const deleted = issuesOf('deleted_run').map((i) => [
      i.severity,
      i.path.slice(CASES.length + 1),
    ]);
    expect(deleted).toEqual([
      ['warning', `mlruns/.trash/3/e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5`],
      ['warning', `mlruns/1/${R3}`],
    ]);
    expect(report.counts.skipped).toBe(2);
    expect(report.runs.some((r) => r.source_path.includes('.trash'))).toBe(false);
  });
});

describe('MLflow quirks', () => {
  it('numeric statuses, an empty name, tag names with / and spaces, a nested run', async () => {
    const { run } = await runOf(R1);
    expect(run).toMatchObject({ status: 'FINISHED', name: R1, experiment: 'lightning' });
    expect(run.tags).toMatchObject({ 'manhattan/exp_13': 'baseline', 'Run Time': '12.5' });
    const child = await runOf(R2);
    expect(child.run).toMatchObject({ status: 'RUNNING', name: 'child' });
    expect(child.run.tags).toMatchObject({ 'mlflow.parentRunId': R1, 'mlflow.run_id': R2 });
  });

  it('NaN and infinite metric lines are left out, each with a warning; the rest is kept', async () => {
    const { run, metrics } = await runOf(R1);
    expect(run.metrics).toEqual({ 'train loss': 0.5, val_acc: 0.8 });
    const points = (metrics ?? '')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(points.filter((p) => p.key === 'train loss').map((p) => p.value)).toEqual([0.9, 0.5]);
    const bad = issuesOf('malformed_metric_line').map((i) =>
      i.message.match(/line (\d+): value (\S+)/)?.slice(1),
    );
    expect(bad).toEqual([
      ['2', 'nan'],
      ['4', 'inf'],
      ['5', '-inf'],
    ]);
  });

  it('an experiment without meta.yaml: its run is imported under the experiment id, with a warning', async () => {
    const { run } = await runOf('d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4');
    expect(run.experiment).toBe('2');
    expect(issuesOf('no_experiment_meta').map((i) => i.path.slice(CASES.length + 1))).toEqual([
      'mlruns/2/d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4',
    ]);
  });
});

describe('Hydra', () => {
  it('an outputs/ folder that is a run and holds dated runs: all three are imported', () => {
    const sources = report.runs
      .filter((r) => r.layout === 'hydra')
      .map((r) => r.source_path.slice(CASES.length + 1));
    expect(sources).toEqual([
      'hydra/multirun/2024-07-19/16-00-00/states=10/sim_param=0',
      "hydra/multirun/size={'num_states': 10, 'num_signals': 10}/similarity={'func': 'exp', 'param': 4}",
      'hydra/outputs',
      'hydra/outputs/2024-06-01/10-00-00',
      'hydra/outputs/2024-06-02/11-30-00',
    ]);
    // The runs' own subfolders (checkpoints/) are not reported as unrecognized.
    expect(report.errorsByKind).toEqual({});
  });

  it('sweep folders are recognised; quoted overrides are read as Hydra reads them', async () => {
    expect(notRuns('hydra_sweep')).toEqual([
      'hydra/multirun/2024-07-19/15-41-45',
      'hydra/multirun/2024-07-19/16-00-00',
    ]);
    const { run } = await runOf('sim_param=0');
    expect(run.params).toEqual({ 'game.prior': 'random', states: '10', sim_param: '0' });
    expect(run.config).toMatchObject({ 'key with space': 1 });
    const dated = await runOf('outputs/2024-06-01/10-00-00');
    expect(dated.run.started_at).toBe('2024-06-01T10:00:00Z');
  });

  it('every run folder is accounted for: imported, or reported with a reason', () => {
    const c = report.counts;
    expect(c.read + c.failed + c.skipped).toBe(c.found + 1); // +1: the run in .trash
    expect(c).toMatchObject({ read: 8, failed: 0, skipped: 2 });
  });
});
