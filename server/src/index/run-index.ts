import { mkdir, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { type Kysely, sql } from 'kysely';
import type { FactsStore, MetricPoint } from '../facts/index.js';
import type { MetaConfig } from '../meta/index.js';
import { CREATE_TABLES, RUN_TABLES } from './ddl.js';
import { type DuckDbHandle, openDuckDb } from './duckdb/open-duckdb.js';
import { type AppendRow, appendRows } from './duckdb/table-appender.js';
import { factsMtime } from './facts-mtime.js';
import { loadAllRuns } from './load-all-runs.js';
import { type InterpretedRun, interpretRun } from './run-rows.js';
import { SerialQueue } from './serial-queue.js';
import type { IndexTables } from './tables.js';

export interface RunIndexOptions {
  facts: FactsStore;
  metaConfig: MetaConfig;
  /** A DuckDB file, rebuilt from the facts at open; `:memory:` keeps it in RAM. */
  path: string;
  threads?: number;
}

export interface IndexState {
  ready: boolean;
  lastRefreshAt: string | null;
  lastBuildMs: number | null;
}

export type BuildProgress = (done: number, total: number) => void;

/**
 * The DuckDB index of the facts: a cache, rebuilt in bulk at open and kept current run by run.
 * Writes to it are serialised so that a refresh never interleaves with another.
 */
export class RunIndex {
  readonly db: Kysely<IndexTables>;
  readonly #handle: DuckDbHandle<IndexTables>;
  readonly #options: RunIndexOptions;
  readonly #writes = new SerialQueue();
  #state: IndexState = { ready: false, lastRefreshAt: null, lastBuildMs: null };

  private constructor(handle: DuckDbHandle<IndexTables>, options: RunIndexOptions) {
    this.#handle = handle;
    this.db = handle.db;
    this.#options = options;
  }

  /** Opens a fresh index file (any old one is deleted: it is a cache) and creates the tables. */
  static async open(options: RunIndexOptions): Promise<RunIndex> {
    if (options.path !== ':memory:') {
      await mkdir(dirname(options.path), { recursive: true });
      await rm(options.path, { force: true });
      await rm(`${options.path}.wal`, { force: true });
    }
    const handle = await openDuckDb<IndexTables>({ path: options.path, threads: options.threads });
    for (const ddl of CREATE_TABLES) await sql.raw(ddl).execute(handle.db);
    return new RunIndex(handle, options);
  }

  get state(): IndexState {
    return { ...this.#state };
  }

  get facts(): FactsStore {
    return this.#options.facts;
  }

  /** Reads every run folder and loads the tables in bulk. */
  build(onProgress?: BuildProgress): Promise<void> {
    return this.#writes.run(async () => {
      const started = performance.now();
      await loadAllRuns(this.#handle, this.#options.facts, this.#options.metaConfig, {
        onProgress,
      });
      this.#state = {
        ready: true,
        lastRefreshAt: new Date().toISOString(),
        lastBuildMs: Math.round(performance.now() - started),
      };
    });
  }

  /** Re-reads one run from the facts and replaces its rows (or removes them if it is gone). */
  refreshRun(runId: string): Promise<void> {
    return this.#writes.run(async () => {
      const files = await this.#options.facts.readRunFiles(runId);
      const gone = files.errors.some((e) => e.kind === 'missing' && e.path.endsWith('run.json'));
      const interpreted: InterpretedRun = gone
        ? { rows: null, errors: [] }
        : interpretRun(files, this.#options.metaConfig);
      await this.#replaceRun(runId, interpreted);
    });
  }

  /** Adds freshly logged points without rereading the run: history rows and their summaries. */
  appendMetrics(runId: string, points: readonly MetricPoint[]): Promise<void> {
    return this.#writes.run(async () => {
      const mtime = await factsMtime(this.#options.facts.runsDir, runId);
      const keys = sql.join([...new Set(points.map((p) => p.key))]);
      await this.#transaction(async (trx, append) => {
        await append(
          'metric_history',
          points.map((p) => ({
            run_id: runId,
            key: p.key,
            step: p.step,
            value: p.value,
            ts: p.ts,
          })),
        );
        // Keys with a run.json summary keep it; the others take their last logged value.
        await sql`DELETE FROM run_metrics WHERE run_id = ${runId} AND from_history AND key IN (${keys})`.execute(
          trx,
        );
        await sql`INSERT INTO run_metrics
          SELECT run_id, key, last(value ORDER BY step, ts), true FROM metric_history h
          WHERE run_id = ${runId} AND key IN (${keys}) AND NOT EXISTS (
            SELECT 1 FROM run_metrics m WHERE m.run_id = h.run_id AND m.key = h.key)
          GROUP BY run_id, key`.execute(trx);
        // The facts changed by this append are now indexed: the watcher need not reread the run.
        await trx
          .updateTable('runs')
          .set({ facts_mtime_ms: mtime })
          .where('run_id', '=', runId)
          .execute();
      });
      this.#touch();
    });
  }

  async close(): Promise<void> {
    await this.#writes.idle();
    await this.#handle.close();
  }

  /** Swaps a run's rows in one transaction, so no reader ever sees the run missing or half-made. */
  async #replaceRun(runId: string, interpreted: InterpretedRun): Promise<void> {
    await this.#transaction(async (trx, append) => {
      for (const table of RUN_TABLES)
        await trx.deleteFrom(table).where('run_id', '=', runId).execute();
      await trx.deleteFrom('index_errors').where('run_id', '=', runId).execute();
      const rows = interpreted.rows;
      if (rows) {
        await append('runs', [rows.run]);
        await append('run_params', rows.params);
        await append('run_metrics', rows.metrics);
        await append('run_tags', rows.tags);
        await append('metric_history', rows.history);
      }
      await append('index_errors', interpreted.errors);
    });
    this.#touch();
  }

  /** Runs `fn` in one transaction on one connection, with an appender bound to it. */
  async #transaction(
    fn: (
      trx: Kysely<IndexTables>,
      append: (table: string, rows: readonly object[]) => Promise<void>,
    ) => Promise<void>,
  ): Promise<void> {
    await this.#handle.withConnection(async ({ db, connection }) => {
      await sql`BEGIN TRANSACTION`.execute(db);
      await fn(db, async (table, rows) => {
        if (rows.length > 0) await appendRows(connection, table, rows as AppendRow[]);
      });
      await sql`COMMIT`.execute(db);
    });
  }

  #touch(): void {
    this.#state.lastRefreshAt = new Date().toISOString();
  }
}
