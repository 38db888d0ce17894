import { createHash } from 'node:crypto';
import { formatRunId, formatRunTimestamp } from '../meta/naming.js';
import { pick, seededRandom } from './random.js';

const GROUPS = [
  [['4t'], ['ttH', 'ttW', 'ttWW', 'ttZ']],
  [['4t'], ['ttH'], ['ttW', 'ttWW', 'ttZ']],
  [['4t'], ['ttW', 'ttZ']],
];
const FAMILIES = ['transformer', 'mlp', 'bdt', 'ae'];
const POOLING = ['cls', 'mean', 'max'];
const TOKENIZATION = ['direct', 'binned', 'vq'];
const METRICS = [
  'auroc',
  'accuracy',
  'f1',
  'precision',
  'recall',
  'loss',
  'val_loss',
  'signif',
  'auprc',
  'ece',
];

export interface SyntheticRun {
  runId: string;
  run: Record<string, unknown>;
  meta: Record<string, unknown>;
  history: Array<{ key: string; value: number; step: number; ts: string }>;
  /** Artifact files, by path under `<run>/artifacts/`, as run.json lists them. */
  files: Record<string, string>;
}

export interface SyntheticOptions {
  /** Points per history series (3 series per run). Default 50 split over `loss`, `val_loss`, `auroc`. */
  historyPoints?: number;
  /** Share of runs left with missing meta (needs_review). Default 0.1. */
  reviewShare?: number;
}

/**
 * The i-th run of a seed-like synthetic data set: seed-000 meta, 20 params (seed 002's sweep
 * factors among them), 10 summary metrics and a metric history. Deterministic in `i`.
 */
export function syntheticRun(i: number, options: SyntheticOptions = {}): SyntheticRun {
  const random = seededRandom(i + 1);
  const family = pick(random, FAMILIES);
  const pooling = pick(random, POOLING);
  const tokenization = pick(random, TOKENIZATION);
  const met = random() < 0.5;
  const vect = random() < 0.5 ? '4vect' : '5vect';
  const review = random() < (options.reviewShare ?? 0.1);
  const started = new Date(Date.UTC(2025, 0, 1) + i * 60_000);
  const timestamp = formatRunTimestamp(started);
  const arch = `${family}-${pooling}-${tokenization}`;
  const runId = formatRunId({
    name: `sweep${i % 7}`,
    architectureCode: arch,
    timestamp,
    sequence: 1,
  });
  // A stand-in model file, so demo versions have real bytes to fetch and verify.
  const model = `demo weights of ${runId}\n`;
  const quality = 0.7 + 0.25 * random();
  const metrics: Record<string, number> = {};
  for (const key of METRICS) metrics[key] = Number((quality * (0.8 + 0.2 * random())).toFixed(6));
  const config: Record<string, unknown> = {
    model: { pooling, dim: pick(random, [64, 128, 256]), depth: pick(random, [2, 4, 6]), heads: 4 },
    data: { met, vect, path: '/data/4tops_splitted.h5', cont_features: vect === '5vect' ? 4 : 3 },
    tokenizer: { name: tokenization, bins: 5 },
    optim: { lr: pick(random, [0.001, 0.0003, 0.0001]), weight_decay: 0.01, batch_size: 512 },
    training: { epochs: 50, seed: i % 5, early_stopping: false, warmup: 1000 },
    loop: family,
    normformer: true,
    pe: 'sinusoidal',
  };
  const points = options.historyPoints ?? 50;
  const history = [];
  for (let s = 0; s < points; s++) {
    const key = s % 3 === 0 ? 'loss' : s % 3 === 1 ? 'val_loss' : 'train_auroc';
    const ts = new Date(started.getTime() + s * 1000).toISOString();
    history.push({ key, value: Number((1 / (1 + s) + random() * 0.01).toFixed(6)), step: s, ts });
  }
  return {
    runId,
    run: {
      run_id: runId,
      experiment: `binning-vs-direct-${i % 3}`,
      name: `sweep${i % 7}`,
      architecture_code: arch,
      timestamp,
      status: i % 17 === 0 ? 'FAILED' : 'FINISHED',
      started_at: started.toISOString(),
      ended_at: new Date(started.getTime() + 3_600_000).toISOString(),
      config,
      params: {},
      metrics,
      tags: { note: `seed ${i % 5}`, owner: pick(random, ['ana', 'bo', 'cy']) },
      artifacts: [
        {
          path: 'model.pt',
          kind: 'model',
          size: Buffer.byteLength(model),
          sha256: createHash('sha256').update(model).digest('hex'),
        },
      ],
      model_parameters: { total: 400_000, trainable: 400_000 },
      duration_seconds: 3600,
    },
    meta: {
      schema_version: 1,
      level: 'sim_event',
      goal: 'classification',
      dataset_name: review ? null : '4topsplitted',
      model_family: family,
      process_groups: pick(random, GROUPS),
      datatreatment: {
        token_order: 'input_order',
        tokenization,
        pid_encoding: 'embedded',
        id_embed_dim: 8,
        met_rep: met ? 'met_metphi' : 'none',
        globals_included: met,
        feature_set_version: 'v1',
        normalization: 'zscore',
      },
      meta_source: 'live',
    },
    history,
    files: { 'model.pt': model },
  };
}
