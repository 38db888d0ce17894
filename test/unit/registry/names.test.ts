import { join, relative, sep } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  aliasProblem,
  isProtectedAlias,
  modelFilePath,
  modelsDirOf,
  unsafeModelNameReason,
  versionOfVersionAlias,
} from '../../../server/src/registry/index.js';

/** Strings over the allowed characters plus separators, so both sides of the rule are hit. */
const nameLike = fc.string({
  unit: fc.constantFrom(...'aZ09._-/\\'.split('')),
  minLength: 1,
  maxLength: 12,
});

describe('model names', () => {
  it.each(['m', 'tops-clf', 'btcusdt-1h-inference-7d-logret', 'a.b_c-D9', 'x'.repeat(200)])(
    'accepts %s',
    (name) => expect(unsafeModelNameReason(name)).toBeNull(),
  );

  it.each(['', '.', '..', '.hidden', 'a..b', 'a/b', 'a\\b', 'a b', 'a\0b', 'é', 'x'.repeat(201)])(
    'refuses %j',
    (name) => expect(unsafeModelNameReason(name)).not.toBeNull(),
  );

  it('every accepted name is one plain file directly inside registry/models/', () => {
    const root = join(sep, 'srv', 'facts');
    fc.assert(
      fc.property(nameLike, (name) => {
        fc.pre(unsafeModelNameReason(name) === null);
        const rel = relative(modelsDirOf(root), modelFilePath(root, name));
        expect(rel).toBe(`${name}.json`);
        expect(rel.startsWith('.')).toBe(false);
        expect(rel.includes(sep)).toBe(false);
      }),
    );
  });
});

describe('alias names (MLflow rule)', () => {
  it.each(['Staging', 'Production', 'champion', 'a_b-c', 'v', 'v1a', 'ver2', 'A'.repeat(255)])(
    'accepts %s',
    (alias) => expect(aliasProblem(alias)).toBeNull(),
  );

  it.each([
    ['latest', true],
    ['Latest', true],
    ['LATEST', true],
    ['v0', true],
    ['v12', true],
    ['V7', true],
    ['', false],
    ['a.b', false],
    ['a b', false],
    ['ü', false],
    ['A'.repeat(256), false],
  ])('refuses %j (reserved: %s)', (alias, reserved) => {
    expect(aliasProblem(alias)?.reserved).toBe(reserved);
  });

  it('any character outside [A-Za-z0-9_-] makes an alias invalid', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.string({ minLength: 1, maxLength: 1 }),
        fc.string(),
        (a, c, b) => {
          fc.pre(!/[A-Za-z0-9_-]/.test(c));
          expect(aliasProblem(`${a}${c}${b}`)).not.toBeNull();
        },
      ),
    );
  });

  it('reads v<digits> as a version and protects aliases whatever their case', () => {
    expect(versionOfVersionAlias('v3')).toBe(3);
    expect(versionOfVersionAlias('V10')).toBe(10);
    expect(versionOfVersionAlias('v')).toBeNull();
    expect(isProtectedAlias(['Staging', 'Production'], 'PRODUCTION')).toBe(true);
    expect(isProtectedAlias(['Staging', 'Production'], 'champion')).toBe(false);
  });
});
