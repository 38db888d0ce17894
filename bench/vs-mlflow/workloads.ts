import { canonicalizeMeta } from '../../server/src/meta/canonicalize.js';
import { flattenConfig } from '../../server/src/meta/flatten.js';
import { metaParams } from '../../server/src/mirror/mlflow/mapping.js';
import type { GraphqlClient } from '../lib/graphql-client.js';
import {
  FILTERED_RUNS,
  type FilteredAnswer,
  RUN_BY_ID,
  type RunAnswer,
} from '../lib/read-api-cases.js';
import { metricBatch, registration } from '../write/fixtures.js';
import type { MlflowHttp } from './mlflow-http.js';
import { mlflowRunUuid } from './mlflow-load.js';

/** One workload done both ways; timed interleaved, one call at a time. */
export interface Workload {
  name: 'search' | 'get' | 'write';
  description: string;
  /** How many times faster than MLflow runfacts must be at p50. */
  targetRatio: number;
  runfacts(i: number): Promise<void>;
  mlflow(i: number): Promise<void>;
  /** Throws unless both answer the same; returns what was compared, for the log. */
  check(): Promise<string>;
}

/** The same filter as runfacts' FILTER, in MLflow's search syntax on the mirror's params. */
const MLFLOW_FILTER =
  "params.`meta.model_family` = 'transformer' and params.`meta.datatreatment_tokenization` = 'binned' and metrics.auroc > 0.8";
const PAGE = 50;
const BENCH_EXPERIMENT = 'bench-vs-mlflow';
/** metricBatch(0, 100) logs ten keys at ten steps: ten points of `loss`. */
const LOSS_POINTS = 10;

interface MlflowRun {
  info: { run_id: string; run_name?: string };
  data: {
    metrics?: Array<{ key: string; value: number }>;
    params?: Array<{ key: string; value: string }>;
  };
}

type Written = { __typename: string; runId?: string; message?: string };
const REGISTER = `mutation ($input: RegisterRunInput!) { registerRun(input: $input) {
  __typename ... on RegisterRunPayload { runId } ... on Error { message } } }`;
const LOG = `mutation ($runId: ID!, $metrics: [MetricPointInput!]!) {
  logMetrics(runId: $runId, metrics: $metrics) {
  __typename ... on LogMetricsPayload { runId } ... on Error { message } } }`;
const FINISH = `mutation ($runId: ID!) { finishRun(runId: $runId, input: { status: FINISHED }) {
  __typename ... on RunPayload { runId } ... on Error { message } } }`;

function written(what: string, result: Written | undefined): string {
  if (result?.runId === undefined) {
    throw new Error(`${what} failed: ${result?.__typename}: ${result?.message ?? 'no answer'}`);
  }
  return result.runId;
}

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * The params MLflow gets for a registration, as the mirror sends them: `meta.*` from the
 * canonical meta, then the flattened config (runfacts stores both from one registerRun).
 */
function mlflowParams(
  input: ReturnType<typeof registration>,
): Array<{ key: string; value: string }> {
  const metaFile = Object.fromEntries(
    Object.entries({ schemaVersion: 1, ...input.meta }).map(([k, v]) => [snake(k), v]),
  );
  const config = (input.config ?? {}) as Record<string, unknown>;
  return [...metaParams(canonicalizeMeta(metaFile)), ...flattenConfig(config)].map(
    ([key, value]) => ({ key, value }),
  );
}

export async function workloads(
  runfacts: GraphqlClient,
  mlflow: MlflowHttp,
  experimentIds: readonly number[],
  runIds: readonly string[],
): Promise<Workload[]> {
  const idAt = (i: number) => runIds[i % runIds.length] as string;
  const search = () =>
    mlflow.post<{ runs?: MlflowRun[] }>('runs/search', {
      experiment_ids: experimentIds.map(String),
      filter: MLFLOW_FILTER,
      order_by: ['metrics.auroc DESC'],
      max_results: PAGE,
    });
  const getRun = (i: number) =>
    mlflow.get<{ run: MlflowRun }>('runs/get', { run_id: mlflowRunUuid(idAt(i)) });
  const created = await mlflow.post<{ experiment_id: string }>('experiments/create', {
    name: BENCH_EXPERIMENT,
  });
  const params = mlflowParams(registration(BENCH_EXPERIMENT, 'x'));
  const runfactsWrite = async (name: string) => {
    const input = registration(BENCH_EXPERIMENT, name);
    const reg = await runfacts.query<{ registerRun: Written }>(REGISTER, { input });
    const runId = written('registerRun', reg.registerRun);
    const log = await runfacts.query<{ logMetrics: Written }>(LOG, {
      runId,
      metrics: metricBatch(0, 100),
    });
    written('logMetrics', log.logMetrics);
    const finish = await runfacts.query<{ finishRun: Written }>(FINISH, { runId });
    return written('finishRun', finish.finishRun);
  };
  const mlflowWrite = async (name: string) => {
    const start = Date.now();
    const { run } = await mlflow.post<{ run: { info: { run_id: string } } }>('runs/create', {
      experiment_id: created.experiment_id,
      run_name: name,
      start_time: start,
      tags: [{ key: 'bench', value: 'write-api' }],
    });
    const metrics = metricBatch(0, 100).map((p) => ({
      key: p.key,
      value: p.value,
      step: p.step ?? 0,
      timestamp: start,
    }));
    await mlflow.post('runs/log-batch', { run_id: run.info.run_id, metrics, params });
    await mlflow.post('runs/update', {
      run_id: run.info.run_id,
      status: 'FINISHED',
      end_time: Date.now(),
    });
    return run.info.run_id;
  };
  return [
    {
      name: 'search',
      description: `filtered search: ${PAGE} runs with two meta fields and auroc > 0.8, by auroc`,
      targetRatio: 100,
      runfacts: async () => {
        await runfacts.query(FILTERED_RUNS);
      },
      mlflow: async () => {
        await search();
      },
      check: async () => {
        const ours = await runfacts.query<FilteredAnswer>(FILTERED_RUNS);
        const theirs = (await search()).runs ?? [];
        const auroc = (r: MlflowRun) => r.data.metrics?.find((m) => m.key === 'auroc')?.value;
        const a = ours.runs.edges.map((e) => e.node.metric);
        const b = theirs.map(auroc);
        if (JSON.stringify(a) !== JSON.stringify(b)) {
          throw new Error(`search: runfacts found auroc ${a.join(',')}, MLflow ${b.join(',')}`);
        }
        const same = ours.runs.edges.filter((e, i) => theirs[i]?.info.run_name === e.node.id);
        return `${a.length} runs, same auroc order (${same.length} same ids in the same place; ties may swap), ${ours.runs.totalCount} match in all`;
      },
    },
    {
      name: 'get',
      description: 'get one run by id with its params and metrics',
      targetRatio: 5,
      runfacts: async (i) => {
        await runfacts.query(RUN_BY_ID, { id: idAt(i) });
      },
      mlflow: async (i) => {
        await getRun(i);
      },
      check: async () => {
        const ours = await runfacts.query<RunAnswer>(RUN_BY_ID, { id: idAt(0) });
        const { run } = await getRun(0);
        if (run.info.run_name !== ours.run.id) {
          throw new Error(`get: MLflow answered run ${run.info.run_name}, expected ${ours.run.id}`);
        }
        return `run ${ours.run.id}: runfacts ${ours.run.params.length} params / ${ours.run.metrics.length} metrics, MLflow ${run.data.params?.length ?? 0} params (meta.* included) / ${run.data.metrics?.length ?? 0} metrics`;
      },
    },
    {
      name: 'write',
      description:
        'create a run, log 100 points, finish it (MLflow: runs/create, log-batch with the same params, runs/update)',
      targetRatio: 3,
      runfacts: async (i) => {
        await runfactsWrite(`bench${i}`);
      },
      mlflow: async (i) => {
        await mlflowWrite(`bench${i}`);
      },
      check: async () => {
        const ours = await runfactsWrite('check');
        const theirs = await mlflowWrite('check');
        const read = await runfacts.query<{ run: { status: string; history: unknown[] } }>(
          'query ($id: ID!) { run(id: $id) { status history(key: "loss") { step } } }',
          { id: ours },
        );
        const { run } = await mlflow.get<{ run: MlflowRun & { info: { status: string } } }>(
          'runs/get',
          { run_id: theirs },
        );
        const history = await mlflow.get<{ metrics?: unknown[] }>('metrics/get-history', {
          run_id: theirs,
          metric_key: 'loss',
        });
        const counts = [read.run.history.length, history.metrics?.length ?? 0];
        if (read.run.status !== 'FINISHED' || run.info.status !== 'FINISHED') {
          throw new Error(
            `write: runs ended ${read.run.status} (runfacts), ${run.info.status} (MLflow)`,
          );
        }
        if (counts.some((n) => n !== LOSS_POINTS)) {
          throw new Error(`write: ${counts.join(' and ')} loss points, expected ${LOSS_POINTS}`);
        }
        return `both runs FINISHED with ${LOSS_POINTS} loss points; MLflow has ${run.data.params?.length ?? 0} params (the meta and config runfacts stores from registerRun)`;
      },
    },
  ];
}
