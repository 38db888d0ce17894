import DataLoader from 'dataloader';
import { type KeyValue, keyValuesByRun, runsByIds } from './index/queries/run-details.js';
import type { RunIndex } from './index/run-index.js';
import type { RunsTable } from './index/tables.js';

/** Per-request batching of by-id lookups, so a page of runs costs one query per field. */
export interface Loaders {
  run: DataLoader<string, RunsTable | null>;
  params: DataLoader<string, KeyValue<string>[]>;
  metrics: DataLoader<string, KeyValue<number>[]>;
  tags: DataLoader<string, KeyValue<string>[]>;
}

export function createLoaders(index: RunIndex): Loaders {
  return {
    run: new DataLoader((ids) => runsByIds(index.db, ids)),
    params: new DataLoader((ids) => keyValuesByRun(index.db, 'run_params', ids)),
    metrics: new DataLoader((ids) => keyValuesByRun(index.db, 'run_metrics', ids)),
    tags: new DataLoader((ids) => keyValuesByRun(index.db, 'run_tags', ids)),
  };
}
