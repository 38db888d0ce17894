import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalizeMeta, canonicalJson } from '../../../server/src/meta/index.js';

const PROCESSES = ['4t', 'ttH', 'ttW', 'ttWW', 'ttZ', 'ttbb', 'tt', 'Wjets'];

/** Disjoint non-empty classes drawn from a pool of process names. */
const groupsArb = fc.shuffledSubarray(PROCESSES, { minLength: 1 }).chain((procs) =>
  fc
    .array(fc.nat({ max: procs.length - 1 }), { minLength: procs.length, maxLength: procs.length })
    .map((slots) => {
      const classes = new Map<number, string[]>();
      procs.forEach((p, i) => {
        const slot = slots[i] ?? 0;
        classes.set(slot, [...(classes.get(slot) ?? []), p]);
      });
      return [...classes.values()];
    }),
);

const dtArb = fc.record(
  {
    token_order: fc.constantFrom('pt_sorted', 'shuffled', 'input_order', 'unknown'),
    tokenization: fc.constantFrom('direct', 'binned', 'vq'),
    pid_encoding: fc.constantFrom('embedded', 'unknown'),
    id_embed_dim: fc.constantFrom(4, 8, null, 'unknown'),
    met_rep: fc.constantFrom('met_metphi', 'met_vec', 'none'),
    globals_included: fc.constantFrom(true, false, 'unknown'),
    feature_set_version: fc.constantFrom('v1', 'v2'),
    normalization: fc.constantFrom('zscore', 'minmax', 'none'),
  },
  { requiredKeys: [] },
);

const metaArb = fc.record({
  schema_version: fc.constant(1),
  level: fc.constantFrom('sim_event', 'reco_event', null),
  goal: fc.constantFrom('classification', 'anomaly_detection', null),
  dataset_name: fc.oneof(
    fc.constant(null),
    fc.string({ minLength: 1, unit: 'grapheme' }).filter((s) => !s.includes('::')),
  ),
  model_family: fc.constantFrom('transformer', 'mlp', 'bdt', 'ae'),
  process_groups: fc.oneof(fc.constant(null), groupsArb),
  datatreatment: dtArb,
});

const shuffle = <T>(items: T[], seed: number): T[] =>
  items
    .map((v, i) => ({ v, k: Math.sin(seed + i * 7919) }))
    .sort((a, b) => a.k - b.k)
    .map((x) => x.v);

const reorderKeys = (obj: Record<string, unknown>, seed: number): Record<string, unknown> =>
  Object.fromEntries(shuffle(Object.entries(obj), seed));

describe('canonicalization properties', () => {
  it('is idempotent: canonical output fed back in gives the same meta', () => {
    fc.assert(
      fc.property(metaArb, (input) => {
        const once = canonicalizeMeta(input);
        const twice = canonicalizeMeta({
          schema_version: once.schema_version,
          level: once.level,
          goal: once.goal,
          dataset_name: once.dataset_name,
          model_family: once.model_family,
          process_groups: once.process_groups,
          datatreatment: once.datatreatment,
        });
        expect(twice.meta_hash).toBe(once.meta_hash);
        expect(twice.process_groups).toEqual(once.process_groups);
        expect(twice.datatreatment).toEqual(once.datatreatment);
      }),
      { numRuns: 300 },
    );
  });

  it('does not depend on the order of classes, processes or datatreatment keys', () => {
    fc.assert(
      fc.property(metaArb, fc.integer(), (input, seed) => {
        const permuted = {
          ...reorderKeys(input, seed),
          process_groups:
            input.process_groups === null
              ? null
              : shuffle(
                  input.process_groups.map((cls, i) => shuffle(cls, seed + i)),
                  seed,
                ),
          datatreatment: reorderKeys(input.datatreatment, seed + 1),
        };
        const a = canonicalizeMeta(input);
        const b = canonicalizeMeta(permuted);
        expect(b.meta_hash).toBe(a.meta_hash);
        expect(b.process_groups_key).toBe(a.process_groups_key);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the declared signal class at its index whatever order the others come in', () => {
    fc.assert(
      fc.property(groupsArb, fc.integer(), (groups, seed) => {
        const signal = Math.abs(seed) % groups.length;
        const meta = canonicalizeMeta({
          schema_version: 1,
          goal: 'classification',
          process_groups: groups,
          signal_class: signal,
        });
        expect(meta.process_groups?.[signal]).toEqual([...(groups[signal] ?? [])].sort());
      }),
    );
  });
});

describe('byte-identical to Python json.dumps(sort_keys, separators, ensure_ascii=False)', () => {
  it('matches python3 for generated values, including non-ASCII and astral keys', () => {
    const samples = fc.sample(
      fc.dictionary(
        fc.string({ unit: 'grapheme', maxLength: 6 }),
        fc.oneof(
          fc.string({ unit: 'grapheme' }),
          fc.integer(),
          fc.boolean(),
          fc.constant(null),
          fc.array(fc.string({ unit: 'binary' }), { maxLength: 3 }),
        ),
        { maxKeys: 6 },
      ),
      { numRuns: 200, seed: 42 },
    );
    const ours = samples.map((s) => canonicalJson(s));
    const script =
      'import json,sys\nfor line in sys.stdin:\n    print(json.dumps(json.loads(line), sort_keys=True, separators=(",", ":"), ensure_ascii=False))';
    const input = `${samples.map((s) => JSON.stringify(s)).join('\n')}\n`;
    const python = execFileSync('python3', ['-c', script], {
      input,
      encoding: 'utf8',
      env: { ...process.env, PYTHONIOENCODING: 'utf-8' },
    }).split('\n');
    expect(ours).toEqual(python.slice(0, ours.length));
  });
});
