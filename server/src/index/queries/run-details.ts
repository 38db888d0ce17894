import type { Kysely } from 'kysely';
import type { IndexTables } from '../tables.js';

export interface KeyValue<V> {
  key: string;
  value: V;
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
