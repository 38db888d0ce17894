import { sql } from 'kysely';
import { InvalidInputError } from '../domain-error.js';
import { createLoaders, type Loaders } from '../loaders.js';
import type { IndexFeed } from './index-feed.js';
import type { HistoryArgs, HistoryPoint, MetricHistory } from './metric-history.js';
import { type Comparison, compareRuns } from './queries/compare.js';
import { type CoverageArgs, type CoverageGrid, coverage } from './queries/coverage.js';
import { type ExperimentSummary, experiments } from './queries/experiments.js';
import { type ListRunsArgs, listRuns, type RunPage } from './queries/list-runs.js';
import { type SweepArgs, type SweepResult, sweep } from './queries/sweep.js';
import type { IndexRefresher } from './refresher.js';
import type { RunCache } from './run-cache.js';
import type { IndexState, RunIndex } from './run-index.js';
import type { IndexErrorsTable } from './tables.js';

export interface IndexStatus extends IndexState {
  runsIndexed: number;
  errorCount: number;
  errors: IndexErrorsTable[];
  pendingWrites: number;
  watching: boolean;
  watchProblem: string | null;
  lastRescanAt: string | null;
}

/**
 * What the rest of the server reads runs through: lists and aggregates from the index (after
 * waiting for a write's `minSeq` when asked), a run by id from the run cache, histories from
 * metrics.jsonl. Resolvers call this and nothing below it, so another index backend can take
 * DuckDB's place behind the same methods.
 */
export class RunsService {
  constructor(
    private readonly index: RunIndex,
    private readonly cache: RunCache,
    private readonly feed: IndexFeed,
    private readonly history: MetricHistory,
    private readonly refresher: IndexRefresher | null,
  ) {}

  /** Per-request batching loaders of runs by id (from the cache) and their key/values. */
  loaders(): Loaders {
    return createLoaders(this.index, this.cache);
  }

  /** Waits until the index holds the write with this sequence token, when one is given. */
  async afterWrite(minSeq: string | null | undefined): Promise<void> {
    if (!minSeq) return;
    try {
      await this.feed.waitFor(minSeq);
    } catch (error) {
      if (error instanceof RangeError) throw new InvalidInputError(error.message, 'minSeq');
      throw error;
    }
  }

  list(args: ListRunsArgs): Promise<RunPage> {
    return listRuns(this.index.db, args);
  }

  coverage(args: CoverageArgs): Promise<CoverageGrid> {
    return coverage(this.index.db, args);
  }

  sweep(args: SweepArgs): Promise<SweepResult> {
    return sweep(this.index.db, args);
  }

  compare(runIds: readonly string[]): Promise<Comparison> {
    return compareRuns(this.index.db, runIds);
  }

  experiments(name?: string): Promise<ExperimentSummary[]> {
    return experiments(this.index.db, name);
  }

  historyKeys(runId: string): Promise<string[]> {
    return this.history.keys(runId);
  }

  historyPoints(runId: string, args: HistoryArgs): Promise<HistoryPoint[]> {
    return this.history.points(runId, args);
  }

  /** Brings the index and the run cache up to the facts after a bulk change (a backfill). */
  async catchUp(): Promise<void> {
    await this.index.catchUp();
    this.cache.clear();
  }

  async status(firstErrors: number): Promise<IndexStatus> {
    const db = this.index.db;
    const [runs, errors, errorCount] = await Promise.all([
      sql<{ n: number }>`SELECT count(*) AS n FROM runs`.execute(db),
      db
        .selectFrom('index_errors')
        .selectAll()
        .orderBy('path')
        .limit(Math.min(Math.max(firstErrors, 0), 1000))
        .execute(),
      sql<{ n: number }>`SELECT count(*) AS n FROM index_errors`.execute(db),
    ]);
    const refresher = this.refresher?.status;
    return {
      ...this.index.state,
      runsIndexed: Number(runs.rows[0]?.n ?? 0),
      errorCount: Number(errorCount.rows[0]?.n ?? 0),
      errors,
      pendingWrites: this.feed.lag,
      watching: refresher?.watching ?? false,
      watchProblem: refresher ? refresher.watchProblem : 'no refresher (a one-shot tool)',
      lastRescanAt: refresher?.lastRescanAt ?? null,
    };
  }
}
