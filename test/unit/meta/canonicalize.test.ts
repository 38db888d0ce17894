import { describe, expect, it } from 'vitest';
import { canonicalizeMeta, extendMetaConfig, MetaError } from '../../../server/src/meta/index.js';

const base = {
  schema_version: 1,
  level: 'sim_event',
  goal: 'classification',
  dataset_name: '4topsplitted',
  model_family: 'transformer',
  process_groups: [['4t'], ['ttH', 'ttW', 'ttWW', 'ttZ']],
  datatreatment: { tokenization: 'direct', pid_encoding: 'embedded', id_embed_dim: 8 },
};

describe('review reasons and confidence', () => {
  it('a fully declared live run needs no review and is high confidence', () => {
    const meta = canonicalizeMeta(base);
    expect(meta.needs_review).toBe(false);
    expect(meta.needs_review_reason).toEqual([]);
    expect(meta.meta_confidence).toBe('high');
    expect(meta.meta_source).toBe('live');
  });

  it('null fields are unknown with review reasons, never guessed', () => {
    const meta = canonicalizeMeta({
      ...base,
      goal: null,
      dataset_name: null,
      process_groups: null,
      datatreatment: undefined,
    });
    expect(meta.needs_review_reason).toEqual([
      'missing_process_groups',
      'missing_goal',
      'missing_dataset_name',
      'ambiguous_datatreatment',
    ]);
    expect(meta.meta_confidence).toBe('low');
    expect(meta.meta_confidence_fields.goal).toBe('low');
    expect(meta.row_key).toBeNull();
  });

  it('process groups of a regression run are not a review reason', () => {
    const meta = canonicalizeMeta({ ...base, goal: 'regression', process_groups: null });
    expect(meta.needs_review).toBe(false);
    expect(meta.meta_confidence_fields.process_groups).toBe('high');
  });

  it('meta_confidence is the minimum of declared per-field confidences', () => {
    const meta = canonicalizeMeta({
      ...base,
      meta_source: 'backfill',
      meta_confidence_fields: { dataset_name: 'medium', datatreatment: 'high' },
    });
    expect(meta.meta_confidence).toBe('medium');
    expect(meta.meta_source).toBe('backfill');
  });

  it('low datatreatment confidence is ambiguous_datatreatment', () => {
    const meta = canonicalizeMeta({ ...base, meta_confidence_fields: { datatreatment: 'low' } });
    expect(meta.needs_review_reason).toEqual(['ambiguous_datatreatment']);
  });
});

describe('stored derived fields are cache', () => {
  it('reports a stored value that disagrees and serves the recomputed one', () => {
    const meta = canonicalizeMeta({
      ...base,
      row_key: 'stale::row',
      meta_hash: 'sha1:0000',
      n_classes: 2,
    });
    expect(meta.row_key).toBe('4topsplitted::4t|ttH+ttW+ttWW+ttZ');
    expect(meta.derived_mismatches.map((m) => m.field).sort()).toEqual(['meta_hash', 'row_key']);
    expect(meta.derived_mismatches.find((m) => m.field === 'row_key')?.stored).toBe('stale::row');
  });
});

describe('override', () => {
  it('wins, marks its fields high and the source override, and clears review', () => {
    const inferred = canonicalizeMeta({
      ...base,
      process_groups: null,
      meta_source: 'backfill',
      meta_confidence_fields: { dataset_name: 'medium' },
    });
    expect(inferred.needs_review).toBe(true);
    const meta = canonicalizeMeta(
      {
        ...base,
        process_groups: null,
        meta_source: 'backfill',
        meta_confidence_fields: { dataset_name: 'medium' },
      },
      {
        override: {
          process_groups: [['ttZ', 'ttH'], ['4t']],
          dataset_name: '4topsplitted',
          reason: 'checked the data card',
          author: 'ana',
        },
      },
    );
    expect(meta.meta_source).toBe('override');
    expect(meta.needs_review).toBe(false);
    expect(meta.process_groups).toEqual([['4t'], ['ttH', 'ttZ']]);
    expect(meta.meta_confidence_fields.process_groups).toBe('high');
    expect(meta.meta_confidence_fields.dataset_name).toBe('high');
    expect(meta.override).toEqual({
      fields: ['dataset_name', 'process_groups'],
      reason: 'checked the data card',
      author: 'ana',
      created_at: null,
    });
  });

  it('merges datatreatment key by key', () => {
    const meta = canonicalizeMeta(base, { override: { datatreatment: { tokenization: 'vq' } } });
    expect(meta.datatreatment.tokenization).toBe('vq');
    expect(meta.datatreatment.id_embed_dim).toBe(8);
  });

  it('rejects unknown override keys', () => {
    expect(() => canonicalizeMeta(base, { override: { goall: 'x' } })).toThrow(MetaError);
  });
});

describe('validation', () => {
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ['unknown goal', { ...base, goal: 'clustering' }, 'goal: "clustering" is not one of'],
    ['unknown model family', { ...base, model_family: 'cnn' }, 'model_family'],
    [
      'bad datatreatment value',
      { ...base, datatreatment: { tokenization: 'bpe' } },
      'datatreatment.tokenization',
    ],
    [
      'unknown datatreatment key',
      { ...base, datatreatment: { tokenizer: 'direct' } },
      'unknown key(s) tokenizer',
    ],
    [
      'embed dim without embedding',
      { ...base, datatreatment: { pid_encoding: 'onehot', id_embed_dim: 8 } },
      'datatreatment.id_embed_dim',
    ],
    ['signal class out of range', { ...base, signal_class: 5 }, 'signal_class'],
    [
      'duplicate process in a class',
      { ...base, process_groups: [['4t', '4t'], ['ttH']] },
      'listed twice',
    ],
    ['separator in a process name', { ...base, process_groups: [['4t+ttH'], ['ttZ']] }, "'+'"],
    ['no classes', { ...base, process_groups: [] }, 'at least one class'],
    ['typo in a key', { ...base, dataset: 'x' }, 'dataset'],
    ['float schema version', { ...base, schema_version: 1.5 }, 'schema_version'],
    ['dataset with ::', { ...base, dataset_name: 'a::b' }, 'dataset_name'],
    ['newer schema version', { ...base, schema_version: 99 }, 'upgrade runfacts'],
  ];
  for (const [name, input, message] of cases) {
    it(name, () => {
      expect(() => canonicalizeMeta(input)).toThrow(MetaError);
      expect(() => canonicalizeMeta(input)).toThrow(message);
    });
  }

  it('a config file can extend the vocabularies and the process table', () => {
    const config = extendMetaConfig({
      modelFamilies: ['gnn'],
      datatreatment: { tokenization: ['bpe'] },
      processTable: { 6: 'ttbb' },
    });
    const meta = canonicalizeMeta(
      {
        ...base,
        model_family: 'gnn',
        datatreatment: { tokenization: 'bpe' },
        process_groups: [[6], [1]],
      },
      { config },
    );
    expect(meta.model_family).toBe('gnn');
    expect(meta.process_groups).toEqual([['4t'], ['ttbb']]);
  });
});

describe('schema versions', () => {
  it('upgrades meta written before schema_version existed', () => {
    const { schema_version: _, ...v0 } = base;
    const meta = canonicalizeMeta(v0);
    expect(meta.schema_version).toBe(1);
    expect(meta.meta_hash).toBe(canonicalizeMeta(base).meta_hash);
  });
});
