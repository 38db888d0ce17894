import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { expect, test } from 'vitest';
import { openDuckDb } from '../../../../server/src/index/duckdb/open-duckdb.js';

const expectedRow = {
  ts: '2024-07-01T12:00:00.000Z',
  local_ts: '2024-07-01T12:00:00.000Z',
  d: '2024-07-01',
  day_start: '2024-07-01T00:00:00.000Z',
  offset_literal: '2024-07-01T06:00:00.000Z',
};

test('timestamps are UTC ISO strings in a process running under TZ=America/New_York', () => {
  const probe = fileURLToPath(new URL('./tz-probe.ts', import.meta.url));
  const child = spawnSync(process.execPath, ['--import', 'tsx', probe], {
    env: { ...process.env, TZ: 'America/New_York' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(child.stderr).toBe('');
  expect(child.status).toBe(0);
  const output = JSON.parse(child.stdout);
  // Proves the child really ran in New York time (EDT, UTC-4), so the check below can fail.
  expect(output.nodeOffsetMinutes).toBe(240);
  expect(output.rows).toEqual([{ ...expectedRow, duckdb_tz: 'UTC' }]);
});

test('a session TimeZone other than UTC changes SQL day boundaries, not the returned format', async () => {
  const handle = await openDuckDb({ path: ':memory:', timeZone: 'America/New_York' });
  try {
    const result = await sql`
      select '2024-07-01 12:00:00+00'::timestamptz as ts,
        date_trunc('day', '2024-07-01 02:00:00+00'::timestamptz) as day_start,
        current_setting('TimeZone') as duckdb_tz`.execute(handle.db);
    expect(result.rows).toEqual([
      {
        ts: '2024-07-01T12:00:00.000Z',
        // Midnight in New York on June 30th, expressed in UTC.
        day_start: '2024-06-30T04:00:00.000Z',
        duckdb_tz: 'America/New_York',
      },
    ]);
  } finally {
    await handle.close();
  }
});

test('a time zone name that could break out of the SET statement is refused', async () => {
  await expect(
    openDuckDb({ path: ':memory:', timeZone: "UTC'; DROP TABLE x; --" }),
  ).rejects.toThrow(/timeZone must be an IANA name/);
});
