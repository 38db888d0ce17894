import { join } from 'node:path';
import { InvalidInputError } from '../domain-error.js';
import {
  type Artifact,
  type FactsStore,
  FactsValidationError,
  type MetricPoint,
  RunExistsError,
  RunFolderMissingError,
  type RunRecord,
} from '../facts/index.js';
import { fingerprintSync } from '../index/fingerprint.js';
import type { IndexFeed } from '../index/index-feed.js';
import type { CachedRun, RunCache } from '../index/run-cache.js';
import { foldLastPoints, runRows } from '../index/run-rows.js';
import {
  type CanonicalMeta,
  canonicalizeMeta,
  formatRunId,
  formatRunTimestamp,
  type MetaConfig,
  toMetaFile,
} from '../meta/index.js';
import { BatchLedger } from './batch-ledger.js';
import { ClientRequests, requestBodyHash } from './client-requests.js';
import type { RunEventKind, RunEvents } from './events.js';
import {
  checkFinite,
  checkKey,
  checkSummary,
  checkText,
  MAX_PARAM_VALUE_LENGTH,
  MAX_TAG_VALUE_LENGTH,
} from './input-rules.js';
import { RunLanes } from './run-lanes.js';
import { IdempotencyConflictError, RunFrozenError, RunNotFoundError } from './write-errors.js';

export const MAX_METRICS_PER_CALL = 1000;
const MAX_SAME_SECOND = 1000;

export interface RegisterRunInput {
  experiment: string;
  name: string;
  architectureCode?: string | null;
  config?: Record<string, unknown> | null;
  meta: Record<string, unknown>;
  tags?: Record<string, string> | null;
  startedAt?: Date | null;
  clientRequestId?: string | null;
}

export interface RegisteredRun {
  runId: string;
  timestamp: string;
  created: boolean;
  config: Record<string, unknown>;
  meta: CanonicalMeta;
  /** Sequence token of the write: list queries given it as `minSeq` wait until it is indexed. */
  seq: string;
}

/** What every other write answers: the run written and its sequence token. */
export interface WriteAck {
  runId: string;
  seq: string;
}

export interface FinishRunInput {
  status: 'FINISHED' | 'FAILED' | 'KILLED';
  metrics?: Record<string, unknown> | null;
  endedAt?: Date | null;
  artifacts?: Artifact[] | null;
  modelParameters?: { total: number; trainable: number } | null;
}

/**
 * The facts layer's refusals are not domain errors (their messages name server paths); a write
 * answers them as the domain errors its result unions declare. Anything else passes as it is.
 */
function asWriteError(error: unknown, runId?: string): unknown {
  if (error instanceof FactsValidationError)
    return new InvalidInputError(error.problems.join('; ') || error.message);
  if (error instanceof RunFolderMissingError && runId !== undefined)
    return new RunNotFoundError(runId);
  return error;
}

/**
 * Every write of a run: validated first (a rejected call writes nothing), durable in the facts,
 * then the run's cached rows are updated and handed to the index feed, and an event is
 * published. The answer does not wait for the index: it carries the write's sequence token.
 */
export class RunWriter {
  readonly #pendingRequests = new Map<string, { hash: string; attempt: Promise<RegisteredRun> }>();
  readonly #lanes = new RunLanes();
  readonly #batches = new BatchLedger();
  readonly #requests: ClientRequests;

  constructor(
    private readonly facts: FactsStore,
    private readonly cache: RunCache,
    private readonly feed: IndexFeed,
    private readonly metaConfig: MetaConfig,
    private readonly events: RunEvents,
  ) {
    this.#requests = new ClientRequests(facts.root);
  }

  async registerRun(input: RegisterRunInput): Promise<RegisteredRun> {
    const key = input.clientRequestId;
    if (!key) return this.#register(input, null);
    const hash = requestBodyHash({ ...input, clientRequestId: undefined });
    // A retry racing its own first attempt must not create a second run.
    const pending = this.#pendingRequests.get(key);
    if (pending) {
      const first = await pending.attempt;
      if (pending.hash !== hash) throw new IdempotencyConflictError(key, first.runId);
      return { ...first, created: false };
    }
    const attempt = this.#register(input, hash).finally(() => this.#pendingRequests.delete(key));
    this.#pendingRequests.set(key, { hash, attempt });
    return attempt;
  }

  async #register(input: RegisterRunInput, hash: string | null): Promise<RegisteredRun> {
    const started = input.startedAt ?? new Date();
    if (Number.isNaN(started.getTime()))
      throw new InvalidInputError('is not a valid time', 'startedAt');
    const timestamp = formatRunTimestamp(started);
    if (input.experiment.trim() === '')
      throw new InvalidInputError('may not be empty', 'experiment');
    for (const [k, v] of Object.entries(input.tags ?? {})) {
      checkKey(k, `tags.${k}`);
      checkText(v, MAX_TAG_VALUE_LENGTH, `tags.${k}`);
    }
    // A meta or naming rule broken here throws an InvalidInputError, which the API answers as is.
    const meta = canonicalizeMeta(
      { ...input.meta, meta_source: 'live' },
      { config: this.metaConfig },
    );
    const key = input.clientRequestId ?? null;
    let reserved: string | null = null;
    if (key && hash) {
      const known = await this.#requests.find(key);
      if (known && known.bodyHash !== hash) throw new IdempotencyConflictError(key, known.runId);
      const existing = known ? await this.cache.get(known.runId) : null;
      if (existing?.record?.client_request_id === key && existing.rows) {
        return {
          runId: existing.rows.run.run_id,
          timestamp: existing.rows.run.timestamp,
          created: false,
          config: existing.record.config,
          meta: existing.meta ?? meta,
          seq: this.feed.latestSeq,
        };
      }
      // Recorded but never created (a crash in between): create the run it named.
      reserved = known && !existing ? known.runId : null;
    }
    for (let sequence = 1; sequence <= MAX_SAME_SECOND; sequence++) {
      const runId =
        reserved ??
        formatRunId({
          name: input.name,
          architectureCode: input.architectureCode ?? null,
          timestamp,
          sequence,
        });
      reserved = null;
      const config = {
        ...(input.config ?? {}),
        run_id: runId,
        architecture_code: input.architectureCode ?? null,
        timestamp,
      };
      if (key && hash)
        await this.#requests.remember({ clientRequestId: key, runId, bodyHash: hash });
      let record: RunRecord;
      try {
        record = await this.facts.createRun(runId, {
          run: {
            run_id: runId,
            experiment: input.experiment,
            name: input.name,
            architecture_code: input.architectureCode ?? null,
            timestamp,
            status: 'RUNNING',
            started_at: started.toISOString(),
            ended_at: null,
            config,
            params: {},
            metrics: {},
            tags: input.tags ?? {},
            artifacts: [],
            model_parameters: null,
            duration_seconds: null,
            ...(key ? { client_request_id: key } : {}),
          },
          meta: toMetaFile(meta),
        });
      } catch (error) {
        if (error instanceof RunExistsError) continue;
        throw asWriteError(error);
      }
      const seq = this.#commit(runId, { record, meta, last: new Map(), errors: [] });
      this.#publish('REGISTERED', runId, input.experiment, null, seq);
      return { runId, timestamp, created: true, config, meta, seq };
    }
    throw new InvalidInputError(`over ${MAX_SAME_SECOND} runs of this name in one second`, 'name');
  }

  /**
   * Appends points to the run's history. With a batch id, a batch already applied (a retry
   * after a lost answer) is not applied again: `applied` is then false.
   */
  async logMetrics(
    runId: string,
    points: ReadonlyArray<{
      key: string;
      value: number;
      step?: number | null;
      timestamp?: Date | null;
    }>,
    batchId?: string | null,
  ): Promise<{ count: number; applied: boolean; seq: string }> {
    if (points.length === 0 || points.length > MAX_METRICS_PER_CALL) {
      throw new InvalidInputError(
        `send 1 to ${MAX_METRICS_PER_CALL} points a call, got ${points.length}`,
        'metrics',
      );
    }
    if (batchId !== undefined && batchId !== null) checkText(batchId, 200, 'batchId');
    if (batchId === '') throw new InvalidInputError('may not be empty', 'batchId');
    const now = new Date();
    const valid: MetricPoint[] = points.map((p, i) => {
      checkKey(p.key, `metrics[${i}].key`);
      checkFinite(p.value, `metrics[${i}].value`);
      const step = p.step ?? 0;
      if (!Number.isSafeInteger(step) || step < 0) {
        throw new InvalidInputError(
          `must be a whole number >= 0, got ${step}`,
          `metrics[${i}].step`,
        );
      }
      const ts = p.timestamp ?? now;
      if (Number.isNaN(ts.getTime()))
        throw new InvalidInputError('is not a valid time', `metrics[${i}].timestamp`);
      return { key: p.key, value: p.value, step, ts: ts.toISOString() };
    });
    return this.#lanes.run(runId, async () => {
      const current = await this.#current(runId);
      const metricsPath = join(this.facts.factsDir(runId), 'metrics.jsonl');
      if (batchId && (await this.#batches.has(runId, metricsPath, batchId))) {
        return { count: valid.length, applied: false, seq: this.feed.latestSeq };
      }
      try {
        await this.facts.appendMetrics(runId, valid, batchId);
      } catch (error) {
        throw asWriteError(error, runId);
      }
      if (batchId) this.#batches.add(runId, batchId);
      const seq = this.#commit(runId, {
        ...current,
        last: foldLastPoints(valid, new Map(current.last)),
      });
      this.#publish('METRICS_LOGGED', runId, current.record?.experiment ?? '', valid.length, seq);
      return { count: valid.length, applied: true, seq };
    });
  }

  async logParams(
    runId: string,
    params: ReadonlyArray<{ key: string; value: string }>,
  ): Promise<WriteAck> {
    params.forEach((p, i) => {
      checkKey(p.key, `params[${i}].key`);
      checkText(p.value, MAX_PARAM_VALUE_LENGTH, `params[${i}].value`);
    });
    return this.#update(runId, 'PARAMS_LOGGED', (run) => {
      if (run.status !== 'RUNNING') {
        throw new RunFrozenError(
          runId,
          run.status,
          'params',
          'params of a finished run are frozen',
        );
      }
      return {
        ...run,
        params: { ...run.params, ...Object.fromEntries(params.map((p) => [p.key, p.value])) },
      };
    });
  }

  async setTags(
    runId: string,
    tags: ReadonlyArray<{ key: string; value: string }>,
  ): Promise<WriteAck> {
    tags.forEach((t, i) => {
      checkKey(t.key, `tags[${i}].key`);
      checkText(t.value, MAX_TAG_VALUE_LENGTH, `tags[${i}].value`);
    });
    return this.#update(runId, 'TAGS_CHANGED', (run) => ({
      ...run,
      tags: { ...run.tags, ...Object.fromEntries(tags.map((t) => [t.key, t.value])) },
    }));
  }

  async deleteTags(runId: string, keys: readonly string[]): Promise<WriteAck> {
    return this.#update(runId, 'TAGS_CHANGED', (run) => {
      const missing = keys.filter((k) => !(k in run.tags));
      if (missing.length > 0) {
        throw new InvalidInputError(
          `no tag ${missing.map((k) => JSON.stringify(k)).join(', ')} on this run`,
          'keys',
        );
      }
      return {
        ...run,
        tags: Object.fromEntries(Object.entries(run.tags).filter(([k]) => !keys.includes(k))),
      };
    });
  }

  async finishRun(runId: string, input: FinishRunInput): Promise<WriteAck> {
    if (input.metrics) checkSummary(input.metrics, 'metrics');
    const ended = input.endedAt ?? new Date();
    if (Number.isNaN(ended.getTime()))
      throw new InvalidInputError('is not a valid time', 'endedAt');
    (input.artifacts ?? []).forEach((a, i) => {
      if (a.path.trim() === '')
        throw new InvalidInputError('may not be empty', `artifacts[${i}].path`);
    });
    return this.#update(runId, 'FINISHED', (run) => {
      if (run.status !== 'RUNNING') {
        throw new RunFrozenError(runId, run.status, 'runId', 'it finished already');
      }
      const started = Date.parse(run.started_at);
      if (ended.getTime() < started) {
        throw new InvalidInputError(`is before the run started (${run.started_at})`, 'endedAt');
      }
      return {
        ...run,
        status: input.status,
        ended_at: ended.toISOString(),
        duration_seconds: (ended.getTime() - started) / 1000,
        metrics: { ...run.metrics, ...(input.metrics as RunRecord['metrics'] | undefined) },
        artifacts: [...run.artifacts, ...(input.artifacts ?? [])],
        model_parameters: input.modelParameters ?? run.model_parameters,
      };
    });
  }

  /**
   * Seed 000's override workflow: checked against the run's meta, written to
   * meta_override.json, and meta.json rewritten with the merged record the API serves.
   */
  async setMetaOverride(
    runId: string,
    override: Record<string, unknown>,
  ): Promise<{ meta: CanonicalMeta; seq: string }> {
    return this.#lanes.run(runId, async () => {
      const current = await this.#current(runId);
      const files = await this.facts.readRunFiles(runId);
      if (!files.meta)
        throw new InvalidInputError("the run's meta.json cannot be read; fix it first", 'runId');
      let meta: CanonicalMeta;
      try {
        meta = canonicalizeMeta(files.meta, { config: this.metaConfig, override });
        await this.facts.writeOverride(runId, override);
        await this.facts.writeMeta(runId, toMetaFile(meta));
      } catch (error) {
        throw asWriteError(error, runId);
      }
      const seq = this.#commit(runId, { ...current, meta });
      this.#publish('META_CHANGED', runId, current.record?.experiment ?? '', null, seq);
      return { meta, seq };
    });
  }

  /** The run as its facts say now; RunNotFoundError when there is no such run. */
  async #current(runId: string): Promise<CachedRun> {
    const run = await this.cache.get(runId).catch(() => null);
    if (!run) throw new RunNotFoundError(runId);
    return run;
  }

  /** Changes run.json's artifacts (uploads and scans of the artifact store), indexed and published like any write. */
  updateArtifacts(
    runId: string,
    change: (run: RunRecord) => Promise<RunRecord>,
  ): Promise<WriteAck> {
    return this.#update(runId, 'ARTIFACTS_CHANGED', change);
  }

  async #update(
    runId: string,
    kind: RunEventKind,
    change: (run: RunRecord) => RunRecord | Promise<RunRecord>,
  ): Promise<WriteAck> {
    return this.#lanes.run(runId, async () => {
      const current = await this.#current(runId);
      let record: RunRecord;
      try {
        record = await this.facts.updateRun(runId, change);
      } catch (error) {
        throw asWriteError(error, runId);
      }
      const seq = this.#commit(runId, { ...current, record });
      this.#publish(kind, runId, record.experiment, null, seq);
      return { runId, seq };
    });
  }

  /** The run's new state, from what this write already has: cached, then fed to the index. */
  #commit(runId: string, next: Omit<CachedRun, 'rows'>): string {
    const rows =
      next.record && next.meta ? runRows(runId, next.record, next.meta, next.last) : null;
    const entry: CachedRun = { ...next, rows };
    this.cache.set(runId, entry);
    // Taken now, in the run's lane: it describes exactly the files this write left. Taken
    // later, it could include a newer write whose rows a crash keeps from the index, and the
    // restart would then see nothing to reread.
    const fingerprint = fingerprintSync(this.facts.factsDir(runId));
    return this.feed.submit({ runId, rows, errors: entry.errors, fingerprint });
  }

  #publish(
    kind: RunEventKind,
    runId: string,
    experiment: string,
    count: number | null,
    seq: string,
  ): void {
    this.events.publish('runEvents', {
      kind,
      runId,
      experiment,
      at: new Date().toISOString(),
      count,
      seq,
    });
  }
}
