import { mkdir, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { type Kysely, sql } from 'kysely';
import type { FactsStore, MetricPoint } from '../facts/index.js';
import type { MetaConfig } from '../meta/index.js';
import { CREATE_TABLES, RUN_TABLES } from './ddl.js';
import { type DuckDbHandle, openDuckDb } from './duckdb/open-duckdb.js';
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
      await this.#handle.appendRows(
        'metric_history',
        points.map((p) => ({ run_id: runId, key: p.key, step: p.step, value: p.value, ts: p.ts })),
      );
      const keys = sql.join([...new Set(points.map((p) => p.key))]);
      // Keys with a run.json summary keep it; the others take their last logged value.
      await sql`DELETE FROM run_metrics WHERE run_id = ${runId} AND from_history AND key IN (${keys})`.execute(
        this.db,
      );
      await sql`INSERT INTO run_metrics
        SELECT run_id, key, last(value ORDER BY step, ts), true FROM metric_history h
        WHERE run_id = ${runId} AND key IN (${keys}) AND NOT EXISTS (
          SELECT 1 FROM run_metrics m WHERE m.run_id = h.run_id AND m.key = h.key)
        GROUP BY run_id, key`.execute(this.db);
      this.#touch();
    });
  }

  async close(): Promise<void> {
    await this.#writes.idle();
    await this.#handle.close();
  }

  async #replaceRun(runId: string, interpreted: InterpretedRun): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      for (const table of RUN_TABLES)
        await trx.deleteFrom(table).where('run_id', '=', runId).execute();
      await trx.deleteFrom('index_errors').where('run_id', '=', runId).execute();
    });
    await this.#appendRows([interpreted]);
    this.#touch();
  }

  async #appendRows(runs: readonly InterpretedRun[]): Promise<void> {
    const rows = runs.flatMap((r) => (r.rows ? [r.rows] : []));
    await this.#handle.appendRows(
      'runs',
      rows.map((r) => r.run),
    );
    await this.#handle.appendRows(
      'run_params',
      rows.flatMap((r) => r.params),
    );
    await this.#handle.appendRows(
      'run_metrics',
      rows.flatMap((r) => r.metrics),
    );
    await this.#handle.appendRows(
      'run_tags',
      rows.flatMap((r) => r.tags),
    );
    await this.#handle.appendRows(
      'metric_history',
      rows.flatMap((r) => r.history),
    );
    await this.#handle.appendRows(
      'index_errors',
      runs.flatMap((r) => r.errors),
    );
  }

  #touch(): void {
    this.#state.lastRefreshAt = new Date().toISOString();
  }
}
