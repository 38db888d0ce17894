import type { Kysely } from 'kysely';
import { InvalidInputError } from '../../domain-error.js';
import type { IndexTables } from '../tables.js';
import { keyValuesByRun } from './run-details.js';

export interface CompareRow<V> {
  key: string;
  /** One value per compared run, in the order the runs were given; null where a run lacks the key. */
  values: Array<V | null>;
  differs: boolean;
}

export interface Comparison {
  runIds: string[];
  params: CompareRow<string>[];
  metrics: CompareRow<number>[];
}

const MAX_RUNS = 50;

function sideBySide<V>(perRun: Array<Array<{ key: string; value: V }>>): CompareRow<V>[] {
  const keys = [...new Set(perRun.flatMap((kvs) => kvs.map((kv) => kv.key)))].sort();
  const maps = perRun.map((kvs) => new Map(kvs.map((kv) => [kv.key, kv.value])));
  return keys.map((key) => {
    const values = maps.map((m) => (m.has(key) ? (m.get(key) as V) : null));
    return { key, values, differs: new Set(values.map((v) => JSON.stringify(v))).size > 1 };
  });
}

/** Params and metrics of runs side by side, with the keys that differ marked (seed 003). */
export async function compareRuns(
  db: Kysely<IndexTables>,
  runIds: readonly string[],
): Promise<Comparison> {
  if (runIds.length < 1 || runIds.length > MAX_RUNS) {
    throw new InvalidInputError(`needs 1 to ${MAX_RUNS} run ids, got ${runIds.length}`, 'runIds');
  }
  const found = await db
    .selectFrom('runs')
    .select('run_id')
    .where('run_id', 'in', runIds)
    .execute();
  const known = new Set(found.map((r) => r.run_id));
  const unknown = runIds.filter((id) => !known.has(id));
  if (unknown.length > 0)
    throw new InvalidInputError(`unknown run id(s): ${unknown.join(', ')}`, 'runIds');
  const [params, metrics] = await Promise.all([
    keyValuesByRun(db, 'run_params', runIds),
    keyValuesByRun(db, 'run_metrics', runIds),
  ]);
  return { runIds: [...runIds], params: sideBySide(params), metrics: sideBySide(metrics) };
}
