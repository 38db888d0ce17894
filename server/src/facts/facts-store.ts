import { realpath, stat, unlink } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { assertSafeRunId } from '../meta/naming.js';
import { fsyncPath, isErrnoCode, removeTempFiles, writeFileAtomic } from './atomic-write.js';
import { mapConcurrent } from './concurrent.js';
import { createRunDir } from './create-run-dir.js';
import { FactsFileReadError, FactsValidationError, RunFolderMissingError } from './errors.js';
import { appendJsonLines, DEFAULT_JSONL_MAX_BYTES } from './jsonl.js';
import {
  FACTS_DIR,
  META_FILE,
  METRICS_FILE,
  OVERRIDE_FILE,
  RUN_FILE,
  RUNS_DIR,
  toJsonText,
} from './layout.js';
import { listRunFolders, type RunListing, type SkippedRunEntry } from './list-runs.js';
import { type DirLockOptions, withDirLock } from './lock.js';
import { DEFAULT_JSON_MAX_BYTES, readJsonFile } from './read-json.js';
import { type ReadLimits, type RunFiles, readRunFolder } from './read-run-files.js';
import { type MetricPoint, RunRecord, type RunRecordInput } from './schemas.js';
import { validJsonObject, validMetricPoints, validRunRecord } from './validate.js';

export interface FactsStoreOptions {
  /** Size limit for run.json, meta.json and meta_override.json. Default 16 MiB. */
  jsonMaxBytes?: number;
  /** Size limit for metrics.jsonl. Default 512 MiB. */
  metricsMaxBytes?: number;
  /** Stale time, timeout and backoff of the per-run lock taken by every write. */
  lock?: DirLockOptions;
}

export interface ScanOptions {
  /** How many runs are read at once. Default 8. */
  concurrency?: number;
  /** Told about each entry under runs/ that is not a run folder. */
  onSkipped?: (entry: SkippedRunEntry) => void;
}

/**
 * The facts on disk under `<root>/runs/<run_id>/facts/`. Reads never take locks (writes are
 * atomic renames or whole-line appends); every write holds the run's inter-process lock.
 */
export class FactsStore {
  readonly runsDir: string;
  private readonly limits: { jsonMaxBytes: number; metricsMaxBytes: number };

  constructor(
    readonly root: string,
    private readonly options: FactsStoreOptions = {},
  ) {
    this.runsDir = join(root, RUNS_DIR);
    this.limits = {
      jsonMaxBytes: options.jsonMaxBytes ?? DEFAULT_JSON_MAX_BYTES,
      metricsMaxBytes: options.metricsMaxBytes ?? DEFAULT_JSONL_MAX_BYTES,
    };
  }

  /** `<root>/runs/<runId>`; throws NamingError for an id that could leave the runs folder. */
  runDir(runId: string): string {
    assertSafeRunId(runId);
    return join(this.runsDir, runId);
  }

  factsDir(runId: string): string {
    return join(this.runDir(runId), FACTS_DIR);
  }

  /** The size limits reads apply, for readers outside the store (the index's bulk build). */
  get readLimits(): ReadLimits {
    return { ...this.limits };
  }

  listRunIds(): Promise<RunListing> {
    return listRunFolders(this.runsDir);
  }

  async readRunFiles(runId: string): Promise<RunFiles> {
    return readRunFolder(runId, this.runDir(runId), this.limits);
  }

  /** Reads every run, `concurrency` at a time, in completion order; bad files never stop it. */
  async *scan(options: ScanOptions = {}): AsyncGenerator<RunFiles> {
    const { runIds, skipped } = await this.listRunIds();
    for (const entry of skipped) options.onSkipped?.(entry);
    yield* mapConcurrent(runIds, options.concurrency ?? 8, (id) => this.readRunFiles(id));
  }

  /** Creates the run folder with run.json, meta.json and an empty metrics.jsonl, all or nothing. */
  async createRun(
    runId: string,
    input: { run: RunRecordInput; meta: Record<string, unknown> },
  ): Promise<RunRecord> {
    const dir = this.runDir(runId);
    const run = validRunRecord(runId, input.run);
    const meta = validJsonObject(input.meta, META_FILE);
    await createRunDir(runId, dir, {
      [RUN_FILE]: toJsonText(run),
      [META_FILE]: toJsonText(meta),
      [METRICS_FILE]: '',
    });
    return run;
  }

  /** Read-modify-write of run.json under the run lock, so concurrent updates are never lost. */
  async updateRun(
    runId: string,
    update: (run: RunRecord) => RunRecordInput | Promise<RunRecordInput>,
  ): Promise<RunRecord> {
    return this.locked(runId, async (facts) => {
      const path = join(facts, RUN_FILE);
      const current = await readJsonFile(path, RunRecord, { maxBytes: this.limits.jsonMaxBytes });
      if (!current.ok) throw new FactsFileReadError(current.error);
      const next = validRunRecord(runId, await update(current.value));
      await writeFileAtomic(path, toJsonText(next));
      return next;
    });
  }

  async writeMeta(runId: string, meta: Record<string, unknown>): Promise<void> {
    const valid = validJsonObject(meta, META_FILE);
    return this.locked(runId, (facts) =>
      writeFileAtomic(join(facts, META_FILE), toJsonText(valid)),
    );
  }

  async writeOverride(runId: string, override: Record<string, unknown>): Promise<void> {
    const valid = validJsonObject(override, OVERRIDE_FILE);
    return this.locked(runId, (facts) =>
      writeFileAtomic(join(facts, OVERRIDE_FILE), toJsonText(valid)),
    );
  }

  /** Deletes meta_override.json; returns whether there was one. */
  async removeOverride(runId: string): Promise<boolean> {
    return this.locked(runId, async (facts) => {
      try {
        await unlink(join(facts, OVERRIDE_FILE));
      } catch (error) {
        if (isErrnoCode(error, 'ENOENT')) return false;
        throw error;
      }
      await fsyncPath(facts);
      return true;
    });
  }

  /**
   * Appends metric points to metrics.jsonl: validated first, one write and fsync per batch.
   * A batch id goes on the batch's last line (`"batch"`), in the same write as its points.
   */
  async appendMetrics(
    runId: string,
    points: readonly MetricPoint[],
    batchId?: string | null,
  ): Promise<void> {
    const valid: Array<MetricPoint & { batch?: string }> = validMetricPoints(points);
    const last = valid.at(-1);
    if (batchId && last) valid[valid.length - 1] = { ...last, batch: batchId };
    return this.locked(runId, async (facts) => {
      await appendJsonLines(join(facts, METRICS_FILE), valid);
    });
  }

  private async locked<T>(runId: string, fn: (facts: string) => Promise<T>): Promise<T> {
    const facts = await this.existingFactsDir(runId);
    return withDirLock(
      facts,
      async () => {
        await removeTempFiles(facts);
        return fn(facts);
      },
      this.options.lock,
    );
  }

  /** Refuses a write through a symlink planted under runs/ that leads out of the root. */
  private async assertInsideRoot(path: string): Promise<void> {
    const [real, root] = await Promise.all([realpath(path), realpath(this.root)]);
    if (real !== root && !real.startsWith(`${root}${sep}`)) {
      throw new FactsValidationError(`refusing to write through a link out of the facts root`, [
        `${path} resolves outside ${this.root}`,
      ]);
    }
  }

  private async existingFactsDir(runId: string): Promise<string> {
    const facts = this.factsDir(runId);
    try {
      if ((await stat(facts)).isDirectory()) {
        await this.assertInsideRoot(facts);
        return facts;
      }
    } catch (error) {
      if (!isErrnoCode(error, 'ENOENT', 'ENOTDIR')) throw error;
    }
    throw new RunFolderMissingError(runId, this.runDir(runId));
  }
}
