import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { canonicalizeMeta, canonicalJson, MetaError } from '../../../server/src/meta/index.js';

interface Vector {
  name: string;
  input: Record<string, unknown>;
  expect: Record<string, unknown> & { canonical_json: string; meta_hash: string };
}
interface ErrorVector {
  name: string;
  input: Record<string, unknown>;
  error: string;
}
const spec = JSON.parse(
  readFileSync(new URL('../../fixtures/spec/meta-vectors.json', import.meta.url), 'utf8'),
) as { cases: Vector[]; errors: ErrorVector[] };

const CANONICAL = [
  'schema_version',
  'level',
  'goal',
  'dataset_name',
  'model_family',
  'process_groups',
  'datatreatment',
] as const;

describe('seed-000 spec vectors', () => {
  it('has vectors to run', () => {
    expect(spec.cases.length).toBeGreaterThanOrEqual(7);
    expect(spec.errors.length).toBeGreaterThanOrEqual(3);
  });

  for (const vector of spec.cases) {
    it(vector.name, () => {
      const meta = canonicalizeMeta(vector.input);
      const hashed = Object.fromEntries(CANONICAL.map((k) => [k, meta[k]]));
      expect(canonicalJson(hashed)).toBe(vector.expect.canonical_json);
      expect(meta.meta_hash).toBe(vector.expect.meta_hash);
      for (const [key, value] of Object.entries(vector.expect)) {
        if (key === 'canonical_json') continue;
        expect(meta[key as keyof typeof meta], key).toEqual(value);
      }
    });
  }

  for (const vector of spec.errors) {
    it(`rejects: ${vector.name}`, () => {
      expect(() => canonicalizeMeta(vector.input)).toThrow(MetaError);
      expect(() => canonicalizeMeta(vector.input)).toThrow(vector.error);
    });
  }
});
