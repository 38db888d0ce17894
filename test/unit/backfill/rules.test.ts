import { describe, expect, it } from 'vitest';
import { DEFAULT_DATASET_RULES } from '../../../server/src/backfill/config.js';
import {
  experimentChoice,
  hydraChoices,
} from '../../../server/src/backfill/layouts/hydra-overrides.js';
import { seed004Params } from '../../../server/src/backfill/layouts/lgbm-hmm.js';
import { parseMlflowMetrics } from '../../../server/src/backfill/layouts/mlflow-metrics.js';
import { matchDataset } from '../../../server/src/backfill/rules/dataset.js';
import { inferDatatreatment } from '../../../server/src/backfill/rules/datatreatment.js';
import { flattenParams, numericMetrics } from '../../../server/src/backfill/rules/flatten.js';
import { inferGoal } from '../../../server/src/backfill/rules/goal.js';
import { runIdentity, withoutTimestamps } from '../../../server/src/backfill/rules/identity.js';
import { valueAt } from '../../../server/src/backfill/rules/lookup.js';
import {
  familiesOfName,
  inferModelFamily,
} from '../../../server/src/backfill/rules/model-family.js';
import { inferProcessGroups } from '../../../server/src/backfill/rules/process-groups.js';
import { parseInstant, timeInPath } from '../../../server/src/backfill/rules/run-time.js';
import { withSequence } from '../../../server/src/backfill/run-ids.js';
import { DEFAULT_META_CONFIG, DEFAULT_PROCESS_TABLE } from '../../../server/src/meta/index.js';

/** A Hydra interpolation, kept unresolved in .hydra/config.yaml. */
const HYDRA_PATH = ['$', '{env.data_root}/4tops_splitted.h5'].join('');

const GOALS = DEFAULT_META_CONFIG.goals;
const FAMILIES = DEFAULT_META_CONFIG.modelFamilies;

describe('dataset map', () => {
  it('matches the file name of data.path, interpolations and all', () => {
    expect(matchDataset(HYDRA_PATH, DEFAULT_DATASET_RULES)?.name).toBe('4topsplitted');
    expect(matchDataset('/x/4tops_5bins_ours.h5', DEFAULT_DATASET_RULES)?.name).toBe(
      '4topsplitted',
    );
    expect(matchDataset('/x/4tops_splitted.h5.bak', DEFAULT_DATASET_RULES)).toBeUndefined();
    const rules = [
      { match: 'ttbar_*.h5', name: 'ttbar' },
      { match: 'sim/*/events.h5', name: 'sim' },
    ];
    expect(matchDataset('/d/ttbar_2025.h5', rules)?.name).toBe('ttbar');
    expect(matchDataset('/d/sim/v2/events.h5', rules)?.name).toBe('sim');
    expect(matchDataset('/d/other/v2/events.h5', rules)).toBeUndefined();
  });
});

describe('goal', () => {
  it('is read only from an explicit key, or named by a boosting objective', () => {
    expect(inferGoal({ meta: { goal: 'classification' } }, GOALS)).toEqual({
      value: 'classification',
      confidence: 'high',
    });
    expect(inferGoal({ goal: 'clustering' }, GOALS)).toMatchObject({
      value: null,
      confidence: 'low',
    });
    expect(inferGoal({ objective: 'binary' }, GOALS)).toMatchObject({
      value: 'classification',
      confidence: 'medium',
    });
    expect(inferGoal({ objective: 'reg:squarederror' }, GOALS)).toMatchObject({
      value: 'regression',
    });
    expect(inferGoal({ objective: 'lambdarank' }, GOALS)).toMatchObject({
      value: null,
      confidence: 'low',
    });
    expect(
      inferGoal({ loss: 'cross_entropy', data: { classes: [[1], [2]] } }, GOALS).value,
    ).toBeNull();
  });
});

describe('model family', () => {
  it('reads family words from names', () => {
    expect([...familiesOfName('thesis_ml.architectures.TransformerClassifier')]).toEqual([
      'transformer',
    ]);
    expect([...familiesOfName('vq_vae_pretrain')]).toEqual(['ae']);
    expect([...familiesOfName('XGBoost')]).toEqual(['bdt']);
    expect([...familiesOfName('mlp_head')]).toEqual(['mlp']);
    expect([...familiesOfName('hybrid_v2')]).toEqual([]);
  });

  it('leaves disagreeing or mixed names null', () => {
    expect(inferModelFamily({ model: { name: 'vqvae_transformer' } }, {}, FAMILIES)).toMatchObject({
      value: null,
      confidence: 'low',
    });
    expect(
      inferModelFamily({ model: { name: 'mlp' } }, { loop: 'mlp_classifier' }, FAMILIES),
    ).toMatchObject({
      value: 'mlp',
      confidence: 'medium',
    });
    expect(inferModelFamily({ model_family: 'gnn' }, {}, FAMILIES)).toMatchObject({ value: null });
  });
});

describe('process groups', () => {
  const table = DEFAULT_PROCESS_TABLE;

  it('reads class lists, label maps and names', () => {
    expect(inferProcessGroups({ data: { classes: [1, [2, 'ttW']] } }, table)).toEqual({
      groups: { value: [[1], [2, 'ttW']], confidence: 'high' },
      signalClass: null,
    });
    expect(
      inferProcessGroups({ data: { classes: { 1: [2], 0: [1] } } }, table).groups.value,
    ).toEqual([[1], [2]]);
  });

  it('derives the background of signal_vs_background from the dataset processes (medium)', () => {
    const tree = { data: { signal_vs_background: true, signal: [1], processes: [1, 2, 3, 4, 5] } };
    expect(inferProcessGroups(tree, table)).toEqual({
      groups: {
        value: [[1], [2, 3, 4, 5]],
        confidence: 'medium',
        note: 'background = data.processes minus the signal',
      },
      signalClass: 0,
    });
    expect(
      inferProcessGroups({ data: { signal_vs_background: { signal: [1] } } }, table).groups,
    ).toMatchObject({
      value: null,
      confidence: 'low',
    });
  });

  it('never guesses around unknown or repeated processes', () => {
    expect(inferProcessGroups({ data: { classes: [[1], [7]] } }, table).groups.note).toBe(
      'data.classes process id 7 is not in the process table',
    );
    expect(inferProcessGroups({ data: { classes: [[1], [1, 2]] } }, table).groups.note).toBe(
      'data.classes process 4t is in more than one class',
    );
    expect(
      inferProcessGroups({ data: { classes: [['4t'], ['QCD']] } }, table).groups.value,
    ).toBeNull();
  });
});

describe('datatreatment', () => {
  it('is high when every key is declared', () => {
    const declared = {
      token_order: 'input_order',
      tokenization: 'direct',
      pid_encoding: 'embedded',
      id_embed_dim: 8,
      met_rep: 'met_metphi',
      globals_included: true,
      feature_set_version: 'v1',
      normalization: 'zscore',
    };
    expect(
      inferDatatreatment({ meta: { datatreatment: declared } }, {}, DEFAULT_META_CONFIG),
    ).toEqual({
      value: declared,
      confidence: 'high',
    });
  });

  it('is low on contradiction and leaves the contradicted key unknown', () => {
    const tree = {
      data: {
        use_binned_tokens: false,
        include_met: true,
        use_globals: true,
        normalization: 'zscore',
        pid_encoding: 'raw',
      },
      model: { tokenizer: { name: 'binned' } },
    };
    const result = inferDatatreatment(tree, {}, DEFAULT_META_CONFIG);
    expect(result.confidence).toBe('low');
    expect(result.value.tokenization).toBeUndefined();
    expect(result.note).toContain('tokenization: data.use_binned_tokens=false but tokenizer');
  });

  it('treats an invalid or "unknown" declared value as not proven', () => {
    const tree = { meta: { datatreatment: { tokenization: 'hashed', pid_encoding: 'unknown' } } };
    const result = inferDatatreatment(tree, {}, DEFAULT_META_CONFIG);
    expect(result.confidence).toBe('low');
    expect(result.value).toEqual({});
  });
});

describe('names, ids and times', () => {
  it('strips embedded timestamps from names and keeps seed-001 folder names', () => {
    expect(withoutTimestamps('run_20251008_145809_lgbm_y_logret')).toBe('run_lgbm_y_logret');
    expect(withoutTimestamps('20251008_145809')).toBe('20251008_145809');
    const kept = runIdentity({
      folderName: 'a__b-1__20240101_000000',
      name: 'x',
      start: new Date(0),
    });
    expect(kept).toMatchObject({
      runId: 'a__b-1__20240101_000000',
      architectureCode: 'b-1',
      keptFolderName: true,
    });
    const made = runIdentity({
      folderName: '0',
      name: 'my run',
      architectureCode: 'bad code',
      start: new Date('2024-02-03T04:05:06.7Z'),
    });
    expect(made).toMatchObject({
      runId: 'my_run_20240203_040506',
      architectureCode: null,
      keptFolderName: false,
    });
  });

  it('adds sequence suffixes the seed-001 way', () => {
    expect(withSequence('a_20240101_000000', 1)).toBe('a_20240101_000000');
    expect(withSequence('a_20240101_000000', 2)).toBe('a_20240101_000000-2');
    expect(withSequence('a__x__20240101_000000-2', 2)).toBe('a__x__20240101_000000-3');
    expect(withSequence('custom-id', 3)).toBe('custom-id-3');
  });

  it('finds the last time in a path and reads zone-less instants as UTC', () => {
    expect(timeInPath('multirun/2024-06-01/10-00-00/3')?.toISOString()).toBe(
      '2024-06-01T10:00:00.000Z',
    );
    expect(timeInPath('x_20240101_000000/y_20240202_010203')?.toISOString()).toBe(
      '2024-02-02T01:02:03.000Z',
    );
    expect(timeInPath('results/2024-13-01/10-00-00')).toBeNull();
    expect(parseInstant('2025-10-08T14:58:09')?.toISOString()).toBe('2025-10-08T14:58:09.000Z');
    expect(parseInstant('2025-10-08T16:58:09+02:00')?.toISOString()).toBe(
      '2025-10-08T14:58:09.000Z',
    );
    expect(parseInstant('yesterday')).toBeNull();
  });
});

describe('params and metrics', () => {
  it('flattens params to dotted keys with list indexes', () => {
    expect(flattenParams({ a: { b: [1, { c: 'x' }] }, d: null, e: [] })).toEqual({
      'a.b.0': '1',
      'a.b.1.c': 'x',
      d: 'null',
      e: '[]',
    });
    expect(seed004Params({ state_grid: [2, 3] }, {}, undefined)).toMatchObject({
      hyperparam_tuning: '1',
      feature_list_id: 'NA',
    });
    expect(seed004Params({}, {}, { lr: 0.1 })).toEqual({
      'best_params.lr': '0.1',
      hyperparam_tuning: '0',
      feature_list_id: 'NA',
    });
  });

  it('keeps only finite numbers in summary metrics', () => {
    expect(numericMetrics({ a: 1, b: null, c: 'x', d: { e: 2, f: [1] }, g: { h: null } })).toEqual({
      a: 1,
      d: { e: 2 },
    });
  });

  it('reads MLflow metric files, leaving out bad lines and non-finite values', () => {
    const parsed = parseMlflowMetrics({
      loss: '1000 0.5 0\n3000 0.25 1\n2000 0.3 1\nnan line\n4000 nan 2\n',
      'old/acc': '5000 0.9\n',
    });
    expect(parsed.latest).toEqual({ loss: 0.25, 'old/acc': 0.9 });
    expect(parsed.points).toHaveLength(4);
    expect(parsed.bad).toEqual([
      { key: 'loss', line: 4, why: 'timestamp and step must be non-negative integers' },
      { key: 'loss', line: 5, why: 'value nan is not a finite number' },
    ]);
  });

  it('reads flat dotted keys as paths (MLflow params)', () => {
    expect(valueAt({ 'data.path': '/x.h5' }, 'data.path')).toBe('/x.h5');
    expect(valueAt({ data: { 'model.name': 'mlp' } }, 'data.model.name')).toBe('mlp');
    expect(valueAt({ a: null }, 'a')).toBeUndefined();
  });
});

describe('Hydra overrides', () => {
  it('turns group overrides into choices and every override into a param', () => {
    const { choices, params } = hydraChoices(
      [
        'loop=transformer_classifier',
        '+data.extra=1',
        '~trainer.ckpt',
        'classifier/experiment=a/exp_b',
      ],
      { hydra: { runtime: { choices: { loop: 'mlp', 'hydra/launcher': 'basic', data: 'h5' } } } },
    );
    expect(choices).toEqual({
      loop: 'transformer_classifier',
      data: 'h5',
      'classifier/experiment': 'a/exp_b',
    });
    expect(params).toEqual({
      loop: 'transformer_classifier',
      'data.extra': '1',
      'classifier/experiment': 'a/exp_b',
    });
    expect(experimentChoice(choices)).toBe('exp_b');
  });
});
