import { type Kysely, sql } from 'kysely';
import type { IndexTables, RunsTable } from '../tables.js';

export interface KeyValue<V> {
  key: string;
  value: V;
}

/** Runs by id, in the order asked, null where the index has no such run. */
export async function runsByIds(
  db: Kysely<IndexTables>,
  ids: readonly string[],
): Promise<Array<RunsTable | null>> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('runs').selectAll().where('run_id', 'in', ids).execute();
  const byId = new Map(rows.map((r) => [r.run_id, r]));
  return ids.map((id) => byId.get(id) ?? null);
}

/** Key/value rows of several runs at once, grouped by run and sorted by key (for dataloaders). */
export async function keyValuesByRun<T extends 'run_params' | 'run_metrics' | 'run_tags'>(
  db: Kysely<IndexTables>,
  table: T,
  ids: readonly string[],
): Promise<Array<KeyValue<IndexTables[T]['value']>[]>> {
  if (ids.length === 0) return [];
  const rows = (await db
    .selectFrom(table as 'run_params')
    .select(['run_id', 'key', 'value'])
    .where('run_id', 'in', ids)
    .orderBy('key')
    .execute()) as Array<{ run_id: string; key: string; value: IndexTables[T]['value'] }>;
  const grouped = new Map<string, KeyValue<IndexTables[T]['value']>[]>();
  for (const r of rows) {
    const list = grouped.get(r.run_id) ?? [];
    list.push({ key: r.key, value: r.value });
    grouped.set(r.run_id, list);
  }
  return ids.map((id) => grouped.get(id) ?? []);
}

export interface HistoryArgs {
  runId: string;
  key: string;
  minStep?: number | null;
  maxStep?: number | null;
  /** Downsample to at most this many points (evenly by step bucket, keeping the last point of each). */
  maxPoints?: number | null;
}

export interface HistoryPoint {
  step: number;
  value: number;
  ts: string;
}

/** A metric's history in step order, optionally within a step range and downsampled. */
export async function metricHistory(
  db: Kysely<IndexTables>,
  args: HistoryArgs,
): Promise<HistoryPoint[]> {
  let q = db
    .selectFrom('metric_history')
    .select(['step', 'value', 'ts'])
    .where('run_id', '=', args.runId)
    .where('key', '=', args.key);
  if (args.minStep != null) q = q.where('step', '>=', args.minStep);
  if (args.maxStep != null) q = q.where('step', '<=', args.maxStep);
  if (!args.maxPoints) return q.orderBy('step').orderBy('ts').execute();
  const bucketed = await sql<HistoryPoint>`
    WITH h AS (${q}), n AS (SELECT count(*) AS c FROM h),
    b AS (SELECT h.*, ntile(${args.maxPoints}) OVER (ORDER BY step, ts) AS bucket FROM h)
    SELECT last(step ORDER BY step, ts) AS step, last(value ORDER BY step, ts) AS value,
           last(ts ORDER BY step, ts) AS ts
    FROM b GROUP BY bucket ORDER BY step`.execute(db);
  return bucketed.rows;
}

/** The metric keys that have a history for a run. */
export async function historyKeys(db: Kysely<IndexTables>, runId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('metric_history')
    .select('key')
    .distinct()
    .where('run_id', '=', runId)
    .orderBy('key')
    .execute();
  return rows.map((r) => r.key);
}
