import { relative, sep } from 'node:path';
import { type FSWatcher, watch } from 'chokidar';
import { mapConcurrent } from '../facts/concurrent.js';
import { isSafeRunId } from '../meta/naming.js';
import { factsMtime } from './facts-mtime.js';
import type { RunIndex } from './run-index.js';

export interface RefresherOptions {
  /** Seconds between mtime rescans of the whole root (watchers miss events on network filesystems). Default 5. */
  rescanSeconds?: number;
  /** Watch the runs folder for changes. Default true. */
  watch?: boolean;
  /** Milliseconds to gather a burst of file events into one refresh of the run. Default 50. */
  debounceMs?: number;
}

/**
 * Keeps the index current while serving: a file watcher for changes as they happen, and a
 * periodic mtime rescan that catches what watchers miss, new runs and deleted ones.
 */
export class IndexRefresher {
  #watcher: FSWatcher | null = null;
  #timer: NodeJS.Timeout | null = null;
  #pending = new Map<string, NodeJS.Timeout>();
  #scanning: Promise<void> | null = null;
  #stopped = false;

  constructor(
    private readonly index: RunIndex,
    private readonly options: RefresherOptions,
  ) {}

  async start(): Promise<void> {
    const runsDir = this.index.facts.runsDir;
    if (this.options.watch ?? true) {
      this.#watcher = watch(runsDir, {
        ignoreInitial: true,
        depth: 2,
        ignored: (path) => path.includes(`${sep}.tmp-`) || path.endsWith('.lock'),
      });
      this.#watcher.on('all', (_event, path) => this.#onPath(runsDir, path));
      this.#watcher.on('error', () => {
        // A watcher that fails (too many folders, a network filesystem) leaves the rescan to do the work.
      });
    }
    const seconds = this.options.rescanSeconds ?? 5;
    this.#timer = setInterval(() => void this.rescan().catch(() => undefined), seconds * 1000);
    this.#timer.unref();
  }

  /** Refreshes every run whose facts changed since it was indexed, and drops deleted ones. */
  rescan(): Promise<void> {
    this.#scanning ??= this.#rescan().finally(() => {
      this.#scanning = null;
    });
    return this.#scanning;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearInterval(this.#timer);
    for (const t of this.#pending.values()) clearTimeout(t);
    await this.#watcher?.close();
    await this.#scanning;
  }

  #onPath(runsDir: string, path: string): void {
    const runId = relative(runsDir, path).split(sep)[0];
    if (!runId || !isSafeRunId(runId) || this.#stopped) return;
    clearTimeout(this.#pending.get(runId));
    this.#pending.set(
      runId,
      setTimeout(() => {
        this.#pending.delete(runId);
        void this.#refreshIfChanged(runsDir, runId).catch(() => undefined);
      }, this.options.debounceMs ?? 50),
    );
  }

  /** Our own writes index their runs as they go; only a change the index has not seen is reread. */
  async #refreshIfChanged(runsDir: string, runId: string): Promise<void> {
    const [mtime, row] = await Promise.all([
      factsMtime(runsDir, runId),
      this.index.db
        .selectFrom('runs')
        .select('facts_mtime_ms')
        .where('run_id', '=', runId)
        .executeTakeFirst(),
    ]);
    if (row && mtime <= row.facts_mtime_ms) return;
    await this.index.refreshRun(runId);
  }

  async #rescan(): Promise<void> {
    const { runIds } = await this.index.facts.listRunIds();
    const indexed = new Map(
      (await this.index.db.selectFrom('runs').select(['run_id', 'facts_mtime_ms']).execute()).map(
        (r) => [r.run_id, r.facts_mtime_ms],
      ),
    );
    const failed = new Set(
      (await this.index.db.selectFrom('index_errors').select('run_id').distinct().execute()).map(
        (r) => r.run_id,
      ),
    );
    const runsDir = this.index.facts.runsDir;
    const stale: string[] = [];
    for await (const [id, mtime] of mapConcurrent(
      runIds,
      32,
      async (id) => [id, await factsMtime(runsDir, id)] as const,
    )) {
      const seen = indexed.get(id);
      // Runs without rows (broken facts) are re-read each time, so a fix shows without restart.
      if (seen === undefined || mtime > seen) stale.push(id);
    }
    const present = new Set(runIds);
    for (const id of indexed.keys()) if (!present.has(id)) stale.push(id);
    for (const id of failed) if (id && !present.has(id)) stale.push(id);
    for (const id of stale) {
      if (this.#stopped) return;
      await this.index.refreshRun(id);
    }
  }
}
