import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type DuckDbHandle, openDuckDb } from '../../../../server/src/index/duckdb/open-duckdb.js';

interface Db {
  nums: { id: number; i: number; b: number | string; d: number };
  people: { name: string };
}

let handle: DuckDbHandle<Db>;
beforeAll(async () => {
  handle = await openDuckDb<Db>({ path: ':memory:' });
  await sql`
    create table nums(id integer, i integer, b bigint, d double);
    insert into nums values (1, 1, 1, 1.0), (2, 2, 2, 2.0), (3, 3, 9007199254740993, 2.5);
    create table people(name varchar)`.execute(handle.db);
});
afterAll(() => handle.close());

async function roundTrip(value: unknown): Promise<{ v: unknown; t: string }> {
  const result = await sql<{ v: unknown; t: string }>`
    select ${value} as v, typeof(${value}) as t`.execute(handle.db);
  const row = result.rows[0];
  if (!row) throw new Error('no row');
  return row;
}

describe('parameters bind with explicit types and round-trip', () => {
  test.each([
    ['true', true, true, 'BOOLEAN'],
    ['false', false, false, 'BOOLEAN'],
    ['a safe integer', 42, 42, 'BIGINT'],
    ['a negative integer', -7, -7, 'BIGINT'],
    ['MAX_SAFE_INTEGER', Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, 'BIGINT'],
    ['a fraction', 1.5, 1.5, 'DOUBLE'],
    ['an integer too big for exactness', 1e20, 1e20, 'DOUBLE'],
    ['a bigint', 9007199254740993n, '9007199254740993', 'BIGINT'],
    ['a 100-bit bigint', 2n ** 100n, (2n ** 100n).toString(), 'HUGEINT'],
    ['a string', 'it\'s "quoted" ünïcode', 'it\'s "quoted" ünïcode', 'VARCHAR'],
    ['an empty string', '', '', 'VARCHAR'],
    ['null', null, null, '"NULL"'],
    [
      'a Date',
      new Date('2024-02-29T23:59:59.123Z'),
      '2024-02-29T23:59:59.123Z',
      'TIMESTAMP WITH TIME ZONE',
    ],
    ['a string array', ['a', null, "b'c"], ['a', null, "b'c"], 'VARCHAR[]'],
    ['an empty array', [], [], 'VARCHAR[]'],
  ])('%s', async (_label, value, expected, type) => {
    const row = await roundTrip(value);
    expect(row.v).toEqual(expected);
    expect(row.t).toBe(type);
  });

  test('a Buffer binds as BLOB and comes back as an equal Buffer', async () => {
    const row = await roundTrip(Buffer.from([0, 1, 254, 255]));
    expect(row.t).toBe('BLOB');
    expect(Buffer.isBuffer(row.v) && row.v.equals(Buffer.from([0, 1, 254, 255]))).toBe(true);
  });

  test('a NaN number binds as DOUBLE NaN', async () => {
    const row = await roundTrip(Number.NaN);
    expect(row.t).toBe('DOUBLE');
    expect(Number.isNaN(row.v)).toBe(true);
  });
});

describe('numbers compare correctly against INTEGER, BIGINT and DOUBLE columns', () => {
  async function ids(column: 'i' | 'b' | 'd', op: '=' | '<' | '>=', value: number | bigint) {
    const rows = await handle.db
      .selectFrom('nums')
      .select('id')
      .where(column, op, value as number)
      .orderBy('id')
      .execute();
    return rows.map((row) => row.id);
  }

  test.each([
    ['i', '=', 2, [2]],
    ['i', '=', 2.5, []],
    ['i', '<', 2.5, [1, 2]],
    ['i', '>=', 2.5, [3]],
    ['i', '=', 5_000_000_000, []],
    ['i', '<', 5_000_000_000, [1, 2, 3]],
    ['b', '=', 2, [2]],
    ['b', '=', 1.5, []],
    ['b', '=', 9007199254740993n, [3]],
    ['b', '>=', 9007199254740992n, [3]],
    ['d', '=', 2, [2]],
    ['d', '=', 2.5, [3]],
    ['d', '<', 2.5, [1, 2]],
  ] as const)('%s %s %s', async (column, op, value, expected) => {
    expect(await ids(column, op, value)).toEqual(expected);
  });

  test('a string compares against a TIMESTAMPTZ expression', async () => {
    const result = await sql<{ later: boolean }>`
      select '2024-01-01 00:00:01+00'::timestamptz > ${'2024-01-01T00:00:00Z'} as later`.execute(
      handle.db,
    );
    expect(result.rows).toEqual([{ later: true }]);
  });
});

test('an SQL injection attempt through a parameter stays data', async () => {
  const evil = "x'); DROP TABLE people; --";
  await handle.db.insertInto('people').values({ name: evil }).execute();
  const matches = await handle.db
    .selectFrom('people')
    .select('name')
    .where('name', '=', "' OR 1=1 --")
    .execute();
  expect(matches).toEqual([]);
  const all = await handle.db.selectFrom('people').select('name').execute();
  expect(all).toEqual([{ name: evil }]);
});

describe('unsupported parameters are clear errors', () => {
  test.each([
    ['a plain object', { a: 1 }, /\$1: unsupported value, an object \(Object\)/],
    ['undefined', undefined, /\$1: unsupported value, undefined/],
    ['a number array', [1, 2], /\$1: unsupported value, an array that is not all strings/],
    ['a symbol', Symbol('s'), /\$1: unsupported value, a symbol/],
    ['an invalid Date', new Date('nope'), /\$1: got an invalid Date/],
    ['a bigint wider than 128 bits', 2n ** 200n, /\$1: bigint \d+ does not fit/],
  ])('%s', async (_label, value, message) => {
    await expect(sql`select ${value} as v`.execute(handle.db)).rejects.toThrow(message);
  });

  test('the message names the supported types and the fix', async () => {
    await expect(sql`select 1 as a, ${new Map()} as v`.execute(handle.db)).rejects.toThrow(
      /Supported: null, boolean, number, bigint, string, Date, .*JSON\.stringify/,
    );
  });

  test('a parameter count mismatch is reported before running', async () => {
    const query = { ...sql`select ${1} as a`.compile(handle.db), parameters: [1, 2] };
    await expect(handle.db.executeQuery(query)).rejects.toThrow(
      /expects 1 parameter\(s\) but 2 were given/,
    );
  });
});
