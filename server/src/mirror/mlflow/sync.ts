import { join } from 'node:path';
import { z } from 'zod';
import { mapConcurrent } from '../../facts/concurrent.js';
import type { FactsStore } from '../../facts/facts-store.js';
import { FACTS_DIR, RUN_FILE } from '../../facts/layout.js';
import type { DirLockOptions } from '../../facts/lock.js';
import { readJsonFile } from '../../facts/read-json.js';
import { MlflowClient, type MlflowClientOptions } from './client.js';
import type { MlflowNetworkError } from './errors.js';
import { ExperimentResolver } from './experiments.js';
import { DEFAULT_EXPERIMENT } from './mapping.js';
import { readMirrorEntry, trackingKey } from './mirror-state.js';
import { type RegistrySyncReport, syncRegistry } from './registry-sync.js';
import { countRequests } from './request-meter.js';
import { RunLocator } from './run-locator.js';
import { type RunOutcome, type RunSyncResult, syncRun } from './sync-run.js';

export interface SyncProgress {
  /** Runs finished so far (any outcome) and how many this sync covers. */
  done: number;
  total: number;
  runId: string;
  outcome: RunOutcome;
}

export interface SyncRunsOptions {
  facts: FactsStore;
  /** MLflow server base URL, e.g. `http://127.0.0.1:5000`. */
  trackingUri: string;
  /** Only runs of these runfacts experiments; default all. */
  experiment?: string | readonly string[];
  /** Only these runs (the continuous mirror syncs the runs that just changed); default all. */
  runIds?: readonly string[];
  /** Ignore mirrors.json: find every run by its tag (or create it) and resend everything. */
  rebuild?: boolean;
  /** Also mirror registered models, versions and aliases (`<root>/registry/`). Default true. */
  registry?: boolean;
  /** Runs synced at once. Default 4. */
  concurrency?: number;
  /** Timeouts, retries, auth headers of the HTTP client; ignored when `client` is given. */
  clientOptions?: Omit<MlflowClientOptions, 'trackingUri'>;
  /** Use this client (not closed at the end) instead of making one. */
  client?: MlflowClient;
  lock?: DirLockOptions;
  onProgress?: (progress: SyncProgress) => void;
}

export interface SyncRunResult extends RunSyncResult {
  /** HTTP requests made for this run, retries included. */
  requests: number;
}

export interface SyncReport {
  trackingUri: string;
  runs: { total: number; created: number; updated: number; unchanged: number; failed: number };
  /** One per run, sorted by run id. */
  results: SyncRunResult[];
  failures: Array<{ runId: string; reason: string }>;
  registry: RegistrySyncReport | null;
  /** Every HTTP request of this sync, lookups of experiments and runs included. */
  httpRequests: number;
  durationMs: number;
}

const ExperimentOnly = z.looseObject({ experiment: z.string() });

interface RunEntry {
  runId: string;
  experiment: string | null;
  hasState: boolean;
}

/** Reads only run.json's experiment and whether mirrors.json knows the run, for planning. */
async function survey(options: SyncRunsOptions, key: string): Promise<RunEntry[]> {
  const listed = (await options.facts.listRunIds()).runIds;
  const only = options.runIds ? new Set(options.runIds) : null;
  const runIds = only ? listed.filter((id) => only.has(id)) : listed;
  const entries: RunEntry[] = [];
  const look = async (runId: string): Promise<RunEntry> => {
    const factsDir = join(options.facts.runDir(runId), FACTS_DIR);
    const run = await readJsonFile(join(factsDir, RUN_FILE), ExperimentOnly);
    const experiment = run.ok ? run.value.experiment || DEFAULT_EXPERIMENT : null;
    const hasState = !options.rebuild && (await readMirrorEntry(factsDir, key)).entry !== null;
    return { runId, experiment, hasState };
  };
  for await (const entry of mapConcurrent(runIds, 16, look)) entries.push(entry);
  const wanted = options.experiment === undefined ? null : new Set([options.experiment].flat());
  return entries
    .filter((e) => wanted === null || (e.experiment !== null && wanted.has(e.experiment)))
    .sort((a, b) => (a.runId < b.runId ? -1 : 1));
}

/**
 * Mirrors runs from the facts to an MLflow server: idempotent (a second sync sends nothing new)
 * and resumable (what MLflow confirmed is recorded per run in facts/mirrors.json). Failures are
 * reported per run, never thrown; once MLflow is unreachable the remaining runs fail fast.
 */
export async function syncRuns(options: SyncRunsOptions): Promise<SyncReport> {
  const started = Date.now();
  const client =
    options.client ??
    new MlflowClient({ ...options.clientOptions, trackingUri: options.trackingUri });
  const key = trackingKey(options.trackingUri);
  const before = client.requestCount;
  try {
    const entries = await survey(options, key);
    const pending = new Map<string, number>();
    for (const e of entries) {
      if (!e.hasState && e.experiment !== null) {
        pending.set(e.experiment, (pending.get(e.experiment) ?? 0) + 1);
      }
    }
    const ctx = {
      client,
      facts: options.facts,
      trackingKey: key,
      rebuild: options.rebuild ?? false,
      experiments: new ExperimentResolver(client),
      locator: new RunLocator(client, pending),
      lock: options.lock,
    };
    // Resolved up front so per-run request counts hold only that run's own requests.
    for (const name of pending.keys()) await ctx.experiments.resolve(name).catch(() => undefined);
    let unreachable: MlflowNetworkError | null = null;
    const one = async (entry: RunEntry): Promise<SyncRunResult> => {
      if (unreachable !== null) {
        return {
          runId: entry.runId,
          outcome: 'failed',
          mlflowRunId: null,
          error: `not tried: ${unreachable.message}`,
          changedParams: [],
          warnings: [],
          requests: 0,
        };
      }
      const { value, requests } = await countRequests(async () => {
        const files = await options.facts.readRunFiles(entry.runId);
        return syncRun(ctx, files);
      });
      if (value.outcome === 'failed' && value.networkError) unreachable = value.networkError;
      const { networkError: _, ...rest } = value;
      return { ...rest, requests };
    };
    const results: SyncRunResult[] = [];
    for await (const r of mapConcurrent(entries, options.concurrency ?? 4, one)) {
      results.push(r);
      options.onProgress?.({
        done: results.length,
        total: entries.length,
        runId: r.runId,
        outcome: r.outcome,
      });
    }
    results.sort((a, b) => (a.runId < b.runId ? -1 : 1));
    const registry =
      options.registry === false || unreachable !== null
        ? null
        : await syncRegistry({ client, root: options.facts.root, facts: options.facts, key });
    return {
      trackingUri: options.trackingUri,
      runs: tally(results),
      results,
      failures: results
        .filter((r) => r.outcome === 'failed')
        .map((r) => ({ runId: r.runId, reason: r.error ?? 'unknown' })),
      registry,
      httpRequests: client.requestCount - before,
      durationMs: Date.now() - started,
    };
  } finally {
    if (options.client === undefined) await client.close();
  }
}

function tally(results: SyncRunResult[]): SyncReport['runs'] {
  const runs = { total: results.length, created: 0, updated: 0, unchanged: 0, failed: 0 };
  for (const r of results) runs[r.outcome]++;
  return runs;
}
