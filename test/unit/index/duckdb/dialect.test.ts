import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeEach, describe, expect, test } from 'vitest';
import { type DuckDbHandle, openDuckDb } from '../../../../server/src/index/duckdb/open-duckdb.js';
import { findBigInt, makeTempDir } from './helpers.js';

interface Db {
  items: { id: number; name: string; score: number | null };
  big: { i: number };
}

let handle: DuckDbHandle<Db>;
beforeEach(async () => {
  handle = await openDuckDb<Db>({ path: ':memory:', poolSize: 2 });
  await sql`create table items(id integer primary key, name varchar not null, score double)`.execute(
    handle.db,
  );
});
afterEach(() => handle.close());

async function itemCount(): Promise<number> {
  const row = await handle.db
    .selectFrom('items')
    .select(handle.db.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return row.count;
}

describe('a result whose only column is named count', () => {
  test('comes back from raw SQL', async () => {
    await sql`insert into items values (1, 'a', 1), (2, 'b', 2), (3, 'c', null)`.execute(handle.db);
    const result = await sql`select count(*) as count from items`.execute(handle.db);
    expect(result.rows).toEqual([{ count: 3 }]);
  });

  test("comes back from Kysely's fn.countAll().as('count')", async () => {
    await handle.db.insertInto('items').values({ id: 1, name: 'a', score: null }).execute();
    expect(await itemCount()).toBe(1);
  });

  test('on an empty table is 0, and a filtered count uses parameters', async () => {
    expect(await itemCount()).toBe(0);
    await sql`insert into items values (1, 'a', 1), (2, 'b', 2)`.execute(handle.db);
    const row = await handle.db
      .selectFrom('items')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('score', '>', 1)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ count: 1 });
  });
});

describe('writes report affected rows', () => {
  test('insert, update and delete', async () => {
    const inserted = await handle.db
      .insertInto('items')
      .values([
        { id: 1, name: 'a', score: 1 },
        { id: 2, name: 'b', score: 2 },
      ])
      .executeTakeFirstOrThrow();
    expect(inserted.numInsertedOrUpdatedRows).toBe(2n);
    const updated = await handle.db
      .updateTable('items')
      .set({ score: 5 })
      .where('id', '=', 2)
      .executeTakeFirstOrThrow();
    expect(updated.numUpdatedRows).toBe(1n);
    const deleted = await handle.db.deleteFrom('items').executeTakeFirstOrThrow();
    expect(deleted.numDeletedRows).toBe(2n);
  });

  test('insert ... returning gives the rows', async () => {
    const rows = await handle.db
      .insertInto('items')
      .values({ id: 7, name: 'seven', score: 0.5 })
      .returning(['id', 'name'])
      .execute();
    expect(rows).toEqual([{ id: 7, name: 'seven' }]);
  });

  test('a parameterless multi-statement script runs whole', async () => {
    await sql`insert into items values (1, 'a', 1); insert into items values (2, 'b', 2)`.execute(
      handle.db,
    );
    expect(await itemCount()).toBe(2);
  });
});

describe('transactions', () => {
  test('commit keeps the writes', async () => {
    await handle.db.transaction().execute(async (trx) => {
      await trx.insertInto('items').values({ id: 1, name: 'a', score: 1 }).execute();
      await trx.insertInto('items').values({ id: 2, name: 'b', score: 2 }).execute();
    });
    expect(await itemCount()).toBe(2);
  });

  test('a thrown error rolls back and propagates', async () => {
    await handle.db.insertInto('items').values({ id: 1, name: 'kept', score: 1 }).execute();
    await expect(
      handle.db.transaction().execute(async (trx) => {
        await trx.insertInto('items').values({ id: 2, name: 'gone', score: 2 }).execute();
        throw new Error('abort on purpose');
      }),
    ).rejects.toThrow('abort on purpose');
    const names = await handle.db.selectFrom('items').select('name').execute();
    expect(names).toEqual([{ name: 'kept' }]);
  });

  test('a failing statement rolls the whole transaction back', async () => {
    await expect(
      handle.db.transaction().execute(async (trx) => {
        await trx.insertInto('items').values({ id: 1, name: 'a', score: 1 }).execute();
        await trx.insertInto('items').values({ id: 1, name: 'duplicate', score: 1 }).execute();
      }),
    ).rejects.toThrow(/Duplicate key|PRIMARY KEY|constraint/i);
    expect(await itemCount()).toBe(0);
  });

  test('uncommitted writes are invisible to the other pooled connection', async () => {
    let seenFromOutside = -1;
    await handle.db.transaction().execute(async (trx) => {
      await trx.insertInto('items').values({ id: 1, name: 'a', score: 1 }).execute();
      seenFromOutside = await itemCount();
    });
    expect(seenFromOutside).toBe(0);
    expect(await itemCount()).toBe(1);
  });

  test('a read-only transaction refuses writes', async () => {
    await expect(
      handle.db
        .transaction()
        .setAccessMode('read only')
        .execute((trx) => trx.insertInto('items').values({ id: 1, name: 'a', score: 1 }).execute()),
    ).rejects.toThrow(/read.only/i);
  });

  test('an isolation level DuckDB does not have is a clear error', async () => {
    await expect(
      handle.db
        .transaction()
        .setIsolationLevel('read committed')
        .execute(async () => undefined),
    ).rejects.toThrow(/snapshot isolation; isolation level 'read committed' is not available/);
  });
});

describe('pool and prepared statements', () => {
  test('many concurrent parameterized queries over a pool of 2 all complete with their own values', async () => {
    const values = Array.from({ length: 200 }, (_, i) => i);
    const results = await Promise.all(
      values.map((i) =>
        sql<{ v: number; s: string }>`select ${i} * 2 as v, ${`n${i}`} as s`.execute(handle.db),
      ),
    );
    expect(results.map((result) => result.rows[0])).toEqual(
      values.map((i) => ({ v: i * 2, s: `n${i}` })),
    );
    const stats = handle.stats();
    expect(stats.idle).toBe(2);
    expect(stats.waiting).toBe(0);
    // Each connection prepares the shape once; every other run reuses a cached statement.
    expect(stats.statementCache.misses).toBeGreaterThanOrEqual(1);
    expect(stats.statementCache.misses).toBeLessThanOrEqual(2);
    expect(stats.statementCache.hits + stats.statementCache.misses).toBe(200);
  });

  test('the cache is LRU with the configured size', async () => {
    const small = await openDuckDb({ path: ':memory:', poolSize: 1, statementCacheSize: 2 });
    try {
      const run = (shape: string) => sql`select ${1} as ${sql.ref(shape)}`.execute(small.db);
      await run('a');
      await run('b');
      await run('a');
      await run('c'); // evicts b, the least recently used
      await run('a');
      await run('b');
      expect(small.stats().statementCache).toEqual({ hits: 2, misses: 4, evictions: 2, size: 2 });
    } finally {
      await small.close();
    }
  });

  test('a cached statement follows a table that was dropped and recreated', async () => {
    const small = await openDuckDb({ path: ':memory:', poolSize: 1 });
    try {
      await sql`create table t(a integer); insert into t values (1)`.execute(small.db);
      const query = () => sql`select * from t where ${1} = 1`.execute(small.db);
      expect((await query()).rows).toEqual([{ a: 1 }]);
      await sql`drop table t; create table t(x varchar, y integer); insert into t values ('k', 2)`.execute(
        small.db,
      );
      expect((await query()).rows).toEqual([{ x: 'k', y: 2 }]);
      expect(small.stats().statementCache.hits).toBe(1);
    } finally {
      await small.close();
    }
  });

  test('a syntax error rejects with DuckDB’s message and leaves the pool usable', async () => {
    await expect(sql`selec 1`.execute(handle.db)).rejects.toThrow(
      /syntax error at or near "selec"/,
    );
    await expect(sql`selec ${1}`.execute(handle.db)).rejects.toThrow(/syntax error/);
    await expect(sql`select * from no_such_table`.execute(handle.db)).rejects.toThrow(
      /Table with name no_such_table does not exist/,
    );
    const results = await Promise.all(
      [1, 2, 3, 4].map((i) => sql<{ v: number }>`select ${i} as v`.execute(handle.db)),
    );
    expect(results.map((result) => result.rows)).toEqual([
      [{ v: 1 }],
      [{ v: 2 }],
      [{ v: 3 }],
      [{ v: 4 }],
    ]);
    expect(handle.stats().idle).toBe(2);
  });
});

describe('streaming', () => {
  beforeEach(async () => {
    await sql`create table big as select range::integer as i from range(100000)`.execute(handle.db);
  });

  test('yields all 100k rows, in order, without bigints', async () => {
    let count = 0;
    let sum = 0;
    let ordered = true;
    for await (const row of handle.db.selectFrom('big').select('i').orderBy('i').stream(1000)) {
      if (row.i !== count) ordered = false;
      if (findBigInt(row)) throw new Error('bigint in streamed row');
      count++;
      sum += row.i;
    }
    expect(count).toBe(100_000);
    expect(sum).toBe((99_999 * 100_000) / 2);
    expect(ordered).toBe(true);
  });

  test('a parameterized stream goes through the statement cache', async () => {
    const query = () => handle.db.selectFrom('big').select('i').where('i', '<', 5000).stream(700);
    let count = 0;
    for await (const _ of query()) count++;
    for await (const _ of query()) count++;
    expect(count).toBe(10_000);
    expect(handle.stats().statementCache.hits + handle.stats().statementCache.misses).toBe(2);
  });

  test('breaking out early releases the connection', async () => {
    for await (const row of handle.db.selectFrom('big').select('i').stream(10)) {
      if (row.i >= 0) break;
    }
    expect(handle.stats().idle).toBe(2);
    const row = await handle.db
      .selectFrom('big')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    expect(row.count).toBe(100_000);
  });
});

test('introspection lists tables and views with their columns', async () => {
  await sql`create view item_names as select name from items`.execute(handle.db);
  const tables = await handle.db.introspection.getTables();
  expect(tables.map((table) => [table.name, table.isView])).toEqual([
    ['item_names', true],
    ['items', false],
  ]);
  expect(
    tables[1]?.columns.map((column) => [column.name, column.dataType, column.isNullable]),
  ).toEqual([
    ['id', 'INTEGER', false],
    ['name', 'VARCHAR', false],
    ['score', 'DOUBLE', true],
  ]);
});

describe('a database file', () => {
  const temp = makeTempDir();
  afterAll(() => temp.remove());

  test('persists across close and reopen; read-only opens refuse writes', async () => {
    const path = join(temp.dir, 'nested', 'index.duckdb');
    const writer = await openDuckDb<Db>({ path, threads: 1, memoryLimit: '256MB' });
    await sql`create table items(id integer, name varchar, score double)`.execute(writer.db);
    await writer.db.insertInto('items').values({ id: 1, name: 'persisted', score: 0.25 }).execute();
    await writer.close();
    await writer.close(); // idempotent
    expect(existsSync(path)).toBe(true);

    const reader = await openDuckDb<Db>({ path, readOnly: true });
    try {
      expect(await reader.db.selectFrom('items').selectAll().execute()).toEqual([
        { id: 1, name: 'persisted', score: 0.25 },
      ]);
      await expect(
        reader.db.insertInto('items').values({ id: 2, name: 'x', score: null }).execute(),
      ).rejects.toThrow(/read-only/i);
    } finally {
      await reader.close();
    }
  });

  test('queries after close reject instead of hanging', async () => {
    const path = join(temp.dir, 'closed.duckdb');
    const closed = await openDuckDb({ path });
    await closed.close();
    await expect(sql`select 1`.execute(closed.db)).rejects.toThrow(/pool is closed/);
  });

  test('a path that cannot be opened is a clear error', async () => {
    await expect(
      openDuckDb({ path: join(temp.dir, 'missing', 'x.duckdb'), readOnly: true }),
    ).rejects.toThrow(/Cannot open DuckDB database .*missing/);
  });
});
