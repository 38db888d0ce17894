import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { AppendValue } from '../../../../server/src/index/duckdb/append-values.js';
import { type DuckDbHandle, openDuckDb } from '../../../../server/src/index/duckdb/open-duckdb.js';
import { appendRows, TableAppender } from '../../../../server/src/index/duckdb/table-appender.js';
import { findBigInt, makeTempDir } from './helpers.js';

interface Db {
  typed: {
    id: number;
    v: string | null;
    d: number | null;
    i: number | null;
    b: number | string | null;
    f: boolean | null;
    ts: string | null;
    tags: (string | null)[] | null;
  };
  metric: { run_id: string; key: string; step: number; value: number };
}

const ROWS = 10_000;
const BASE_MS = Date.UTC(2024, 0, 1);

/** Row n in table column order; each column is NULL on a different residue so nulls vary. */
function inputRow(n: number): AppendValue[] {
  return [
    n,
    n % 7 === 0 ? null : `value ${n} 'quoted' ✓`,
    n % 11 === 0 ? null : n / 4 - 100,
    n % 13 === 0 ? null : n * (n % 2 === 0 ? 1 : -1),
    n % 17 === 0 ? null : n % 3 === 0 ? 2n ** 60n + BigInt(n) : n * 1_000_000,
    n % 19 === 0 ? null : n % 2 === 0,
    n % 23 === 0
      ? null
      : n % 2 === 0
        ? new Date(BASE_MS + n * 1001)
        : new Date(BASE_MS + n * 1001).toISOString(),
    n % 29 === 0 ? null : n % 5 === 0 ? [] : [`t${n}`, null, 'x'],
  ];
}

function expectedRow(n: number): Db['typed'] {
  const [id, v, d, i, b, f, ts, tags] = inputRow(n);
  return {
    id: id as number,
    v: v as string | null,
    d: d as number | null,
    i: i as number | null,
    b: typeof b === 'bigint' ? b.toString() : (b as number | null),
    f: f as boolean | null,
    ts: ts === null ? null : new Date(ts as Date | string).toISOString(),
    tags: tags as (string | null)[] | null,
  };
}

let handle: DuckDbHandle<Db>;
beforeEach(async () => {
  handle = await openDuckDb<Db>({ path: ':memory:' });
  await sql`
    create table typed(id integer not null, v varchar, d double, i integer, b bigint,
      f boolean, ts timestamptz, tags varchar[]);
    create table metric(run_id varchar not null, key varchar not null, step bigint, value double)`.execute(
    handle.db,
  );
});
afterEach(() => handle.close());

async function typedRows(): Promise<Db['typed'][]> {
  return handle.db.selectFrom('typed').selectAll().orderBy('id').execute();
}

describe('appendRows', () => {
  test('round-trips 10k rows of every column type, nulls included', async () => {
    const rows = Array.from({ length: ROWS }, (_, n) => inputRow(n));
    expect(await handle.appendRows('typed', rows)).toBe(ROWS);
    const back = await typedRows();
    expect(back).toHaveLength(ROWS);
    expect(findBigInt(back)).toBeUndefined();
    expect(back).toEqual(Array.from({ length: ROWS }, (_, n) => expectedRow(n)));
  });

  test('takes object rows and async iterables', async () => {
    async function* generate() {
      for (let n = 0; n < 3000; n++) {
        yield { run_id: `run${n % 10}`, key: 'loss', step: n, value: n / 2 };
      }
    }
    expect(await handle.appendRows('metric', generate())).toBe(3000);
    const row = await handle.db
      .selectFrom('metric')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('step').as('steps')])
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ n: 3000, steps: (2999 * 3000) / 2 });
  });

  test('a bad value deep into the load names row and column and writes nothing', async () => {
    const rows = Array.from({ length: 5000 }, (_, n) => inputRow(n));
    rows[4321] = inputRow(4321).with(3, 1.5);
    await expect(handle.appendRows('typed', rows)).rejects.toThrow(
      /Appending to "typed", row 4321: column "i" \(INTEGER\): expected an integer within 32 bits, got 1\.5 \(number\)/,
    );
    expect(await typedRows()).toEqual([]);
  });

  test('a constraint DuckDB enforces rolls the whole load back', async () => {
    const rows = Array.from({ length: 5000 }, (_, n) => inputRow(n));
    rows[4999] = inputRow(4999).with(0, null);
    await expect(handle.appendRows('typed', rows)).rejects.toThrow(
      /Appending to "typed": DuckDB rejected rows among the first 5000: .*NOT NULL/,
    );
    expect(await typedRows()).toEqual([]);
  });

  test.each([
    ['a short array row', [1, 'x'], /row 0: has 2 values, the table has 8 columns/],
    [
      'a timestamp without a zone',
      inputRow(1).with(6, '2024-01-01T00:00:00'),
      /column "ts" \(TIMESTAMPTZ\): expected a Date or an ISO-8601 string ending in Z/,
    ],
    [
      'an invalid Date',
      inputRow(1).with(6, new Date('nope')),
      /column "ts" \(TIMESTAMPTZ\): expected a valid Date/,
    ],
    [
      'an unsafe integer for BIGINT',
      inputRow(1).with(4, 2 ** 60),
      /column "b" \(BIGINT\): expected a safe-integer number or a bigint/,
    ],
    [
      'a number in VARCHAR',
      inputRow(1).with(1, 5),
      /column "v" \(VARCHAR\): expected a string, got 5 \(number\)/,
    ],
    [
      'numbers in VARCHAR[]',
      inputRow(1).with(7, [1, 2] as unknown as string[]),
      /column "tags" \(VARCHAR\[\]\): expected an array of strings/,
    ],
    [
      'a string in BOOLEAN',
      inputRow(1).with(5, 'true'),
      /column "f" \(BOOLEAN\): expected a boolean/,
    ],
  ])('rejects %s', async (_label, row, message) => {
    await expect(handle.appendRows('typed', [row])).rejects.toThrow(message);
  });

  test('object rows must name every column and only those', async () => {
    await expect(handle.appendRows('metric', [{ run_id: 'r', key: 'k', step: 1 }])).rejects.toThrow(
      /no value for column\(s\) value \(use null for NULL\)/,
    );
    await expect(
      handle.appendRows('metric', [{ run_id: 'r', key: 'k', step: 1, value: 2, extra: 3 }]),
    ).rejects.toThrow(/unknown column\(s\) extra/);
  });

  test('refuses a missing table and column types it cannot write', async () => {
    await expect(handle.appendRows('nope', [])).rejects.toThrow(/"main"."nope": no such table/);
    await sql`create table odd(a integer, m map(varchar, integer), d date)`.execute(handle.db);
    await expect(handle.appendRows('odd', [])).rejects.toThrow(
      /unsupported column type\(s\) "m" MAP\(VARCHAR, INTEGER\), "d" DATE/,
    );
  });

  test('joins a transaction opened on the session connection', async () => {
    await expect(
      handle.withConnection(({ db, connection }) =>
        db.transaction().execute(async (trx) => {
          await trx
            .insertInto('metric')
            .values({ run_id: 'r', key: 'k', step: 0, value: 0 })
            .execute();
          await appendRows(connection, 'metric', [['r', 'k', 1, 1]]);
          const n = await trx
            .selectFrom('metric')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow();
          expect(n.n).toBe(2);
          throw new Error('roll it all back');
        }),
      ),
    ).rejects.toThrow('roll it all back');
    expect(await handle.db.selectFrom('metric').selectAll().execute()).toEqual([]);
  });
});

describe('TableAppender', () => {
  test('reports columns, flushes on demand and refuses rows after close', async () => {
    await handle.withConnection(async ({ db, connection }) => {
      const appender = await TableAppender.open(connection, 'metric');
      expect(appender.columns).toEqual([
        { name: 'run_id', type: 'VARCHAR' },
        { name: 'key', type: 'VARCHAR' },
        { name: 'step', type: 'BIGINT' },
        { name: 'value', type: 'DOUBLE' },
      ]);
      appender.append(['r', 'k', 1, 0.5]);
      appender.flush();
      const seen = await db.selectFrom('metric').selectAll().execute();
      expect(seen).toEqual([{ run_id: 'r', key: 'k', step: 1, value: 0.5 }]);
      appender.append(['r', 'k', 2n ** 62n, 1]);
      appender.close();
      expect(appender.rowCount).toBe(2);
      expect(() => appender.append(['r', 'k', 3, 1])).toThrow(/is closed/);
    });
    const steps = await handle.db.selectFrom('metric').select('step').orderBy('step').execute();
    expect(steps).toEqual([{ step: 1 }, { step: (2n ** 62n).toString() }]);
  });

  test('appends into a table in another schema of a database file', async () => {
    const temp = makeTempDir();
    const fileHandle = await openDuckDb({ path: `${temp.dir}/a.duckdb` });
    try {
      await sql`create schema s; create table s.t(x varchar)`.execute(fileHandle.db);
      expect(await fileHandle.appendRows('t', [['a'], ['b']], { schema: 's' })).toBe(2);
      const result = await sql<{ x: string }>`select x from s.t order by x`.execute(fileHandle.db);
      expect(result.rows).toEqual([{ x: 'a' }, { x: 'b' }]);
    } finally {
      await fileHandle.close();
      temp.remove();
    }
  });
});
