import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fastMetricPoint } from '../../../server/src/facts/fast-metric-point.js';
import { MetricPoint } from '../../../server/src/facts/index.js';

/** What the store's own reader makes of a line: the schema's value, or null when it refuses. */
function schemaPoint(line: string): MetricPoint | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  const checked = MetricPoint.safeParse(value);
  return checked.success ? checked.data : null;
}

const digits = (n: number, max: number) =>
  fc.integer({ min: 0, max }).map((v) => String(v).padStart(n, '0'));
const time = fc
  .tuple(
    digits(4, 9999),
    digits(2, 19),
    digits(2, 39),
    digits(2, 29),
    digits(2, 69),
    digits(2, 69),
    fc.constantFrom('', '.5', '.123', '.1234567'),
    fc.constantFrom('Z', '+00:00', '-00:00', '+0000', '+01:00', 'z', ''),
  )
  .map(([y, mo, d, h, mi, s, f, z]) => `${y}-${mo}-${d}T${h}:${mi}:${s}${f}${z}`);
const point = fc.record({
  key: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('loss', 'val_loss', 'a"b', 'é', '')),
  value: fc.oneof(fc.double(), fc.integer(), fc.constantFrom(-0, 1e-7, 1e21)),
  step: fc.oneof(fc.nat(), fc.constantFrom(-1, 0.5, 2 ** 53, 1e15 - 1, 1e15)),
  ts: time,
});
/** The store's spelling, and spellings only the full parser accepts (or nobody does). */
const line = fc.oneof(
  point.map((p) => JSON.stringify(p)),
  point.map((p) => JSON.stringify(p, null, 1).replaceAll('\n', '')),
  point.map((p) => JSON.stringify({ ts: p.ts, step: p.step, value: p.value, key: p.key })),
  point.map((p) => `${JSON.stringify(p)}\r`),
  point.map((p) => JSON.stringify(p).replace(/"value":([^,]+)/, '"value":$1e400')),
  point.map((p) => JSON.stringify(p).replace(/"step":(\d+)/, '"step":$1.0')),
  point.chain((p) => fc.nat({ max: 80 }).map((cut) => JSON.stringify(p).slice(0, cut))),
);

describe('fastMetricPoint', () => {
  it('accepts only what the schema accepts, with the same value', () => {
    let taken = 0;
    fc.assert(
      fc.property(line, (text) => {
        const fast = fastMetricPoint(text);
        // null hands the line to the schema path; anything else must be the schema's value.
        expect([null, schemaPoint(text)]).toContainEqual(fast);
        if (fast !== null) taken++;
      }),
      { numRuns: 3000 },
    );
    // The fast path must take a real share of the lines, or the property above says nothing.
    expect(taken).toBeGreaterThan(0);
  });

  it('takes the lines the store writes', () => {
    const written = { key: 'val_loss', value: 0.500575, step: 1, ts: '2025-01-01T00:42:01.000Z' };
    expect(fastMetricPoint(JSON.stringify(written))).toEqual(written);
    fc.assert(
      fc.property(
        fc.record({
          key: fc.stringMatching(/^[a-z_.]{1,20}$/),
          value: fc.double({ noNaN: true, noDefaultInfinity: true }),
          step: fc.nat(),
          ts: fc
            .date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
            .map((d) => d.toISOString()),
        }),
        (p) => {
          expect(fastMetricPoint(JSON.stringify(p))).toEqual(schemaPoint(JSON.stringify(p)));
          expect(fastMetricPoint(JSON.stringify(p))).not.toBeNull();
        },
      ),
    );
  });
});
