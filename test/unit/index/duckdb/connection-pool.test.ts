import { DuckDBInstance } from '@duckdb/node-api';
import { CompiledQuery } from 'kysely';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ConnectionPool } from '../../../../server/src/index/duckdb/connection-pool.js';
import { DuckDbConnection } from '../../../../server/src/index/duckdb/duckdb-connection.js';

let instance: DuckDBInstance;
let pool: ConnectionPool;
beforeEach(async () => {
  instance = await DuckDBInstance.create(':memory:');
  pool = await ConnectionPool.open(instance, { poolSize: 2 });
});
afterEach(async () => {
  await pool.close();
  instance.closeSync();
});

describe('ConnectionPool', () => {
  test('hands out each connection once and queues further acquirers in order', async () => {
    const first = await pool.acquire();
    const second = await pool.acquire();
    expect(first).not.toBe(second);
    const order: string[] = [];
    const third = pool.acquire().then((connection) => {
      order.push('third');
      return connection;
    });
    const fourth = pool.acquire().then((connection) => {
      order.push('fourth');
      return connection;
    });
    expect(pool.stats()).toMatchObject({ size: 2, idle: 0, waiting: 2 });
    pool.release(second);
    expect(await third).toBe(second);
    pool.release(first);
    expect(await fourth).toBe(first);
    expect(order).toEqual(['third', 'fourth']);
    pool.release(second);
    pool.release(first);
    expect(pool.stats()).toMatchObject({ idle: 2, waiting: 0 });
  });

  test('refuses a connection it did not hand out, and a double release', async () => {
    const connection = await pool.acquire();
    pool.release(connection);
    expect(() => pool.release(connection)).toThrow(/had not handed out/);
    const stranger = await DuckDbConnection.open(instance);
    expect(() => pool.release(stranger)).toThrow(/had not handed out/);
    stranger.close();
  });

  test('close rejects waiters and later acquirers; a busy connection closes on release', async () => {
    const a = await pool.acquire();
    const b = await pool.acquire();
    const waiting = pool.acquire();
    await pool.close();
    await expect(waiting).rejects.toThrow(/closed while waiting/);
    await expect(pool.acquire()).rejects.toThrow(/pool is closed/);
    pool.release(a);
    await expect(a.raw.run('select 1')).rejects.toThrow();
    pool.release(b);
  });

  test('rejects a pool size or cache size below 1', async () => {
    await expect(ConnectionPool.open(instance, { poolSize: 0 })).rejects.toThrow(/poolSize/);
    await expect(ConnectionPool.open(instance, { statementCacheSize: 0 })).rejects.toThrow(
      /statementCacheSize/,
    );
  });
});

describe('DuckDbConnection.streamQuery', () => {
  test('yields chunks of the requested size, then the remainder', async () => {
    const connection = await pool.acquire();
    const sizes: number[] = [];
    let last = -1;
    const query = CompiledQuery.raw('select range::integer as i from range(5500)');
    for await (const chunk of connection.streamQuery<{ i: number }>(query, 1000)) {
      sizes.push(chunk.rows.length);
      last = chunk.rows.at(-1)?.i ?? -1;
    }
    pool.release(connection);
    expect(sizes).toEqual([1000, 1000, 1000, 1000, 1000, 500]);
    expect(last).toBe(5499);
  });

  test('refuses a chunk size that is not a positive integer', async () => {
    const connection = await pool.acquire();
    const stream = connection.streamQuery(CompiledQuery.raw('select 1'), 0);
    await expect(stream.next()).rejects.toThrow(/chunkSize must be a positive integer/);
    pool.release(connection);
  });
});
