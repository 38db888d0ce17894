import type { FactsStore, MetricPoint, RunRecordInput } from '../../../server/src/facts/index.js';

/** Seed-000 meta that canonicalizes cleanly (a 4-tops transformer classifier). */
export const MIRROR_META = {
  schema_version: 1,
  level: 'sim_event',
  goal: 'classification',
  dataset_name: '4topsplitted',
  model_family: 'transformer',
  process_groups: [['4t'], ['ttH', 'ttW', 'ttWW', 'ttZ']],
  datatreatment: {
    token_order: 'input_order',
    tokenization: 'direct',
    pid_encoding: 'embedded',
    id_embed_dim: 8,
    met_rep: 'met_metphi',
    globals_included: true,
    feature_set_version: 'v1',
    normalization: 'zscore',
  },
};

export interface RunShape {
  experiment?: string;
  /** Config entries (each one MLflow param). Default 20. */
  params?: number;
  /** Summary metrics. Default 10. */
  metrics?: number;
  /** History points (over 5 metric keys). Default 50. */
  history?: number;
  status?: RunRecordInput['status'];
  tags?: Record<string, string>;
}

const START = Date.parse('2024-05-01T12:00:00Z');

/** A run with `params` config entries, `metrics` summary metrics and a `history`-point series. */
export function runInput(runId: string, shape: RunShape = {}): RunRecordInput {
  const params = shape.params ?? 20;
  const metrics = shape.metrics ?? 10;
  const status = shape.status ?? 'FINISHED';
  const config: Record<string, unknown> = {};
  for (let i = 0; i < params; i++) config[`p${i}`] = i % 2 === 0 ? `value-${runId}-${i}` : i * 0.5;
  const summary: Record<string, number> = {};
  for (let i = 0; i < metrics; i++) summary[`summary_${i}`] = i + runId.length / 100;
  return {
    run_id: runId,
    experiment: shape.experiment ?? 'mirror-test',
    name: runId,
    architecture_code: null,
    timestamp: '20240501_120000',
    status,
    started_at: new Date(START).toISOString(),
    ended_at: status === 'RUNNING' ? null : new Date(START + 3_600_000).toISOString(),
    config,
    params: {},
    metrics: summary,
    tags: shape.tags ?? { owner: 'alice' },
    artifacts: [],
    model_parameters: null,
    duration_seconds: null,
  };
}

/** `count` points over five keys: loss_0..loss_4, each with steps 0.. in time order. */
export function historyPoints(count: number, from = 0): MetricPoint[] {
  const points: MetricPoint[] = [];
  for (let i = from; i < from + count; i++) {
    points.push({
      key: `loss_${i % 5}`,
      value: 1 / (i + 1),
      step: Math.floor(i / 5),
      ts: new Date(START + i * 1000).toISOString(),
    });
  }
  return points;
}

export async function createMirrorRun(
  store: FactsStore,
  runId: string,
  shape: RunShape = {},
): Promise<void> {
  await store.createRun(runId, { run: runInput(runId, shape), meta: MIRROR_META });
  const history = shape.history ?? 50;
  if (history > 0) await store.appendMetrics(runId, historyPoints(history));
}
