import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type DuckDbHandle, openDuckDb } from '../../../../server/src/index/duckdb/open-duckdb.js';
import { findBigInt } from './helpers.js';

let handle: DuckDbHandle<unknown>;
beforeAll(async () => {
  handle = await openDuckDb({ path: ':memory:' });
});
afterAll(() => handle.close());

async function selectOne(expression: string): Promise<unknown> {
  const result = await sql<{ v: unknown }>`select ${sql.raw(expression)} as v`.execute(handle.db);
  expect(result.rows).toHaveLength(1);
  return result.rows[0]?.v;
}

describe('DuckDB values map to JSON-friendly JS', () => {
  test.each([
    ['42::TINYINT', 42],
    ['42::INTEGER', 42],
    ['42::BIGINT', 42],
    ['-9007199254740991::BIGINT', -9007199254740991],
    ['9007199254740993::BIGINT', '9007199254740993'],
    ['(-9223372036854775807 - 1)::BIGINT', '-9223372036854775808'],
    ['18446744073709551615::UBIGINT', '18446744073709551615'],
    ['5::HUGEINT', 5],
    ['170141183460469231731687303715884105727::HUGEINT', '170141183460469231731687303715884105727'],
    ['1.5::DOUBLE', 1.5],
    ['1.5::FLOAT', 1.5],
    ['12.345::DECIMAL(10,3)', 12.345],
    ['123456789012.5::DECIMAL(38,2)', 123456789012.5],
    ['true', true],
    ['NULL', null],
    ['NULL::INTEGER', null],
    ["'héllo'", 'héllo'],
    ["'2024-01-02 03:04:05.678901+00'::TIMESTAMPTZ", '2024-01-02T03:04:05.678Z'],
    ["'2024-01-02 05:04:05.678+02'::TIMESTAMPTZ", '2024-01-02T03:04:05.678Z'],
    ["'2024-01-02 03:04:05.678901'::TIMESTAMP", '2024-01-02T03:04:05.678Z'],
    ["'2024-01-02 03:04:05.678'::TIMESTAMP_MS", '2024-01-02T03:04:05.678Z'],
    ["'2024-01-02 03:04:05'::TIMESTAMP_S", '2024-01-02T03:04:05.000Z'],
    ["'2024-01-02 03:04:05.678901234'::TIMESTAMP_NS", '2024-01-02T03:04:05.678Z'],
    ["'1969-12-31 23:59:59.9995+00'::TIMESTAMPTZ", '1969-12-31T23:59:59.999Z'],
    ["'infinity'::TIMESTAMPTZ", 'infinity'],
    ["'-infinity'::TIMESTAMP", '-infinity'],
    ["'2024-03-05'::DATE", '2024-03-05'],
    ["'1969-12-31'::DATE", '1969-12-31'],
    ["'infinity'::DATE", 'infinity'],
    ['[1, 2, NULL]', [1, 2, null]],
    ['[[9007199254740993::BIGINT], []]', [['9007199254740993'], []]],
    ['[1, 2, 3]::INTEGER[3]', [1, 2, 3]],
    ["['a', 'b']::VARCHAR[]", ['a', 'b']],
    [
      "{'a': 1, 'b': 'x', 'c': ['2024-01-02 03:04:05+00'::TIMESTAMPTZ], 'd': {'e': 2::HUGEINT}}",
      { a: 1, b: 'x', c: ['2024-01-02T03:04:05.000Z'], d: { e: 2 } },
    ],
    [
      "map(['k1', 'k2'], [10::BIGINT, NULL])",
      [
        { key: 'k1', value: 10 },
        { key: 'k2', value: null },
      ],
    ],
    ["'0b31b72a-1f14-4b0b-9f43-65b0f4fd5e41'::UUID", '0b31b72a-1f14-4b0b-9f43-65b0f4fd5e41'],
    ["'12:34:56.5'::TIME", '12:34:56.5'],
    ["INTERVAL '1 day 2 hours'", '1 day 02:00:00'],
    ['union_value(n := 7::BIGINT)::UNION(n BIGINT, s VARCHAR)', { tag: 'n', value: 7 }],
  ])('%s', async (expression, expected) => {
    const value = await selectOne(expression);
    expect(value).toEqual(expected);
    expect(findBigInt(value)).toBeUndefined();
  });

  test('BLOB becomes a Buffer with the same bytes', async () => {
    const value = await selectOne("'\\xAA\\x00\\xBB'::BLOB");
    expect(Buffer.isBuffer(value)).toBe(true);
    expect([...(value as Buffer)]).toEqual([0xaa, 0x00, 0xbb]);
  });

  test('a wide table of every integer width has no bigint anywhere', async () => {
    const result = await sql`
      select range::BIGINT as b, (range * 1000000000000)::HUGEINT as h, range::UBIGINT as u,
        [range::BIGINT, 9223372036854775807::BIGINT] as l,
        {'x': range::BIGINT} as s, (range * 0.5)::DECIMAL(18, 1) as dec
      from range(3000)`.execute(handle.db);
    expect(result.rows).toHaveLength(3000);
    expect(findBigInt(result.rows)).toBeUndefined();
    expect(result.rows[2999]).toEqual({
      b: 2999,
      h: 2999000000000000,
      u: 2999,
      l: [2999, '9223372036854775807'],
      s: { x: 2999 },
      dec: 1499.5,
    });
  });

  test('integers beyond MAX_SAFE_INTEGER come back as exact decimal strings', async () => {
    const result = await sql<{ v: unknown }>`
      select (9007199254740990::BIGINT + range) as v from range(6) order by v`.execute(handle.db);
    expect(result.rows.map((row) => row.v)).toEqual([
      9007199254740990,
      9007199254740991,
      '9007199254740992',
      '9007199254740993',
      '9007199254740994',
      '9007199254740995',
    ]);
  });
});
