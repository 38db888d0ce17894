import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CheckedRowAppender } from '../../../../server/src/index/bulk/checked-row-appender.js';
import { type DuckDbHandle, openDuckDb } from '../../../../server/src/index/duckdb/open-duckdb.js';

type Db = { t: { id: number; name: string; tags: string[] | null; ts: string | null } };
let handle: DuckDbHandle<Db>;

beforeEach(async () => {
  handle = await openDuckDb<Db>({ path: ':memory:' });
  await sql`CREATE TABLE t (id INTEGER NOT NULL, name VARCHAR, tags VARCHAR[], ts TIMESTAMPTZ)`.execute(
    handle.db,
  );
});
afterEach(() => handle.close());

const row = (i: number) => [
  i,
  i % 5 === 0 ? null : `name ${i}`,
  i % 3 === 0 ? null : Array.from({ length: i % 4 }, (_, k) => `t${k}`),
  i % 7 === 0 ? null : new Date(Date.UTC(2025, 0, 1) + i * 1000).toISOString(),
];

describe('CheckedRowAppender', () => {
  it.each([0, 1, 2047, 2048, 2049, 5000])(
    'appends %i rows over full and partial chunks',
    async (n) => {
      await handle.withConnection(async ({ connection }) => {
        const appender = await CheckedRowAppender.open(connection, 't', [
          'id',
          'name',
          'tags',
          'ts',
        ]);
        for (let i = 0; i < n; i++) appender.append(row(i));
        appender.close();
      });
      const rows = await handle.db.selectFrom('t').selectAll().orderBy('id').execute();
      expect(rows).toEqual(
        Array.from({ length: n }, (_, i) => {
          const [id, name, tags, ts] = row(i);
          return { id, name, tags, ts: ts === null ? null : new Date(ts as string).toISOString() };
        }),
      );
    },
  );

  it('refuses a value the column cannot hold, naming the row and column', async () => {
    await handle.withConnection(async ({ connection }) => {
      const appender = await CheckedRowAppender.open(connection, 't', ['id', 'name', 'tags', 'ts']);
      appender.append(row(1));
      expect(() => appender.append([3e9, 'x', null, null])).toThrow(
        'Appending to "t", row 1: column "id" (INTEGER): expected an integer within 32 bits, got 3000000000 (number)',
      );
      expect(() => appender.append([1, 'x'])).toThrow('a row has 2 values, the table 4 columns');
      appender.discard();
    });
  });
});
