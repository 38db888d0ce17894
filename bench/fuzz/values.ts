import fc from 'fast-check';

/** Strings that have hurt servers: traversal, NUL, reserved names, injection, odd unicode. */
export const HOSTILE_STRINGS = [
  '',
  '.',
  '..',
  '../../canary/pwned',
  '../../../../../../tmp/runfacts-fuzz-escape',
  '/etc/passwd',
  '..\\..\\canary\\pwned',
  'a/../../b',
  'run\u0000id',
  '.hidden',
  'CON',
  '%2e%2e%2f%2e%2e%2f',
  '__proto__',
  'constructor',
  "'; DROP TABLE runs; --",
  '" OR 1=1 --',
  'Production',
  'production',
  'latest',
  'v1',
  '\u202e\u0000\uffff',
  '\ud800',
  '😀'.repeat(50),
  'x'.repeat(201),
  'a__b__20240101_000000',
  'exp_20240101_000000',
];

export function stringArb(runIds: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...HOSTILE_STRINGS), weight: 4 },
    { arbitrary: fc.constantFrom(...runIds), weight: 4 },
    { arbitrary: fc.string({ maxLength: 30 }), weight: 4 },
    { arbitrary: fc.string({ unit: 'binary', maxLength: 30 }), weight: 2 },
    {
      arbitrary: fc.constantFrom('auroc', 'loss', 'lr', 'seed', 'dataset_name', 'experiment'),
      weight: 3,
    },
  );
}

export const intArb: fc.Arbitrary<number> = fc.oneof(
  { arbitrary: fc.integer({ min: -5, max: 1200 }), weight: 6 },
  {
    arbitrary: fc.constantFrom(
      0,
      -1,
      2 ** 31 - 1,
      2 ** 31,
      -(2 ** 31) - 1,
      1e15,
      Number.MAX_SAFE_INTEGER,
    ),
    weight: 2,
  },
);

export const floatArb: fc.Arbitrary<number> = fc.oneof(
  fc.double({ noNaN: false }),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0, 1e308, 5e-324),
);

export const dateArb: fc.Arbitrary<string> = fc.oneof(
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom('2024-02-30T00:00:00Z', 'yesterday', '+275760-09-13T00:00:00.000Z', '0'),
);

/** Small JSON values; deep and huge ones are built by `hugeValue` outside fast-check, whose bookkeeping recurses. */
export function jsonArb(runIds: readonly string[]): fc.Arbitrary<unknown> {
  return fc.oneof(
    { arbitrary: fc.jsonValue({ maxDepth: 4 }), weight: 3 },
    {
      arbitrary: fc.dictionary(stringArb(runIds), fc.oneof(fc.double(), fc.string(), fc.boolean())),
      weight: 1,
    },
  );
}

/** A string of `size` characters or an object nested `size` deep. */
export function hugeValue(kind: 'string' | 'nested', size: number): unknown {
  if (kind === 'string') return 'x'.repeat(size);
  let v: unknown = 1;
  for (let i = 0; i < size; i++) v = { a: v };
  return v;
}
