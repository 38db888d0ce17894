// ~200 deterministic runs with params/metrics/tags, and the same data as plain JS objects so
// tests can compute the expected answer of a filter without SQL.

export interface GeneratedRun {
  run_id: string;
  experiment: string;
  name: string;
  architecture_code: string | null;
  timestamp: string;
  status: string;
  started_at: Date;
  ended_at: Date | null;
  duration_seconds: number | null;
  schema_version: number;
  level: string | null;
  goal: string | null;
  dataset_name: string | null;
  model_family: string | null;
  tokenization: string;
  pid_encoding: string;
  meta_hash: string;
  meta_source: string;
  meta_confidence: string;
  needs_review: boolean;
  n_classes: number | null;
  class_def_str: string | null;
  process_groups_key: string | null;
  row_key: string | null;
  params: Record<string, string>;
  metrics: Record<string, number>;
  tags: Record<string, string>;
}

/** Small seeded PRNG (mulberry32) so every test run sees the same data. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const INJECTION_VALUE = "'; drop table runs; --";
const START_MS = Date.UTC(2024, 0, 1);
const SPAN_MS = Date.UTC(2024, 6, 1) - START_MS;

export function generateRuns(count = 200, seed = 42): GeneratedRun[] {
  const rand = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
  const maybe = <T>(p: number, value: T): T | undefined => (rand() < p ? value : undefined);
  const runs: GeneratedRun[] = [];
  for (let i = 0; i < count; i++) {
    // Every 10th run matches the MLflow-style example filter, so that filter is not empty.
    const showcase = i % 10 === 0;
    const startedMs = START_MS + Math.floor((rand() * SPAN_MS) / 1000) * 1000;
    const status = showcase
      ? 'FINISHED'
      : pick(['FINISHED', 'FINISHED', 'FAILED', 'RUNNING', 'KILLED']);
    const duration = status === 'RUNNING' ? null : 60 + Math.floor(rand() * 20_000);
    const started = new Date(startedMs);
    const params: Record<string, string> = {
      lr: showcase ? '0.001' : pick(['0.001', '0.01', '0.0001']),
      'model.layers': pick(['2', '4', '8']),
    };
    const optimizer = maybe(0.8, pick(['adam', 'sgd', 'adamw']));
    if (optimizer !== undefined) params.optimizer = optimizer;
    if (i === 7) params.x = INJECTION_VALUE;
    const metrics: Record<string, number> = { epochs: Math.floor(rand() * 30) };
    const auroc = showcase ? 0.95 : maybe(0.85, Math.round((0.5 + rand() * 0.5) * 1000) / 1000);
    if (auroc !== undefined) metrics.auroc = auroc;
    const loss = maybe(0.7, Math.round(rand() * 3000) / 1000);
    if (loss !== undefined) metrics['val/loss'] = loss;
    const tags: Record<string, string> = {};
    const note = showcase
      ? 'seed 3'
      : maybe(0.6, pick(['Seed 1', 'seed 2', 'seed_x', '100% seed', 'baseline', 'ablation']));
    if (note !== undefined) tags.note = note;
    const owner = maybe(0.5, pick(['ana', 'bo']));
    if (owner !== undefined) tags.owner = owner;
    runs.push({
      run_id: `run-${String(i).padStart(3, '0')}`,
      experiment: pick(['exp-a', 'exp-b', 'exp-c']),
      name: `run-${i}`,
      architecture_code: maybe(0.7, pick(['T1', 'G2'])) ?? null,
      timestamp: started.toISOString().replace(/-|:/g, '').replace('T', '_').slice(0, 15),
      status,
      started_at: started,
      ended_at: duration === null ? null : new Date(startedMs + duration * 1000),
      duration_seconds: duration,
      schema_version: pick([1, 2]),
      level: maybe(0.8, pick(['jet', 'event'])) ?? null,
      goal: maybe(0.8, pick(['classification', 'regression'])) ?? null,
      dataset_name: maybe(0.9, pick(['jetclass', 'toptag'])) ?? null,
      model_family: showcase
        ? 'transformer'
        : (maybe(0.8, pick(['transformer', 'gnn', 'mlp'])) ?? null),
      tokenization: pick(['bpe', 'unknown', 'binned']),
      pid_encoding: pick(['one_hot', 'embedding', 'one_hot_plus']),
      meta_hash: `h${i % 7}`,
      meta_source: pick(['wandb', 'config']),
      meta_confidence: pick(['high', 'low']),
      needs_review: rand() < 0.3,
      n_classes: maybe(0.9, pick([2, 3, 10])) ?? null,
      class_def_str: maybe(0.5, 'sig|bkg') ?? null,
      process_groups_key: maybe(0.5, pick(['ttbar+qcd', 'hbb+qcd'])) ?? null,
      row_key: maybe(0.5, pick(['r1', 'r2'])) ?? null,
      params,
      metrics,
      tags,
    });
  }
  return runs;
}
