import { readFile, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendJsonLines, MetricPoint, readJsonLines } from '../../../server/src/facts/index.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

let dir: { path: string; remove: () => Promise<void> };
let file: string;
beforeEach(async () => {
  dir = await makeTempDir('jsonl');
  file = join(dir.path, 'metrics.jsonl');
});
afterEach(() => dir.remove());

const TS = '2024-05-01T12:00:00.000Z';
const point = (step: number, value = step / 2): MetricPoint => ({
  key: 'loss',
  value,
  step,
  ts: TS,
});
const line = (p: MetricPoint) => `${JSON.stringify(p)}\n`;

describe('appendJsonLines and readJsonLines', () => {
  it('round-trips batches, one line per record', async () => {
    await appendJsonLines(file, [point(0), point(1)]);
    await appendJsonLines(file, [point(2)]);
    await appendJsonLines(file, []);
    expect(await readFile(file, 'utf8')).toBe(line(point(0)) + line(point(1)) + line(point(2)));
    const result = await readJsonLines(file, MetricPoint);
    expect(result.values).toEqual([point(0), point(1), point(2)]);
    expect(result.errors).toEqual([]);
  });

  it('skips and reports a torn last line, serving every complete line', async () => {
    await writeFile(file, `${line(point(0))}${line(point(1))}{"key":"loss","val`);
    const result = await readJsonLines(file, MetricPoint);
    expect(result.values).toEqual([point(0), point(1)]);
    expect(result.errors).toMatchObject([{ path: file, kind: 'torn_line', line: 3 }]);
    expect(result.errors[0]?.message).toContain(`${file} line 3`);
  });

  it('starts a new line when appending after a torn tail, so the new record stays intact', async () => {
    await writeFile(file, `${line(point(0))}{"key":"lo`);
    await appendJsonLines(file, [point(1), point(2)]);
    expect(await readFile(file, 'utf8')).toBe(
      `${line(point(0))}{"key":"lo\n${line(point(1))}${line(point(2))}`,
    );
    const result = await readJsonLines(file, MetricPoint);
    expect(result.values).toEqual([point(0), point(1), point(2)]);
    expect(result.errors).toMatchObject([{ kind: 'malformed_json', line: 2 }]);
  });

  it('serves a complete last record that lost its newline, and appends after it cleanly', async () => {
    await writeFile(file, `${line(point(0))}${JSON.stringify(point(1))}`);
    expect((await readJsonLines(file, MetricPoint)).values).toEqual([point(0), point(1)]);
    await appendJsonLines(file, [point(2)]);
    const result = await readJsonLines(file, MetricPoint);
    expect(result.values).toEqual([point(0), point(1), point(2)]);
    expect(result.errors).toEqual([]);
  });

  it('reports bad lines in the middle with their line numbers and keeps going', async () => {
    const bad = { key: 'loss', value: 'high', step: -1, ts: TS };
    await writeFile(
      file,
      `${line(point(0))}not json\n\n${JSON.stringify(bad)}\r\n${line(point(1))}`,
    );
    const result = await readJsonLines(file, MetricPoint);
    expect(result.values).toEqual([point(0), point(1)]);
    expect(result.errors).toMatchObject([
      { kind: 'malformed_json', line: 2 },
      { kind: 'schema', line: 4 },
    ]);
    expect(result.errors[0]?.message).toContain('line 1 column 2');
    expect(result.errors[1]?.message).toContain('metrics.jsonl line 4: value: expected number');
    expect(result.errors[1]?.message).toContain('metrics.jsonl line 4: step:');
  });

  it('caps the number of listed line errors', async () => {
    await writeFile(file, 'bad\n'.repeat(150) + line(point(0)));
    const result = await readJsonLines(file, MetricPoint);
    expect(result.values).toEqual([point(0)]);
    expect(result.errors).toHaveLength(101);
    expect(result.errors[100]?.message).toContain('50 more bad lines');
  });

  it('reads files much larger than one stream chunk', async () => {
    const points = Array.from({ length: 20_000 }, (_, i) => point(i));
    for (let i = 0; i < points.length; i += 5_000) {
      await appendJsonLines(file, points.slice(i, i + 5_000));
    }
    const result = await readJsonLines(file, MetricPoint);
    expect(result.values).toEqual(points);
    expect(result.errors).toEqual([]);
  });

  it('refuses an oversized file and treats a missing one as empty only when allowed', async () => {
    await appendJsonLines(file, [point(0), point(1)]);
    const big = await readJsonLines(file, MetricPoint, { maxBytes: 10 });
    expect(big.values).toEqual([]);
    expect(big.errors).toMatchObject([{ kind: 'oversized' }]);
    const absent = join(dir.path, 'absent.jsonl');
    expect(await readJsonLines(absent, MetricPoint, { allowMissing: true })).toMatchObject({
      values: [],
      errors: [],
    });
    expect((await readJsonLines(absent, MetricPoint)).errors).toMatchObject([{ kind: 'missing' }]);
  });

  it('after a cut at any byte, serves exactly the complete records and recovers on append', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          // JSON has no -0: it reads back as 0.
          fc
            .double({ noNaN: true, noDefaultInfinity: true })
            .map((v) => (Object.is(v, -0) ? 0 : v)),
          {
            minLength: 1,
            maxLength: 8,
          },
        ),
        fc.nat(),
        async (values, cutSeed) => {
          const records = values.map((v, i) => point(i, v));
          const text = records.map(line).join('');
          const cut = cutSeed % (text.length + 1);
          await writeFile(file, text);
          await truncate(file, cut);
          const ends = records.map(
            (_, i) =>
              records
                .slice(0, i + 1)
                .map(line)
                .join('').length,
          );
          // A record cut just before its newline is still whole JSON, so it is served.
          const complete = records.filter((_, i) => (ends[i] as number) - 1 <= cut);
          const lastEnd = complete.length > 0 ? (ends[complete.length - 1] as number) : 0;
          const torn = cut > lastEnd;
          complete.length < records.length && ends[complete.length - 1] !== cut && cut > 0;
          const before = await readJsonLines(file, MetricPoint);
          expect(before.values).toEqual(complete);
          expect(before.errors.map((e) => e.kind)).toEqual(torn ? ['torn_line'] : []);

          const extra = point(99, 1.5);
          await appendJsonLines(file, [extra]);
          const after = await readJsonLines(file, MetricPoint);
          expect(after.values).toEqual([...complete, extra]);
          expect(after.errors.map((e) => e.kind)).toEqual(torn ? ['malformed_json'] : []);
        },
      ),
      { numRuns: 200 },
    );
  });
});
