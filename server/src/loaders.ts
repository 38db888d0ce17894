import DataLoader from 'dataloader';
import { type KeyValue, keyValuesByRun } from './index/queries/run-details.js';
import type { RunCache } from './index/run-cache.js';
import type { RunIndex } from './index/run-index.js';
import type { RunsTable } from './index/tables.js';

/**
 * A run as a resolver gets it: its `runs` row, and, when it comes from the run cache (reads
 * by id), its params, metrics and tags too; rows from a list query load those from the index.
 */
export type RunSource = RunsTable & {
  current?: { params: KeyValue<string>[]; metrics: KeyValue<number>[]; tags: KeyValue<string>[] };
};

/** Per-request batching of by-id lookups, so a page of runs costs one query per field. */
export interface Loaders {
  run: DataLoader<string, RunSource | null>;
  params: DataLoader<string, KeyValue<string>[]>;
  metrics: DataLoader<string, KeyValue<number>[]>;
  tags: DataLoader<string, KeyValue<string>[]>;
}

const byKey = <T extends { key: string }>(rows: readonly T[]) =>
  [...rows].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

export function createLoaders(index: RunIndex, cache: RunCache): Loaders {
  return {
    run: new DataLoader((ids) =>
      Promise.all(
        ids.map(async (id) => {
          const rows = (await cache.get(id))?.rows;
          if (!rows) return null;
          const kv = <V>(list: ReadonlyArray<{ key: string; value: V }>) =>
            byKey(list.map((r) => ({ key: r.key, value: r.value })));
          return {
            ...rows.run,
            current: { params: kv(rows.params), metrics: kv(rows.metrics), tags: kv(rows.tags) },
          };
        }),
      ),
    ),
    params: new DataLoader((ids) => keyValuesByRun(index.db, 'run_params', ids)),
    metrics: new DataLoader((ids) => keyValuesByRun(index.db, 'run_metrics', ids)),
    tags: new DataLoader((ids) => keyValuesByRun(index.db, 'run_tags', ids)),
  };
}
