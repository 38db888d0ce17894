import { z } from 'zod';
import { batchProblem } from './batch-plan.js';
import { MlflowApiError, MlflowProtocolError } from './errors.js';
import { type HttpMethod, MlflowTransport, type TransportOptions } from './transport.js';
import {
  type LogBatch,
  MlflowExperiment,
  MlflowMetric,
  MlflowModelVersion,
  MlflowRegisteredModel,
  MlflowRun,
  type MlflowRunStatus,
} from './types.js';

export type MlflowClientOptions = TransportOptions;

export interface CreateRunInput {
  experimentId: string;
  runName: string;
  startTime: number;
  tags: Array<{ key: string; value: string }>;
}

export interface SearchRunsInput {
  experimentIds: string[];
  filter?: string;
  maxResults?: number;
  pageToken?: string;
  orderBy?: string[];
  /** Default ACTIVE_ONLY, as MLflow's. */
  runViewType?: 'ACTIVE_ONLY' | 'DELETED_ONLY' | 'ALL';
}

export interface CreateModelVersionInput {
  name: string;
  source: string;
  runId?: string;
  description?: string;
  tags?: Array<{ key: string; value: string }>;
}

const NextPage = z.string().optional();
const RunsPage = z.looseObject({ runs: z.array(MlflowRun).default([]), next_page_token: NextPage });
const MetricsPage = z.looseObject({
  metrics: z.array(MlflowMetric).default([]),
  next_page_token: NextPage,
});
const ExperimentsPage = z.looseObject({
  experiments: z.array(MlflowExperiment).default([]),
  next_page_token: NextPage,
});
const ModelsPage = z.looseObject({
  registered_models: z.array(MlflowRegisteredModel).default([]),
  next_page_token: NextPage,
});
const VersionsPage = z.looseObject({
  model_versions: z.array(MlflowModelVersion).default([]),
  next_page_token: NextPage,
});

/**
 * A typed client of MLflow's REST API 2.0. Errors are MlflowApiError (MLflow's error_code and
 * HTTP status), MlflowNetworkError or MlflowProtocolError; lookups of what may be missing return
 * null instead. Create calls are never resent after an unknown outcome, since each would make
 * another run or version: the caller looks for it first.
 */
export class MlflowClient {
  readonly transport: MlflowTransport;

  constructor(options: MlflowClientOptions) {
    this.transport = new MlflowTransport(options);
  }

  get trackingUri(): string {
    return this.transport.options.trackingUri;
  }

  /** HTTP requests sent so far, retries included. */
  get requestCount(): number {
    return this.transport.requestCount;
  }

  close(): Promise<void> {
    return this.transport.close();
  }

  async getExperimentByName(name: string): Promise<MlflowExperiment | null> {
    const answer = await this.orNull(() =>
      this.read('GET', 'experiments/get-by-name', { query: { experiment_name: name } }),
    );
    if (answer === null) return null;
    return parse('experiments/get-by-name', z.object({ experiment: MlflowExperiment }), answer)
      .experiment;
  }

  /** The new experiment's id; throws MlflowApiError alreadyExists when the name is taken. */
  /** Every active experiment, page after page. */
  async searchExperiments(): Promise<MlflowExperiment[]> {
    const out: MlflowExperiment[] = [];
    let pageToken: string | undefined;
    do {
      const answer = await this.read('POST', 'experiments/search', {
        body: { max_results: 1000, page_token: pageToken, view_type: 'ACTIVE_ONLY' },
      });
      const page = parse('experiments/search', ExperimentsPage, answer);
      out.push(...page.experiments);
      pageToken = page.next_page_token || undefined;
    } while (pageToken !== undefined);
    return out;
  }

  async createExperiment(name: string): Promise<string> {
    // Idempotent in effect: a resend after an unknown outcome answers RESOURCE_ALREADY_EXISTS.
    const answer = await this.read('POST', 'experiments/create', { body: { name } });
    return parse('experiments/create', z.object({ experiment_id: z.string() }), answer)
      .experiment_id;
  }

  async createRun(input: CreateRunInput): Promise<MlflowRun> {
    const answer = await this.transport.call('POST', 'runs/create', {
      idempotent: false,
      body: {
        experiment_id: input.experimentId,
        run_name: input.runName,
        start_time: input.startTime,
        tags: input.tags,
      },
    });
    return parse('runs/create', z.object({ run: MlflowRun }), answer).run;
  }

  async updateRun(runId: string, status: MlflowRunStatus, endTime: number | null): Promise<void> {
    const body: Record<string, unknown> = { run_id: runId, status };
    if (endTime !== null) body.end_time = endTime;
    await this.read('POST', 'runs/update', { body });
  }

  /** One runs/log-batch; throws RangeError before sending when the batch breaks a limit. */
  async logBatch(runId: string, batch: LogBatch): Promise<void> {
    const problem = batchProblem(batch);
    if (problem !== null) throw new RangeError(`log-batch for run ${runId} has ${problem}`);
    // Resending is harmless: MLflow drops metric points equal in key, value, step and time,
    // accepts a param logged again with the same value, and tags are upserts.
    await this.read('POST', 'runs/log-batch', { body: { run_id: runId, ...batch } });
  }

  async setTag(runId: string, key: string, value: string): Promise<void> {
    await this.read('POST', 'runs/set-tag', { body: { run_id: runId, key, value } });
  }

  async deleteTag(runId: string, key: string): Promise<void> {
    await this.read('POST', 'runs/delete-tag', { body: { run_id: runId, key } });
  }

  /** Marks a run deleted (MLflow keeps it until garbage collection). */
  async deleteRun(runId: string): Promise<void> {
    await this.read('POST', 'runs/delete', { body: { run_id: runId } });
  }

  async getRun(runId: string): Promise<MlflowRun | null> {
    const answer = await this.orNull(() =>
      this.read('GET', 'runs/get', { query: { run_id: runId } }),
    );
    return answer === null ? null : parse('runs/get', z.object({ run: MlflowRun }), answer).run;
  }

  async searchRuns(input: SearchRunsInput): Promise<{ runs: MlflowRun[]; nextPageToken?: string }> {
    const answer = await this.read('POST', 'runs/search', {
      body: {
        experiment_ids: input.experimentIds,
        filter: input.filter ?? '',
        max_results: input.maxResults ?? 1000,
        page_token: input.pageToken,
        order_by: input.orderBy,
        run_view_type: input.runViewType ?? 'ACTIVE_ONLY',
      },
    });
    const page = parse('runs/search', RunsPage, answer);
    return { runs: page.runs, nextPageToken: page.next_page_token || undefined };
  }

  /** Every run matching, page after page. */
  async searchAllRuns(input: Omit<SearchRunsInput, 'pageToken'>): Promise<MlflowRun[]> {
    const runs: MlflowRun[] = [];
    let pageToken: string | undefined;
    do {
      const page = await this.searchRuns({ ...input, pageToken });
      runs.push(...page.runs);
      pageToken = page.nextPageToken;
    } while (pageToken !== undefined);
    return runs;
  }

  /** Every point of one metric (metrics/get-history, all pages). */
  async getMetricHistory(runId: string, metricKey: string): Promise<MlflowMetric[]> {
    const points: MlflowMetric[] = [];
    let pageToken: string | undefined;
    do {
      const answer = await this.read('GET', 'metrics/get-history', {
        query: { run_id: runId, metric_key: metricKey, max_results: 25_000, page_token: pageToken },
      });
      const page = parse('metrics/get-history', MetricsPage, answer);
      points.push(...page.metrics);
      pageToken = page.next_page_token || undefined;
    } while (pageToken !== undefined);
    return points;
  }

  async createRegisteredModel(
    name: string,
    options: { description?: string; tags?: Array<{ key: string; value: string }> } = {},
  ): Promise<MlflowRegisteredModel> {
    const answer = await this.read('POST', 'registered-models/create', {
      body: { name, description: options.description, tags: options.tags },
    });
    return parse(
      'registered-models/create',
      z.object({ registered_model: MlflowRegisteredModel }),
      answer,
    ).registered_model;
  }

  async getRegisteredModel(name: string): Promise<MlflowRegisteredModel | null> {
    const answer = await this.orNull(() =>
      this.read('GET', 'registered-models/get', { query: { name } }),
    );
    if (answer === null) return null;
    return parse(
      'registered-models/get',
      z.object({ registered_model: MlflowRegisteredModel }),
      answer,
    ).registered_model;
  }

  /** Every registered model's name, page after page (get each for its aliases). */
  async searchRegisteredModels(): Promise<MlflowRegisteredModel[]> {
    const out: MlflowRegisteredModel[] = [];
    let pageToken: string | undefined;
    do {
      const answer = await this.read('GET', 'registered-models/search', {
        query: { max_results: 1000, page_token: pageToken },
      });
      const page = parse('registered-models/search', ModelsPage, answer);
      out.push(...page.registered_models);
      pageToken = page.next_page_token || undefined;
    } while (pageToken !== undefined);
    return out;
  }

  async updateRegisteredModelDescription(name: string, description: string): Promise<void> {
    await this.read('PATCH', 'registered-models/update', { body: { name, description } });
  }

  async setRegisteredModelTag(name: string, key: string, value: string): Promise<void> {
    await this.read('POST', 'registered-models/set-tag', { body: { name, key, value } });
  }

  async createModelVersion(input: CreateModelVersionInput): Promise<MlflowModelVersion> {
    const answer = await this.transport.call('POST', 'model-versions/create', {
      idempotent: false,
      body: {
        name: input.name,
        source: input.source,
        run_id: input.runId,
        description: input.description,
        tags: input.tags,
      },
    });
    return parse('model-versions/create', z.object({ model_version: MlflowModelVersion }), answer)
      .model_version;
  }

  /** Every version matching an MLflow filter such as `name='m'`. */
  async searchModelVersions(filter: string): Promise<MlflowModelVersion[]> {
    const versions: MlflowModelVersion[] = [];
    let pageToken: string | undefined;
    do {
      const answer = await this.read('GET', 'model-versions/search', {
        query: { filter, max_results: 10_000, page_token: pageToken },
      });
      const page = parse('model-versions/search', VersionsPage, answer);
      versions.push(...page.model_versions);
      pageToken = page.next_page_token || undefined;
    } while (pageToken !== undefined);
    return versions;
  }

  async setAlias(name: string, alias: string, version: string): Promise<void> {
    await this.read('POST', 'registered-models/alias', { body: { name, alias, version } });
  }

  async deleteAlias(name: string, alias: string): Promise<void> {
    await this.read('DELETE', 'registered-models/alias', { body: { name, alias } });
  }

  /**
   * The version an alias points at, or null when the alias is not set. MLflow answers a missing
   * alias with 400 INVALID_PARAMETER_VALUE (not 404), and a missing model with 404.
   */
  async getModelVersionByAlias(name: string, alias: string): Promise<MlflowModelVersion | null> {
    let answer: unknown;
    try {
      answer = await this.read('GET', 'registered-models/alias', { query: { name, alias } });
    } catch (error) {
      if (error instanceof MlflowApiError && (error.notFound || isMissingAlias(error))) return null;
      throw error;
    }
    return parse('registered-models/alias', z.object({ model_version: MlflowModelVersion }), answer)
      .model_version;
  }

  private read(
    method: HttpMethod,
    endpoint: string,
    options: { query?: Record<string, string | number | undefined>; body?: unknown },
  ): Promise<unknown> {
    return this.transport.call(method, endpoint, { ...options, idempotent: true });
  }

  private async orNull(call: () => Promise<unknown>): Promise<unknown | null> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof MlflowApiError && error.notFound) return null;
      throw error;
    }
  }
}

function isMissingAlias(error: MlflowApiError): boolean {
  return (
    error.code === 'INVALID_PARAMETER_VALUE' && /alias .* not found/i.test(error.serverMessage)
  );
}

function parse<T extends z.ZodType>(endpoint: string, schema: T, answer: unknown): z.output<T> {
  const result = schema.safeParse(answer);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new MlflowProtocolError(
    endpoint,
    `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'unexpected shape'}`,
  );
}
