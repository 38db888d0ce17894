import {
  type Artifact,
  type FactsStore,
  FactsValidationError,
  type MetricPoint,
  RunExistsError,
  RunNotFoundError,
  type RunRecord,
} from '../facts/index.js';
import type { RunIndex } from '../index/run-index.js';
import {
  type CanonicalMeta,
  canonicalizeMeta,
  formatRunId,
  formatRunTimestamp,
  type MetaConfig,
  MetaError,
  NamingError,
} from '../meta/index.js';
import type { RunEventKind, RunEvents } from './events.js';
import {
  checkFinite,
  checkKey,
  checkSummary,
  checkText,
  MAX_PARAM_VALUE_LENGTH,
  MAX_TAG_VALUE_LENGTH,
} from './keys.js';
import { InvalidInputError, RunFrozenError, UnknownRunError } from './write-errors.js';

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
}

export interface FinishRunInput {
  status: 'FINISHED' | 'FAILED' | 'KILLED';
  metrics?: Record<string, unknown> | null;
  endedAt?: Date | null;
  artifacts?: Artifact[] | null;
  modelParameters?: { total: number; trainable: number } | null;
}

/** Turns errors of the layers below into the typed errors the API answers with. */
function asWriteError(error: unknown, runId?: string): unknown {
  if (error instanceof MetaError || error instanceof NamingError) {
    return new InvalidInputError(error.message, error.field);
  }
  if (error instanceof FactsValidationError)
    return new InvalidInputError(error.problems.join('; ') || error.message);
  if (error instanceof RunNotFoundError && runId !== undefined) return new UnknownRunError(runId);
  return error;
}

/**
 * Every write of a run: validated first (a rejected call writes nothing), durable in the facts,
 * then the index follows and an event is published.
 */
export class RunWriter {
  readonly #pendingRequests = new Map<string, Promise<RegisteredRun>>();

  constructor(
    private readonly facts: FactsStore,
    private readonly index: RunIndex,
    private readonly metaConfig: MetaConfig,
    private readonly events: RunEvents,
  ) {}

  registerRun(input: RegisterRunInput): Promise<RegisteredRun> {
    const key = input.clientRequestId;
    if (!key) return this.#register(input);
    // A retry racing its own first attempt must not create a second run.
    const pending = this.#pendingRequests.get(key);
    if (pending) return pending;
    const attempt = this.#register(input).finally(() => this.#pendingRequests.delete(key));
    this.#pendingRequests.set(key, attempt);
    return attempt;
  }

  async #register(input: RegisterRunInput): Promise<RegisteredRun> {
    if (input.clientRequestId) {
      const existing = await this.index.db
        .selectFrom('runs')
        .select(['run_id', 'timestamp', 'config', 'meta_json'])
        .where('client_request_id', '=', input.clientRequestId)
        .executeTakeFirst();
      if (existing) {
        return {
          runId: existing.run_id,
          timestamp: existing.timestamp,
          created: false,
          config: JSON.parse(existing.config),
          meta: JSON.parse(existing.meta_json),
        };
      }
    }
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
    let meta: CanonicalMeta;
    try {
      meta = canonicalizeMeta({ ...input.meta, meta_source: 'live' }, { config: this.metaConfig });
    } catch (error) {
      throw asWriteError(error);
    }
    const metaFile = { ...input.meta, meta_source: 'live' };
    for (let sequence = 1; sequence <= MAX_SAME_SECOND; sequence++) {
      let runId: string;
      try {
        runId = formatRunId({
          name: input.name,
          architectureCode: input.architectureCode ?? null,
          timestamp,
          sequence,
        });
      } catch (error) {
        throw asWriteError(error);
      }
      const config = {
        ...(input.config ?? {}),
        run_id: runId,
        architecture_code: input.architectureCode ?? null,
        timestamp,
      };
      try {
        await this.facts.createRun(runId, {
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
            ...(input.clientRequestId ? { client_request_id: input.clientRequestId } : {}),
          },
          meta: metaFile,
        });
      } catch (error) {
        if (error instanceof RunExistsError) continue;
        throw asWriteError(error);
      }
      await this.#indexed(runId, 'REGISTERED', input.experiment);
      return { runId, timestamp, created: true, config, meta };
    }
    throw new InvalidInputError(`over ${MAX_SAME_SECOND} runs of this name in one second`, 'name');
  }

  async logMetrics(
    runId: string,
    points: ReadonlyArray<{
      key: string;
      value: number;
      step?: number | null;
      timestamp?: Date | null;
    }>,
  ): Promise<number> {
    if (points.length === 0 || points.length > MAX_METRICS_PER_CALL) {
      throw new InvalidInputError(
        `send 1 to ${MAX_METRICS_PER_CALL} points a call, got ${points.length}`,
        'metrics',
      );
    }
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
    const run = await this.#run(runId);
    try {
      await this.facts.appendMetrics(runId, valid);
    } catch (error) {
      throw asWriteError(error, runId);
    }
    await this.index.appendMetrics(runId, valid);
    this.#publish('METRICS_LOGGED', runId, run.experiment, valid.length);
    return valid.length;
  }

  async logParams(
    runId: string,
    params: ReadonlyArray<{ key: string; value: string }>,
  ): Promise<RunRecord> {
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
  ): Promise<RunRecord> {
    tags.forEach((t, i) => {
      checkKey(t.key, `tags[${i}].key`);
      checkText(t.value, MAX_TAG_VALUE_LENGTH, `tags[${i}].value`);
    });
    return this.#update(runId, 'TAGS_CHANGED', (run) => ({
      ...run,
      tags: { ...run.tags, ...Object.fromEntries(tags.map((t) => [t.key, t.value])) },
    }));
  }

  async deleteTags(runId: string, keys: readonly string[]): Promise<RunRecord> {
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

  async finishRun(runId: string, input: FinishRunInput): Promise<RunRecord> {
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

  /** Seed 000's override workflow: checked against the run's meta, written, and the meta re-derived. */
  async setMetaOverride(runId: string, override: Record<string, unknown>): Promise<CanonicalMeta> {
    const run = await this.#run(runId);
    const files = await this.facts.readRunFiles(runId);
    if (!files.meta)
      throw new InvalidInputError("the run's meta.json cannot be read; fix it first", 'runId');
    let meta: CanonicalMeta;
    try {
      meta = canonicalizeMeta(files.meta, { config: this.metaConfig, override });
      await this.facts.writeOverride(runId, override);
    } catch (error) {
      throw asWriteError(error, runId);
    }
    await this.#indexed(runId, 'META_CHANGED', run.experiment);
    return meta;
  }

  async #run(runId: string): Promise<{ experiment: string; status: string }> {
    const row = await this.index.db
      .selectFrom('runs')
      .select(['experiment', 'status'])
      .where('run_id', '=', runId)
      .executeTakeFirst();
    if (row) return row;
    // The index may not have caught up with a run written straight into the facts.
    const files = await this.facts.readRunFiles(runId).catch(() => null);
    if (files?.run) return files.run;
    throw new UnknownRunError(runId);
  }

  async #update(
    runId: string,
    kind: RunEventKind,
    change: (run: RunRecord) => RunRecord,
  ): Promise<RunRecord> {
    await this.#run(runId);
    let updated: RunRecord;
    try {
      updated = await this.facts.updateRun(runId, change);
    } catch (error) {
      throw asWriteError(error, runId);
    }
    await this.#indexed(runId, kind, updated.experiment);
    return updated;
  }

  async #indexed(runId: string, kind: RunEventKind, experiment: string): Promise<void> {
    await this.index.refreshRun(runId);
    this.#publish(kind, runId, experiment, null);
  }

  #publish(kind: RunEventKind, runId: string, experiment: string, count: number | null): void {
    this.events.publish('runEvents', {
      kind,
      runId,
      experiment,
      at: new Date().toISOString(),
      count,
    });
  }
}
