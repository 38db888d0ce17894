import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assertSafeRunId,
  formatRunId,
  formatRunTimestamp,
  isSafeRunId,
  NamingError,
  parseRunId,
  parseRunTimestamp,
  sanitizeName,
} from '../../../server/src/meta/index.js';

describe('run naming (seed 001)', () => {
  it('formats and parses the architecture form', () => {
    const id = formatRunId({
      name: 'my_experiment',
      architectureCode: 'mix10-dir_tau_ca-het',
      timestamp: '20241112_143027',
      sequence: 1,
    });
    expect(id).toBe('my_experiment__mix10-dir_tau_ca-het__20241112_143027');
    expect(parseRunId(id)).toEqual({
      name: 'my_experiment',
      architectureCode: 'mix10-dir_tau_ca-het',
      timestamp: '20241112_143027',
      sequence: 1,
    });
  });

  it('formats and parses the legacy form, whose name holds single underscores', () => {
    const id = formatRunId({
      name: 'baseline_experiment',
      architectureCode: null,
      timestamp: '20241112_143027',
      sequence: 1,
    });
    expect(id).toBe('baseline_experiment_20241112_143027');
    expect(parseRunId(id)).toMatchObject({
      name: 'baseline_experiment',
      architectureCode: null,
      timestamp: '20241112_143027',
    });
  });

  it('gives runs of the same second distinct deterministic ids', () => {
    const parts = { name: 'x', architectureCode: 'a', timestamp: '20241112_143027' };
    const ids = [1, 2, 3].map((sequence) => formatRunId({ ...parts, sequence }));
    expect(new Set(ids).size).toBe(3);
    expect(ids[1]).toBe('x__a__20241112_143027-2');
    expect(parseRunId(ids[2] ?? '')?.sequence).toBe(3);
  });

  it('uses UTC timestamps', () => {
    expect(formatRunTimestamp(new Date('2024-11-12T14:30:27.900Z'))).toBe('20241112_143027');
    expect(parseRunTimestamp('20241112_143027')?.toISOString()).toBe('2024-11-12T14:30:27.000Z');
    expect(parseRunTimestamp('20241312_143027')).toBeNull();
  });

  it('sanitizes names so that nothing can leave the runs folder', () => {
    expect(sanitizeName('../../etc/passwd')).toBe('etc_passwd');
    expect(sanitizeName('.hidden')).toBe('hidden');
    expect(sanitizeName('a__b')).toBe('a_b');
    expect(sanitizeName('Ünïcode name')).toBe('Unicode_name');
    expect(sanitizeName('')).toBe('experiment');
    expect(sanitizeName('x'.repeat(500)).length).toBeLessThanOrEqual(64);
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }),
        fc.option(fc.constantFrom('arch-1', 'a_b')),
        (name, arch) => {
          const id = formatRunId({
            name,
            architectureCode: arch,
            timestamp: '20240101_000000',
            sequence: 1,
          });
          expect(isSafeRunId(id)).toBe(true);
          expect(parseRunId(id)?.architectureCode ?? null).toBe(arch);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('refuses unsafe ids and architecture codes', () => {
    for (const id of ['..', 'a/b', 'a\\b', '.x', 'a\0b', 'x'.repeat(201), '', 'a..b', 'sp ace']) {
      expect(() => assertSafeRunId(id), id).toThrow(NamingError);
    }
    expect(() =>
      formatRunId({
        name: 'x',
        architectureCode: 'a__b',
        timestamp: '20240101_000000',
        sequence: 1,
      }),
    ).toThrow(/architecture_code/);
  });
});
