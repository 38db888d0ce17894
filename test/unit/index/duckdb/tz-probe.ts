// Run by timezone.test.ts in a child process whose TZ differs from UTC.
import { sql } from 'kysely';
import { openDuckDb } from '../../../../server/src/index/duckdb/open-duckdb.js';

const handle = await openDuckDb({ path: ':memory:' });
try {
  await sql`create table t(ts timestamptz, local_ts timestamp, d date)`.execute(handle.db);
  await sql`insert into t values (${new Date('2024-07-01T12:00:00.000Z')},
    '2024-07-01 12:00:00', '2024-07-01')`.execute(handle.db);
  const result = await sql`
    select ts, local_ts, d, date_trunc('day', ts) as day_start,
      '2024-07-01 02:00:00-04'::timestamptz as offset_literal,
      current_setting('TimeZone') as duckdb_tz
    from t`.execute(handle.db);
  const offset = new Date('2024-07-01T12:00:00Z').getTimezoneOffset();
  process.stdout.write(JSON.stringify({ rows: result.rows, nodeOffsetMinutes: offset }));
} finally {
  await handle.close();
}
