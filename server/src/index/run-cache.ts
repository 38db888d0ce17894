import type { FactsStore, RunRecord } from '../facts/index.js';
import type { CanonicalMeta, MetaConfig } from '../meta/index.js';
import { interpretRun, type LastPoints, type RunRows } from './run-rows.js';
import type { IndexErrorsTable } from './tables.js';

/** One run as its facts say now: what reads by id serve and what writers update. */
export interface CachedRun {
  record: RunRecord | null;
  rows: RunRows | null;
  errors: IndexErrorsTable[];
  meta: CanonicalMeta | null;
  last: LastPoints;
}

/**
 * The current state of recently used runs, read from their facts folder on a miss and kept
 * current by the writer (which has the new rows) and the refresher (which drops changed runs).
 * Reads by id go here, not to the index, so they reflect every acknowledged write at once.
 */
export class RunCache {
  readonly #entries = new Map<string, CachedRun>();
  readonly #loading = new Map<string, Promise<CachedRun | null>>();
  /** Bumped by every set or drop, so a load that started earlier never overwrites newer state. */
  readonly #versions = new Map<string, number>();

  constructor(
    private readonly facts: FactsStore,
    private readonly metaConfig: MetaConfig,
    private readonly capacity = 10_000,
  ) {}

  /** The run, or null when its folder has no run.json. */
  get(runId: string): Promise<CachedRun | null> {
    const hit = this.#entries.get(runId);
    if (hit) {
      this.#entries.delete(runId);
      this.#entries.set(runId, hit);
      return Promise.resolve(hit);
    }
    let loading = this.#loading.get(runId);
    if (!loading) {
      loading = this.#load(runId).finally(() => this.#loading.delete(runId));
      this.#loading.set(runId, loading);
    }
    return loading;
  }

  has(runId: string): boolean {
    return this.#entries.has(runId);
  }

  set(runId: string, entry: CachedRun): void {
    this.#bump(runId);
    this.#entries.delete(runId);
    this.#entries.set(runId, entry);
    if (this.#entries.size > this.capacity) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
  }

  /** Forgets every run (after a bulk change such as a backfill). */
  clear(): void {
    for (const id of this.#entries.keys()) this.#bump(id);
    this.#entries.clear();
  }

  /** Forgets a run changed by someone else; the next read loads it from its folder. */
  drop(runId: string): void {
    this.#bump(runId);
    this.#entries.delete(runId);
  }

  #bump(runId: string): void {
    this.#versions.set(runId, (this.#versions.get(runId) ?? 0) + 1);
    if (this.#versions.size > this.capacity * 2) this.#versions.clear();
  }

  async #load(runId: string): Promise<CachedRun | null> {
    const version = this.#versions.get(runId);
    let files: Awaited<ReturnType<FactsStore['readRunFiles']>>;
    try {
      files = await this.facts.readRunFiles(runId);
    } catch {
      return null; // an id that cannot name a run folder names no run
    }
    if (!files.run) return null;
    const interpreted = interpretRun(files, this.metaConfig);
    const entry: CachedRun = {
      record: files.run,
      rows: interpreted.rows,
      errors: interpreted.errors,
      meta: interpreted.meta ?? null,
      last: interpreted.last ?? new Map(),
    };
    if (this.#versions.get(runId) === version) this.set(runId, entry);
    return entry;
  }
}
