import type { AppendValue } from '../duckdb/append-values.js';
import type { InterpretedRun } from '../run-rows.js';
import type { IndexErrorsTable, RunsTable } from '../tables.js';
import { Column } from './column.js';
import type { RunBatch, TableColumns } from './run-batch.js';

type Taken<C> = { [K in keyof C]: C[K] extends Column<infer T> ? T : never };

function takeAll<C extends object>(columns: C): Taken<C> {
  const taken: Record<string, unknown> = {};
  for (const [name, column] of Object.entries(columns))
    taken[name] = (column as Column<Int32Array>).take();
  return taken as Taken<C>;
}

const int32 = () => new Column(Int32Array);
const float64 = () => new Column(Float64Array);

/**
 * Encodes interpreted runs into batches, run by run, so that nothing of a run outlives its
 * encoding (short-lived garbage is cheap). Ordinals are unique across encoders that share a
 * `stride` and differ in `lane` (one encoder per worker thread), so batches from several
 * threads share one dictionary table without coordination.
 */
export class BatchEncoder {
  readonly #ordinals = new Map<string, number>();
  readonly #runColumns: readonly (keyof RunsTable)[];
  readonly #errorColumns: readonly (keyof IndexErrorsTable)[];
  readonly #stride: number;
  readonly #lane: number;
  readonly #dictionary = int32();
  #strings: string[] = [];
  #runs: AppendValue[][] = [];
  #errors: AppendValue[][] = [];
  #runCount = 0;
  readonly #metrics = {
    run: int32(),
    key: int32(),
    value: float64(),
    fromHistory: new Column(Uint8Array),
  };
  readonly #params = { run: int32(), key: int32(), value: int32() };
  readonly #tags = { run: int32(), key: int32(), value: int32() };

  /** The column names of `runs` and `index_errors`, in table order. */
  constructor(columns: TableColumns, stride = 1, lane = 0) {
    this.#runColumns = columns.runs as (keyof RunsTable)[];
    this.#errorColumns = columns.index_errors as (keyof IndexErrorsTable)[];
    this.#stride = stride;
    this.#lane = lane;
  }

  #ordinal(text: string): number {
    let ordinal = this.#ordinals.get(text);
    if (ordinal === undefined) {
      ordinal = this.#ordinals.size * this.#stride + this.#lane;
      this.#ordinals.set(text, ordinal);
      this.#dictionary.push(ordinal);
      this.#strings.push(text);
    }
    return ordinal;
  }

  add(interpreted: InterpretedRun): void {
    this.#runCount++;
    for (const e of interpreted.errors) {
      this.#errors.push(this.#errorColumns.map((c) => e[c] as AppendValue));
    }
    const rows = interpreted.rows;
    if (!rows) return;
    this.#runs.push(this.#runColumns.map((c) => rows.run[c] as AppendValue));
    const run = this.#ordinal(rows.run.run_id);
    const m = this.#metrics;
    for (const row of rows.metrics) {
      m.run.push(run);
      m.key.push(this.#ordinal(row.key));
      m.value.push(row.value);
      m.fromHistory.push(row.from_history ? 1 : 0);
    }
    for (const row of rows.params) this.#keyValue(this.#params, run, row);
    for (const row of rows.tags) this.#keyValue(this.#tags, run, row);
  }

  #keyValue(
    columns: { run: Column<Int32Array>; key: Column<Int32Array>; value: Column<Int32Array> },
    run: number,
    row: { key: string; value: string },
  ): void {
    columns.run.push(run);
    columns.key.push(this.#ordinal(row.key));
    columns.value.push(this.#ordinal(row.value));
  }

  /** The batch of the runs added since the last take. */
  take(): RunBatch {
    const batch: RunBatch = {
      runCount: this.#runCount,
      runs: this.#runs,
      errors: this.#errors,
      dictionary: { ordinals: this.#dictionary.take(), strings: this.#strings },
      metrics: takeAll(this.#metrics),
      params: takeAll(this.#params),
      tags: takeAll(this.#tags),
    };
    this.#runCount = 0;
    this.#runs = [];
    this.#errors = [];
    this.#strings = [];
    return batch;
  }
}
