import type { AppendValue } from '../duckdb/append-values.js';

export interface TableColumns {
  runs: readonly string[];
  index_errors: readonly string[];
}

/** Key/value rows with every string replaced by its ordinal in the build's string dictionary. */
export interface KeyValueColumns {
  run: Int32Array;
  key: Int32Array;
  value: Int32Array;
}

/**
 * The index rows of a batch of runs, in a form that is cheap to post between threads and to
 * append: the many small key/value rows as typed columns of dictionary ordinals,
 * the few wide `runs` and `index_errors` rows as value arrays in table column order.
 */
export interface RunBatch {
  /** Run folders read for this batch. */
  runCount: number;
  runs: AppendValue[][];
  errors: AppendValue[][];
  /** Strings first used in this batch: `strings[i]` has ordinal `ordinals[i]`. */
  dictionary: { ordinals: Int32Array; strings: string[] };
  metrics: { run: Int32Array; key: Int32Array; value: Float64Array; fromHistory: Uint8Array };
  params: KeyValueColumns;
  tags: KeyValueColumns;
}

/** The buffers of a batch, to transfer rather than copy it to another thread. */
export function batchBuffers(batch: RunBatch): ArrayBuffer[] {
  const { dictionary, metrics, params, tags } = batch;
  const arrays = [
    dictionary.ordinals,
    ...Object.values(metrics),
    ...Object.values(params),
    ...Object.values(tags),
  ];
  return arrays.map((a) => a.buffer as ArrayBuffer);
}
