import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { type Kysely, sql } from 'kysely';
import { FACTS_DIR, type FactsStore, type RunListing } from '../facts/index.js';
import type { MetaConfig } from '../meta/index.js';
import { CREATE_TABLES, INDEX_SCHEMA_VERSION, RUN_TABLES } from './ddl.js';
import { type DuckDbHandle, openDuckDb } from './duckdb/open-duckdb.js';
import { type AppendRow, appendRows } from './duckdb/table-appender.js';
import { type Fingerprint, fingerprint, fingerprintSync, sameFingerprint } from './fingerprint.js';
import { loadAllRuns } from './load-all-runs.js';
import { interpretRun, type RunRows } from './run-rows.js';
import { SerialQueue } from './serial-queue.js';
import type { IndexErrorsTable, IndexTables } from './tables.js';

export interface RunIndexOptions {
  facts: FactsStore;
  metaConfig: MetaConfig;
  /** A DuckDB file kept across restarts (a cache of the facts); `:memory:` keeps it in RAM. */
  path: string;
  threads?: number;
  /** Told why an index file was thrown away and rebuilt (schema version, corrupt file). */
  log?: (message: string) => void;
  /** A first build of at least this many runs loads in bulk (worker threads); default 2000. */
  bulkFrom?: number;
}

export interface IndexState {
  /** True once the index has caught up with the facts found at start. */
  ready: boolean;
  /** What the index is doing: opening, building (first build), catching up, or serving. */
  phase: 'opening' | 'building' | 'catching_up' | 'serving';
  /** Run folders checked or read so far in the current phase, of `total`. */
  done: number;
  total: number;
  lastRefreshAt: string | null;
  lastBuildMs: number | null;
  /** Why the index file was rebuilt at open, if it was. */
  rebuiltBecause: string | null;
}

/** One run's new index content: its rows (null when it has none) and its file errors. */
export interface RunChange {
  runId: string;
  rows: RunRows | null;
  errors: IndexErrorsTable[];
  /** The folder is gone: its rows and what the index knew of its files are dropped. */
  gone?: boolean;
  /**
   * What the files looked like when read or written. Taken at apply time when not given, which
   * is only safe when no newer change of the run can be pending.
   */
  fingerprint?: Fingerprint;
}

export type BuildProgress = (done: number, total: number) => void;

/** Rows for a run; read from its folder, as a catch-up or a watcher reads it. */
async function readChange(
  facts: FactsStore,
  config: MetaConfig,
  runId: string,
): Promise<RunChange> {
  const before = await fingerprint(join(facts.runsDir, runId, FACTS_DIR));
  const files = await facts.readRunFiles(runId);
  const gone = files.errors.some((e) => e.kind === 'missing' && e.path.endsWith('run.json'));
  if (gone && before.folderMtime === 0) return { runId, rows: null, errors: [], gone: true };
  const { rows, errors } = interpretRun(files, config);
  return { runId, rows, errors, fingerprint: before };
}

const CATCH_UP_BATCH = 200;
/** Rows of one table up to which a batch inserts rather than appends. */
const INSERT_UP_TO = 200;
const BULK_FROM = 2_000;

/**
 * The DuckDB index of the facts: a cache that persists across restarts and catches up with
 * the facts at open, rereading only run folders whose files changed. Every change to it goes
 * through one queue, a batch of runs per transaction.
 */
export class RunIndex {
  readonly db: Kysely<IndexTables>;
  readonly #handle: DuckDbHandle<IndexTables>;
  readonly #options: RunIndexOptions;
  readonly #writes = new SerialQueue();
  /** What the index has read of each run folder: lets the rescan compare without a query. */
  readonly #known = new Map<string, Fingerprint>();
  #loadingKnown: Promise<void> = Promise.resolve();
  #state: IndexState;

  private constructor(
    handle: DuckDbHandle<IndexTables>,
    options: RunIndexOptions,
    rebuiltBecause: string | null,
  ) {
    this.#handle = handle;
    this.db = handle.db;
    this.#options = options;
    this.#state = {
      ready: false,
      phase: 'opening',
      done: 0,
      total: 0,
      lastRefreshAt: null,
      lastBuildMs: null,
      rebuiltBecause,
    };
  }

  /**
   * Opens the index file, or makes a new one when it is missing, unreadable, or of another
   * schema version (it is a cache: the facts rebuild it). Call `catchUp` before relying on it.
   */
  static async open(options: RunIndexOptions): Promise<RunIndex> {
    const log = options.log ?? ((m: string) => process.stderr.write(`runfacts: ${m}\n`));
    let rebuiltBecause: string | null = null;
    let handle: DuckDbHandle<IndexTables> | null = null;
    try {
      handle = await openDuckDb<IndexTables>({ path: options.path, threads: options.threads });
      rebuiltBecause = await staleSchema(handle);
    } catch (error) {
      rebuiltBecause = `the index file could not be opened (${(error as Error).message})`;
    }
    if (rebuiltBecause !== null && options.path !== ':memory:') {
      log(`index ${options.path}: ${rebuiltBecause}; rebuilding it from the facts`);
      await handle?.close();
      await rm(options.path, { force: true });
      await rm(`${options.path}.wal`, { force: true });
      handle = await openDuckDb<IndexTables>({ path: options.path, threads: options.threads });
    }
    if (!handle) throw new Error(`cannot open the index at ${options.path}`);
    for (const ddl of CREATE_TABLES) await sql.raw(ddl).execute(handle.db);
    await sql`INSERT OR REPLACE INTO index_info VALUES ('schema_version', ${String(INDEX_SCHEMA_VERSION)})`.execute(
      handle.db,
    );
    const index = new RunIndex(handle, options, rebuiltBecause);
    // Off the open path, so a server answers /health before the index has read what it holds;
    // first in the write queue, so every later change lands on top of it.
    index.#loadingKnown = index.#writes.run(() => index.#loadKnown());
    return index;
  }

  /** What the index recorded of each run folder, read straight from the connection (a 100k-row
   * result through Kysely's row mapping costs seconds). */
  async #loadKnown(): Promise<void> {
    const rows = await this.#handle.withConnection(async ({ connection }) =>
      (
        await connection.runAndReadAll('SELECT run_id, folder_mtime, files, metrics FROM run_files')
      ).getRows(),
    );
    for (const [runId, folderMtime, files, metrics] of rows as Array<
      [string, number, string, string]
    >) {
      this.#known.set(runId, { folderMtime, files, metrics });
    }
  }

  get state(): IndexState {
    return { ...this.#state };
  }

  get facts(): FactsStore {
    return this.#options.facts;
  }

  /** What the index has read of a run folder, or undefined when it has not read it. */
  known(runId: string): Fingerprint | undefined {
    return this.#known.get(runId);
  }

  knownRunIds(): IterableIterator<string> {
    return this.#known.keys();
  }

  /**
   * Brings the index up to the facts: a bulk build into an empty index, otherwise a reread of
   * the run folders that are new or changed since they were indexed, and removal of gone ones.
   */
  async catchUp(onProgress?: BuildProgress): Promise<void> {
    const started = performance.now();
    await this.#loadingKnown;
    const listing = await this.#options.facts.listRunIds();
    const total = listing.runIds.length;
    const empty = this.#known.size === 0;
    this.#state = { ...this.#state, phase: empty ? 'building' : 'catching_up', done: 0, total };
    const progress = (done: number) => {
      this.#state.done = done;
      onProgress?.(done, total);
    };
    const fingerprints = await this.#fingerprintAll(listing.runIds, empty ? progress : undefined);
    const stale = listing.runIds.filter((id) => {
      const seen = this.#known.get(id);
      const now = fingerprints.get(id);
      return !seen || !now || !sameFingerprint(seen, now);
    });
    if (empty && stale.length >= (this.#options.bulkFrom ?? BULK_FROM)) {
      await this.#bulkLoad(listing, fingerprints, progress);
    } else {
      const present = new Set(listing.runIds);
      const gone = [...this.#known.keys()].filter((id) => !present.has(id));
      this.#state.total = stale.length + gone.length;
      await this.#reread(stale, gone, progress);
      await this.#replaceFolderErrors(listing);
    }
    this.#state = {
      ...this.#state,
      ready: true,
      phase: 'serving',
      lastRefreshAt: new Date().toISOString(),
      lastBuildMs: Math.round(performance.now() - started),
    };
  }

  /** Rereads the given runs from their folders and applies them (the watcher's and rescan's way). */
  async refreshRuns(runIds: readonly string[]): Promise<void> {
    await this.#reread(runIds, [], () => undefined);
  }

  /** Throws the index content away and loads every run folder again. */
  async rebuild(onProgress?: BuildProgress): Promise<void> {
    this.#known.clear();
    await this.catchUp(onProgress);
  }

  /**
   * Applies many runs' changes in one transaction: each run's rows are swapped whole, so no
   * reader sees a run half-made. Later changes of a run in `changes` win.
   */
  apply(changes: readonly RunChange[]): Promise<void> {
    if (changes.length === 0) return Promise.resolve();
    return this.#writes.run(() => this.#apply(changes));
  }

  /** Resolves once every change submitted so far is applied. */
  idle(): Promise<void> {
    return this.#writes.idle();
  }

  async close(): Promise<void> {
    await this.#writes.idle();
    await this.#handle.close();
  }

  async #apply(changes: readonly RunChange[]): Promise<void> {
    const byRun = new Map<string, RunChange>();
    for (const change of changes) byRun.set(change.runId, change);
    const latest = [...byRun.values()];
    const facts = this.#options.facts;
    await Promise.all(
      latest.map(async (c) => {
        if (!c.gone && !c.fingerprint) {
          c.fingerprint = await fingerprint(join(facts.runsDir, c.runId, FACTS_DIR));
        }
      }),
    );
    const ids = latest.map((c) => c.runId);
    await this.#transaction(async (trx, append) => {
      const inIds = sql.join(ids);
      for (const table of [...RUN_TABLES, 'index_errors', 'run_files'] as const) {
        await sql`DELETE FROM ${sql.table(table)} WHERE run_id IN (${inIds})`.execute(trx);
      }
      const rows = latest.flatMap((c) => (c.rows ? [c.rows] : []));
      await append(
        'runs',
        rows.map((r) => r.run),
      );
      await append(
        'run_params',
        rows.flatMap((r) => r.params),
      );
      await append(
        'run_metrics',
        rows.flatMap((r) => r.metrics),
      );
      await append(
        'run_tags',
        rows.flatMap((r) => r.tags),
      );
      await append(
        'index_errors',
        latest.flatMap((c) => c.errors),
      );
      await append(
        'run_files',
        latest.flatMap((c) =>
          c.gone || !c.fingerprint
            ? []
            : [
                {
                  run_id: c.runId,
                  folder_mtime: c.fingerprint.folderMtime,
                  files: c.fingerprint.files,
                  metrics: c.fingerprint.metrics,
                },
              ],
        ),
      );
    });
    for (const c of latest) {
      if (c.gone || !c.fingerprint) this.#known.delete(c.runId);
      else this.#known.set(c.runId, c.fingerprint);
    }
    this.#state.lastRefreshAt = new Date().toISOString();
  }

  async #fingerprintAll(
    runIds: readonly string[],
    progress?: (done: number) => void,
  ): Promise<Map<string, Fingerprint>> {
    const runsDir = this.#options.facts.runsDir;
    const out = new Map<string, Fingerprint>();
    for (let i = 0; i < runIds.length; i++) {
      const id = runIds[i] as string;
      out.set(id, fingerprintSync(join(runsDir, id, FACTS_DIR)));
      // Stats are synchronous (a thread-pool round trip costs more than the stat); yield often
      // enough that requests are served while a large root is checked.
      if (i % 1000 === 999) {
        progress?.(0);
        await yieldToEventLoop();
      }
    }
    return out;
  }

  async #reread(
    stale: readonly string[],
    gone: readonly string[],
    progress: (done: number) => void,
  ): Promise<void> {
    const { facts, metaConfig } = this.#options;
    let done = 0;
    for (let i = 0; i < stale.length; i += CATCH_UP_BATCH) {
      const batch = stale.slice(i, i + CATCH_UP_BATCH);
      const changes = await Promise.all(batch.map((id) => readChange(facts, metaConfig, id)));
      await this.apply(changes);
      done += batch.length;
      progress(done);
    }
    if (gone.length > 0) {
      await this.apply(gone.map((runId) => ({ runId, rows: null, errors: [], gone: true })));
      progress(done + gone.length);
    }
  }

  async #bulkLoad(
    listing: RunListing,
    fingerprints: Map<string, Fingerprint>,
    progress: (done: number) => void,
  ): Promise<void> {
    const { facts, metaConfig } = this.#options;
    await this.#writes.run(() =>
      loadAllRuns(this.#handle, facts, metaConfig, {
        listing,
        fingerprints,
        onProgress: (done) => progress(done),
      }),
    );
    this.#known.clear();
    for (const [id, f] of fingerprints) this.#known.set(id, f);
  }

  /** Entries under runs/ that are no run folders are reported as errors without a run id. */
  async #replaceFolderErrors(listing: RunListing): Promise<void> {
    const errors = listing.skipped
      .filter((e) => e.reason !== 'temporary')
      .map((e) => ({ path: e.path, run_id: null, kind: e.reason, message: e.message }));
    await this.#writes.run(() =>
      this.#transaction(async (trx, append) => {
        await sql`DELETE FROM index_errors WHERE run_id IS NULL`.execute(trx);
        await append('index_errors', errors);
      }),
    );
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
        if (rows.length === 0) return;
        // The appender flushes synchronously on this thread; a few rows go as an INSERT,
        // which DuckDB runs on its own threads while requests are served.
        if (rows.length > INSERT_UP_TO) {
          await appendRows(connection, table, rows as AppendRow[]);
          return;
        }
        await db
          .insertInto(table as keyof IndexTables)
          .values(rows as never)
          .execute();
      });
      await sql`COMMIT`.execute(db);
    });
  }
}

/** Why an opened index file cannot be used as it is, or null when it can. */
async function staleSchema(handle: DuckDbHandle<IndexTables>): Promise<string | null> {
  const tables = await sql<{
    n: number;
  }>`SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = 'index_info'`.execute(handle.db);
  if (Number(tables.rows[0]?.n ?? 0) === 0) {
    const any = await sql<{ n: number }>`SELECT count(*) AS n FROM duckdb_tables()`.execute(
      handle.db,
    );
    return Number(any.rows[0]?.n ?? 0) === 0 ? null : 'it has no schema version';
  }
  const row = await sql<{
    value: string;
  }>`SELECT value FROM index_info WHERE key = 'schema_version'`.execute(handle.db);
  const version = Number(row.rows[0]?.value);
  if (version === INDEX_SCHEMA_VERSION) return null;
  if (version > INDEX_SCHEMA_VERSION) {
    return `it was written by a newer runfacts (index schema ${version}, this one reads ${INDEX_SCHEMA_VERSION})`;
  }
  return `it has index schema ${Number.isNaN(version) ? 'unknown' : version}, this runfacts uses ${INDEX_SCHEMA_VERSION}`;
}
