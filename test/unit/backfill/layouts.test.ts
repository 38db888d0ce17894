import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BackfillReport, backfill } from '../../../server/src/backfill/index.js';
import { makeTempDir } from '../../helpers/temp-dir.js';
import { type Facts, FIXTURES, readFacts, runFrom, snapshotTree } from './helpers.js';

const UNKNOWN_DT = {
  token_order: 'unknown',
  tokenization: 'unknown',
  pid_encoding: 'unknown',
  id_embed_dim: 'unknown',
  met_rep: 'unknown',
  globals_included: 'unknown',
  feature_set_version: 'unknown',
  normalization: 'unknown',
};
const BKG = ['ttH', 'ttW', 'ttWW', 'ttZ'];

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let report: BackfillReport;
let before: Awaited<ReturnType<typeof snapshotTree>>;

beforeAll(async () => {
  temp = await makeTempDir('backfill-layouts');
  before = await snapshotTree(FIXTURES);
  report = await backfill({ runsDir: FIXTURES, root: temp.path });
});
afterAll(() => temp.remove());

async function facts(suffix: string): Promise<Facts & { id: string }> {
  const id = runFrom(report, suffix).run_id;
  return { id, ...(await readFacts(temp.path, id)) };
}

const confidence = (suffix: string) => runFrom(report, suffix).meta_confidence_fields;
const reasons = (suffix: string) => runFrom(report, suffix).needs_review_reason;

describe('the fixture tree as a whole', () => {
  it('reads every run of every layout and modifies no source file', async () => {
    expect(report.counts).toEqual({
      found: 14,
      read: 13,
      written: 13,
      created: 13,
      updated: 0,
      unchanged: 0,
      failed: 0,
      skipped: 1,
    });
    expect(report.byLayout).toEqual({
      facts: 1,
      hydra: 5,
      result_folder: 3,
      experiment: 1,
      lgbm_hmm: 2,
      mlflow: 1,
    });
    expect(report.errorsByKind).toEqual({});
    expect(await snapshotTree(FIXTURES)).toEqual(before);
  });

  it('marks every inferred run as backfill and records its source folder', async () => {
    for (const r of report.runs) {
      const { run } = await readFacts(temp.path, r.run_id);
      expect(run.source_path).toBe(r.source_path);
    }
    const inferred = report.runs.filter((r) => r.meta_from === 'inferred');
    expect(inferred.length).toBeGreaterThan(0);
    for (const r of inferred) expect(r.meta_source, r.run_id).toBe('backfill');
  });
});

describe('layout 1: facts/meta.json + run.json', () => {
  const dir = 'facts/live_run__tf-a__20240501_120000';

  it('re-derives, re-hashes and upgrades schema-0 meta, keeping its live provenance', async () => {
    const { id, meta, run, metrics } = await facts(dir);
    expect(id).toBe('live_run__tf-a__20240501_120000');
    expect(meta.schema_version).toBe(1);
    expect(meta.process_groups).toEqual([['4t'], BKG]);
    expect(meta.meta_source).toBe('live');
    expect(meta.meta_hash).toMatch(/^sha1:[0-9a-f]{40}$/);
    expect(meta.derived_mismatches).toEqual([
      { field: 'meta_hash', stored: 'sha1:stale', computed: meta.meta_hash },
    ]);
    expect(meta.needs_review).toBe(false);
    expect(run).toMatchObject({
      experiment: '4t-vs-bkg',
      status: 'FINISHED',
      duration_seconds: 3600,
    });
    expect(metrics?.trim().split('\n')).toHaveLength(2);
    expect(runFrom(report, dir).meta_from).toBe('stored');
  });
});

describe('layout 2: Hydra runs', () => {
  const direct = 'hydra/multirun/2024-06-01/10-00-00/0';
  const binned = 'hydra/multirun/2024-06-01/10-00-00/1';
  const ambre = 'hydra/outputs/2024-06-02/08-30-00';
  const unmapped = 'hydra/outputs/2024-06-03/07-00-00';
  const live = 'hydra/outputs/2024-05-02/09-15-00';

  it('direct tokenization: every field proven, nothing to review', async () => {
    const { id, meta, run } = await facts(direct);
    expect(id).toBe('exp_binning_vs_direct-0_20240601_100000');
    expect(meta).toMatchObject({
      level: 'sim_event',
      goal: 'classification',
      dataset_name: '4topsplitted',
      model_family: 'transformer',
      process_groups: [['4t'], BKG],
      row_key: '4topsplitted::4t|ttH+ttW+ttWW+ttZ',
      datatreatment: {
        token_order: 'unknown',
        tokenization: 'direct',
        pid_encoding: 'embedded',
        id_embed_dim: 8,
        met_rep: 'met_metphi',
        globals_included: true,
        feature_set_version: 'unknown',
        normalization: 'zscore',
      },
    });
    expect(confidence(direct)).toEqual({
      level: 'medium',
      goal: 'high',
      dataset_name: 'medium',
      model_family: 'medium',
      process_groups: 'high',
      datatreatment: 'medium',
    });
    expect(reasons(direct)).toEqual([]);
    expect(run).toMatchObject({
      experiment: 'exp_binning_vs_direct',
      timestamp: '20240601_100000',
      started_at: '2024-06-01T10:00:00Z',
      metrics: { test: { auroc: 0.912, accuracy: 0.87 } },
      params: { loop: 'transformer_classifier', 'classifier.model.pooling': 'max' },
      backfill: { layout: 'hydra', started_at_from: 'folder_name', status_from: 'results_present' },
    });
  });

  it('binned tokens with signal_vs_background, no goal and no PID setting', async () => {
    const { id, meta } = await facts(binned);
    expect(id).toBe('exp_binning_vs_direct-1_20240601_100000');
    expect(meta).toMatchObject({
      goal: null,
      dataset_name: '4topsplitted',
      process_groups: [['4t'], BKG],
      signal_class: 0,
      datatreatment: {
        tokenization: 'binned',
        pid_encoding: 'unknown',
        met_rep: 'none',
        globals_included: false,
      },
    });
    expect(confidence(binned)).toEqual({
      level: 'medium',
      goal: 'low',
      dataset_name: 'medium',
      model_family: 'medium',
      process_groups: 'high',
      datatreatment: 'low',
    });
    expect(reasons(binned)).toEqual(['missing_goal', 'ambiguous_datatreatment']);
  });

  it("Ambre's dataset and a VQ tokenizer; a process id outside the table leaves the groups null", async () => {
    const { meta, run } = await facts(ambre);
    expect(meta).toMatchObject({
      dataset_name: '4top_5bins_ambre',
      process_groups: null,
      datatreatment: { tokenization: 'vq', pid_encoding: 'none', id_embed_dim: null },
    });
    expect(confidence(ambre).process_groups).toBe('low');
    expect(reasons(ambre)).toEqual(['missing_process_groups']);
    expect((run.backfill as { notes: string[] }).notes).toContain(
      'process_groups: data.classes process id 9 is not in the process table',
    );
  });

  it('an unmapped data path and disagreeing model names stay null', async () => {
    const { id, meta } = await facts(unmapped);
    expect(id).toBe('ttbar_probe_20240603_070000');
    expect(meta).toMatchObject({
      dataset_name: null,
      model_family: null,
      process_groups: [['4t'], ['ttH'], ['ttW', 'ttWW', 'ttZ']],
      datatreatment: {
        token_order: 'pt_sorted',
        tokenization: 'direct',
        pid_encoding: 'onehot',
        id_embed_dim: null,
        met_rep: 'met_metphi',
        globals_included: true,
        feature_set_version: 'v2',
        normalization: 'minmax',
      },
    });
    expect(confidence(unmapped)).toMatchObject({
      dataset_name: 'low',
      model_family: 'low',
      datatreatment: 'medium',
    });
    expect(reasons(unmapped)).toEqual(['missing_dataset_name']);
  });

  it('a live facts/meta.json beside .hydra wins over inference', async () => {
    const { meta } = await facts(live);
    expect(runFrom(report, live).meta_from).toBe('stored');
    expect(meta).toMatchObject({ model_family: 'mlp', meta_source: 'live', needs_review: false });
  });
});

describe('layout 3: seed-001 result folders', () => {
  it('keeps a {name}__{arch}__{timestamp} folder name as the run id', async () => {
    const dir = 'baseline_experiment__mix10-dir_tau_ca-het__20241112_143027';
    const { id, run, meta } = await facts(dir);
    expect(id).toBe(dir);
    expect(run).toMatchObject({
      name: 'baseline_experiment',
      architecture_code: 'mix10-dir_tau_ca-het',
      started_at: '2024-11-12T14:30:27Z',
      metrics: { training: { final_loss: 100.5, epochs: 50 }, classification: { accuracy: 0.85 } },
      artifacts: [
        { path: 'config.yaml', kind: 'config' },
        { path: 'figures/', kind: 'directory' },
        { path: 'summary.json', kind: 'json' },
      ],
    });
    expect(meta).toMatchObject({
      dataset_name: 'mnist',
      goal: null,
      model_family: null,
      datatreatment: UNKNOWN_DT,
    });
    expect(confidence(dir)).toEqual({
      level: 'low',
      goal: 'low',
      dataset_name: 'high',
      model_family: 'low',
      process_groups: 'low',
      datatreatment: 'low',
    });
    expect(reasons(dir)).toEqual([
      'missing_process_groups',
      'missing_goal',
      'ambiguous_datatreatment',
    ]);
  });

  it('keeps a legacy {name}_{timestamp} name; sanitizes one that is not a safe id', async () => {
    expect((await facts('baseline_experiment_20241112_120000')).run.architecture_code).toBeNull();
    const unsafe = 'My Experiment (v2)_20241113_090000';
    const { id, run, meta } = await facts(unsafe);
    expect(id).toBe('My_Experiment_v2_20241113_090000');
    expect(run).toMatchObject({ experiment: 'My Experiment (v2)', name: 'My_Experiment_v2' });
    expect(meta).toMatchObject({ model_family: 'mlp', process_groups: [['4t'], ['ttH', 'ttW']] });
    expect(reasons(unsafe)).toEqual(['ambiguous_datatreatment']);
  });
});

describe('layout 4: experiments/{model}_{timestamp}/metadata.json', () => {
  const dir = 'hybrid_v2_20260122_020157';

  it('takes nested metrics, parameters and duration, and lists the artifacts', async () => {
    const { id, run, meta } = await facts(dir);
    expect(id).toBe(dir);
    expect(run).toMatchObject({
      experiment: 'hybrid_v2',
      duration_seconds: 1593840,
      model_parameters: { total: 197885568, trainable: 197885568 },
      metrics: {
        overall_edc: { mae: 0.250203, rmse: 0.896025, r2: -97.98586 },
        edt: { mae: 0.072854, rmse: 0.090517, r2: -1.840263 },
        t20: { mae: 0.726452, rmse: 0.887151, r2: -2.027245 },
      },
    });
    expect((run.config as Record<string, unknown>).loss_config).toEqual({
      loss_type: 'auxiliary',
      gradient_clip_val: null,
      aux_weight: 0.3,
    });
    const artifacts = run.artifacts as Array<{
      path: string;
      kind: string;
      sha256?: string;
      source?: string;
    }>;
    expect(artifacts.map(({ path, kind }) => ({ path, kind }))).toEqual([
      { path: 'checkpoints/', kind: 'checkpoints' },
      { path: 'checkpoints/best_model.ckpt', kind: 'checkpoint' },
      { path: 'metadata.json', kind: 'json' },
      { path: 'predictions.npy', kind: 'predictions' },
      { path: 'scaler_X.pkl', kind: 'scaler' },
      { path: 'scaler_y.pkl', kind: 'scaler' },
      { path: 'targets.npy', kind: 'targets' },
      { path: 'tensorboard_logs/', kind: 'tensorboard' },
    ]);
    // Seed 003's predictions and checkpoints become real artifacts: checksummed where they lie.
    const predictions = artifacts.find((a) => a.path === 'predictions.npy');
    const file = join(FIXTURES, 'experiment', 'experiments', dir, 'predictions.npy');
    expect(predictions).toMatchObject({
      source: expect.stringMatching(/predictions\.npy$/),
      sha256: createHash('sha256')
        .update(await readFile(String(predictions?.source ?? file)))
        .digest('hex'),
    });
    expect(
      artifacts.filter((a) => !a.path.endsWith('/')).every((a) => typeof a.sha256 === 'string'),
    ).toBe(true);
    expect(artifacts.find((a) => a.path === 'checkpoints/')).not.toHaveProperty('sha256');
    expect(meta.datatreatment).toEqual({ ...UNKNOWN_DT, normalization: 'zscore' });
    expect(reasons(dir)).toEqual([
      'missing_process_groups',
      'missing_goal',
      'missing_dataset_name',
      'ambiguous_datatreatment',
    ]);
  });
});

describe('layout 5: LGBM and HMM run folders', () => {
  const lgbm = 'run_20251008_145809_lgbm_y_logret_168h_huber';
  const hmm = 'run_hmm_20251009_105640';

  it('LGBM: id from name and start time, seed-004 params, regression goal from the objective', async () => {
    const { id, run, meta } = await facts(lgbm);
    expect(id).toBe('run_lgbm_y_logret_168h_huber_20251008_145809');
    expect(run.params).toEqual({
      run_name: 'run_20251008_145809_lgbm_y_logret_168h_huber',
      experiment: 'binance-btcusdt-perp-1h-7d-logret',
      created_at: '2025-10-08T14:58:09',
      model_type: 'lgbm',
      target: 'y_logret_168h',
      objective: 'huber',
      primary_metric: 'rmse',
      dataset_slug: 'BINANCE_BTCUSDT.P__60',
      run_dir: '/srv/models/BINANCE_BTCUSDT.P, 60/run_20251008_145809_lgbm_y_logret_168h_huber',
      model_path:
        '/srv/models/BINANCE_BTCUSDT.P, 60/run_20251008_145809_lgbm_y_logret_168h_huber/model.txt',
      output_dir: '/srv/models/BINANCE_BTCUSDT.P, 60',
      prepared_data_dir: '/srv/prepared/BINANCE_BTCUSDT.P__60',
      'feature_store.features_csv': '/srv/fs/features.csv',
      'feature_store.targets_csv': '/srv/fs/targets.csv',
      'extra_feature_files.0.path': '/srv/fs/funding.csv',
      'extra_feature_files.0.include.0': 'funding_rate',
      feature_list_id: 'binance_btcusdt_p60_default',
      hyperparameter_tuning_method: 'optuna',
      'best_params.num_leaves': '63',
      'best_params.learning_rate': '0.03',
      'best_params.feature_fraction': '0.8',
      hyperparam_tuning: '1',
    });
    expect(run).toMatchObject({
      started_at: '2025-10-08T14:58:09Z',
      metrics: { rmse_val: 0.0669, corr_val: 0.315 },
    });
    expect(meta).toMatchObject({
      goal: 'regression',
      model_family: 'bdt',
      dataset_name: 'BINANCE_BTCUSDT.P__60',
    });
    expect(confidence(lgbm)).toEqual({
      level: 'low',
      goal: 'medium',
      dataset_name: 'high',
      model_family: 'medium',
      process_groups: 'medium',
      datatreatment: 'low',
    });
    expect(reasons(lgbm)).toEqual(['ambiguous_datatreatment']);
  });

  it('HMM: the legacy folder name is the id; no goal can be proven', async () => {
    const { id, run, meta } = await facts(hmm);
    expect(id).toBe(hmm);
    expect(run.params).toMatchObject({
      'state_grid.2': '15',
      hyperparam_tuning: '1',
      feature_list_id: 'NA',
    });
    expect(run.metrics).toMatchObject({ n_states: 15, test_ll: -18482.57 });
    expect(meta).toMatchObject({ goal: null, model_family: null });
    expect(reasons(hmm)).toEqual([
      'missing_process_groups',
      'missing_goal',
      'ambiguous_datatreatment',
    ]);
  });
});

describe('layout 6: MLflow file store', () => {
  const dir = 'mlruns/1/4f1c2b7d9e0a4b6c8d2e1f3a5b7c9d0e';

  it('brings params, tags, status, times and the metric history; a bad line is a warning', async () => {
    const { id, run, metrics } = await facts(dir);
    // Same name and start as the LGBM folder, a different source: the sequence suffix.
    expect(id).toBe('run_lgbm_y_logret_168h_huber_20251008_145809-2');
    expect(run).toMatchObject({
      experiment: 'binance-btcusdt-perp-1h-7d-logret',
      status: 'FINISHED',
      started_at: '2025-10-08T14:58:09Z',
      ended_at: '2025-10-08T16:02:11Z',
      duration_seconds: 3842,
      metrics: { rmse_val: 0.0669, rmse_test: 0.0448 },
      tags: {
        'mlflow.runName': 'run_20251008_145809_lgbm_y_logret_168h_huber',
        'mlflow.user': 'trader',
        'mlflow.run_id': '4f1c2b7d9e0a4b6c8d2e1f3a5b7c9d0e',
        'mlflow.experiment_id': '1',
      },
      artifacts: [
        { path: 'artifacts/', kind: 'directory' },
        { path: 'artifacts/model.txt', kind: 'model' },
      ],
    });
    expect(run.params).toMatchObject({
      'feature_store.features_csv': '/srv/fs/features.csv',
      'lgbm/num_leaves': '63',
    });
    expect(
      metrics
        ?.trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
    ).toEqual([
      { key: 'rmse_test', value: 0.0448, step: 0, ts: '2025-10-08T16:01:40Z' },
      { key: 'rmse_val', value: 0.0712, step: 0, ts: '2025-10-08T15:00:00Z' },
      { key: 'rmse_val', value: 0.069, step: 1, ts: '2025-10-08T15:01:40Z' },
      { key: 'rmse_val', value: 0.0669, step: 2, ts: '2025-10-08T15:03:20Z' },
    ]);
    expect(report.warningsByKind.malformed_metric_line).toBe(1);
    expect(reasons(dir)).toEqual(['ambiguous_datatreatment']);
  });

  it('skips deleted runs and .trash; a registry folder is not a run, its run-less version is reported', () => {
    expect(report.runs.some((r) => r.source_path.includes('deadbeef'))).toBe(false);
    expect(report.runs.some((r) => r.source_path.includes('/mlruns/models/'))).toBe(false);
    expect(report.warningsByKind.deleted_run).toBe(1);
    expect(report.issues.some((i) => i.path.includes('.trash'))).toBe(false);
    expect(report.notRunsByKind).toMatchObject({ registered_model: 1, model_version: 1 });
    expect(report.warningsByKind.registry_skipped).toBe(1);
  });
});
