import { describe, expect, it } from 'vitest';
import { detectNotRun, type Entry } from '../../../server/src/backfill/detect.js';
import { unquoteOverride } from '../../../server/src/backfill/layouts/hydra-overrides.js';
import { metaFromMirrorParams } from '../../../server/src/backfill/mlflow-server/mirror-meta.js';

const entries = (spec: string): Entry[] =>
  spec
    .split(' ')
    .map((n) =>
      n.endsWith('/') ? { name: n.slice(0, -1), type: 'dir' } : { name: n, type: 'file' },
    );

describe('detectNotRun', () => {
  it.each([
    ['meta.yaml version-1/ version-2/', 'MLP', 'models', 'registered_model'],
    ['meta.yaml aliases/', 'clf', 'models', 'registered_model'],
    ['meta.yaml', 'empty-model', 'models', 'registered_model'],
    ['meta.yaml params/ metrics/ tags/ artifacts/', 'm-0123abcd', 'models', 'logged_model'],
    ['meta.yaml', '0099920431868dbe', 'datasets', 'mlflow_dataset'],
    ['multirun.yaml', '15-41-45', '2024-07-19', 'hydra_sweep'],
    ['multirun.yaml 0/ 1/', '16-00-00', '2024-07-19', 'hydra_sweep'],
  ])('%s in %s/%s is %s', (spec, name, parent, kind) => {
    expect(detectNotRun(entries(spec), name, parent)).toBe(kind);
  });

  it.each([
    ['meta.yaml params/ metrics/ tags/', 'a1b2c3', '1'],
    ['meta.yaml params/ metrics/', 'm-0123abcd', '7'],
    ['meta.yaml', '0', 'mlruns'],
    ['multirun.yaml .hydra/', '0', '16-00-00'],
    ['config.yaml summary.json', 'run_20240101_000000', 'results'],
  ])('%s in %s/%s is a run or bookkeeping, not a recognised non-run', (spec, name, parent) => {
    expect(detectNotRun(entries(spec), name, parent)).toBeNull();
  });
});

describe('unquoteOverride', () => {
  it.each([
    ["'random'", 'random'],
    ['"a b"', 'a b'],
    ["'it\\'s'", "it's"],
    ["''", ''],
    ["'a','b'", "'a','b'"],
    ['plain', 'plain'],
    ["'", "'"],
    ["{'num_states': 10}", "{'num_states': 10}"],
  ])('%s -> %s', (value, want) => {
    expect(unquoteOverride(value)).toBe(want);
  });
});

describe('metaFromMirrorParams', () => {
  it('reads the meta.* params the mirror writes; fields with a value are high, absent ones low', () => {
    const meta = metaFromMirrorParams({
      'meta.schema_version': '1',
      'meta.goal': 'classification',
      'meta.process_groups': '[["4t"],["ttH"]]',
      'meta.datatreatment': '{"tokenization":"direct","met_rep":"unknown"}',
      lr: '0.1',
    });
    expect(meta).toMatchObject({
      schema_version: 1,
      goal: 'classification',
      level: null,
      process_groups: [['4t'], ['ttH']],
      datatreatment: { tokenization: 'direct', met_rep: 'unknown' },
      meta_confidence_fields: {
        goal: 'high',
        process_groups: 'high',
        level: 'low',
        datatreatment: 'low',
      },
    });
  });

  it('is null for a run the mirror did not write', () => {
    expect(metaFromMirrorParams({ lr: '0.1', 'meta.goal': 'x' })).toBeNull();
  });
});
