import { existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { type FSWatcher, watch } from 'chokidar';
import { FACTS_DIR } from '../facts/index.js';
import { isSafeRunId } from '../meta/naming.js';
import {
  fingerprintSync,
  quickFingerprintSync,
  sameFingerprint,
  sameQuick,
} from './fingerprint.js';
import type { RunCache } from './run-cache.js';
import type { RunIndex } from './run-index.js';

export interface RefresherOptions {
  /** Seconds between rescans of the root for changes made by other programs. Default 60. */
  rescanSeconds?: number;
  /** Every this many rescans, compare every facts file, not only the folder and metrics.jsonl. Default 10. */
  fullRescanEvery?: number;
  /** Watch the runs folder for run folders added or removed. Default true. */
  watch?: boolean;
  /** Milliseconds to gather a burst of file events into one refresh of the run. Default 50. */
  debounceMs?: number;
}

export interface RefresherStatus {
  watching: boolean;
  /** Why the watcher is off (not asked for, or it failed, e.g. out of inotify watches). */
  watchProblem: string | null;
  rescanSeconds: number;
  lastRescanAt: string | null;
  lastRescanMs: number | null;
}

/**
 * Finds changes made to the facts by other programs (writes through the API tell the index
 * themselves). One watch on the runs folder sees run folders come and go; a periodic rescan
 * compares each folder's fingerprint with what the index read, a cheap two-stat check each
 * time and every file now and then. Neither needs a watch per run folder.
 */
export class IndexRefresher {
  #watcher: FSWatcher | null = null;
  #timer: NodeJS.Timeout | null = null;
  #pending = new Map<string, NodeJS.Timeout>();
  #scanning: Promise<void> | null = null;
  #scans = 0;
  #stopped = false;
  #status: RefresherStatus;

  constructor(
    private readonly index: RunIndex,
    private readonly cache: RunCache,
    private readonly options: RefresherOptions = {},
  ) {
    this.#status = {
      watching: false,
      watchProblem: options.watch === false ? 'switched off (--no-watch)' : null,
      rescanSeconds: options.rescanSeconds ?? 60,
      lastRescanAt: null,
      lastRescanMs: null,
    };
  }

  get status(): RefresherStatus {
    return { ...this.#status };
  }

  async start(): Promise<void> {
    const runsDir = this.index.facts.runsDir;
    if (this.options.watch ?? true) {
      this.#watcher = watch(runsDir, { ignoreInitial: true, depth: 0 });
      this.#watcher.on('all', (_event, path) => this.#onPath(runsDir, path));
      this.#watcher.on('ready', () => {
        this.#status.watching = this.#status.watchProblem === null;
      });
      this.#watcher.on('error', (error) => {
        this.#status.watching = false;
        this.#status.watchProblem = `the watcher failed (${(error as Error).message}); the rescan every ${this.#status.rescanSeconds} s finds changes`;
      });
    }
    this.#timer = setInterval(
      () => void this.rescan().catch(() => undefined),
      this.#status.rescanSeconds * 1000,
    );
    this.#timer.unref();
  }

  /** Rereads every run whose facts changed since they were indexed, and drops gone ones. */
  rescan(full = false): Promise<void> {
    this.#scanning ??= this.#rescan(full).finally(() => {
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
        // A run created through the API is cached and fed to the index by its writer; a
        // cached run whose folder is gone was removed by someone else and must be dropped.
        if (this.cache.has(runId) && existsSync(join(runsDir, runId))) return;
        void this.#refresh([runId]).catch(() => undefined);
      }, this.options.debounceMs ?? 50),
    );
  }

  async #refresh(runIds: readonly string[]): Promise<void> {
    for (const id of runIds) this.cache.drop(id);
    await this.index.refreshRuns(runIds);
  }

  async #rescan(fullAsked: boolean): Promise<void> {
    const started = performance.now();
    const full = fullAsked || ++this.#scans % (this.options.fullRescanEvery ?? 10) === 0;
    const { runIds } = await this.index.facts.listRunIds();
    const runsDir = this.index.facts.runsDir;
    const stale: string[] = [];
    for (let i = 0; i < runIds.length; i++) {
      if (this.#stopped) return;
      const id = runIds[i] as string;
      const known = this.index.known(id);
      const dir = join(runsDir, id, FACTS_DIR);
      const changed = !known
        ? true
        : full
          ? !sameFingerprint(known, fingerprintSync(dir))
          : !sameQuick(known, quickFingerprintSync(dir));
      if (changed) stale.push(id);
      // Synchronous stats, a slice at a time: requests are served in between.
      if (i % 500 === 499) await yieldToEventLoop();
    }
    const present = new Set(runIds);
    for (const id of this.index.knownRunIds()) if (!present.has(id)) stale.push(id);
    if (stale.length > 0) await this.#refresh(stale);
    this.#status.lastRescanAt = new Date().toISOString();
    this.#status.lastRescanMs = Math.round(performance.now() - started);
  }
}
