import { randomUUID } from 'node:crypto';
import type { MetricPointInput, RegisterRunInput } from '../../sdk/src/index.js';

/** Ten keys a training loop typically logs; a 100-point batch is ten steps of all ten. */
const KEYS = [
  'loss',
  'val_loss',
  'auroc',
  'accuracy',
  'lr',
  'grad_norm',
  'epoch_time',
  'precision',
  'recall',
  'f1',
];

/** A registration as training code sends it through `client.startRun` (with a request id). */
export function registration(experiment: string, name: string): RegisterRunInput {
  return {
    experiment,
    name,
    architectureCode: 'tf-cls',
    config: { optim: { lr: 0.001, name: 'adamw' }, batch_size: 256, epochs: 40 },
    meta: {
      goal: 'classification',
      datasetName: '4topsplitted',
      modelFamily: 'transformer',
      processGroups: [['4t'], ['ttH', 'ttW', 'ttWW', 'ttZ']],
      datatreatment: { tokenization: 'binned' },
    },
    tags: [{ key: 'bench', value: 'write-api' }],
    clientRequestId: randomUUID(),
  };
}

/**
 * `count` points starting at `firstStep`: ten keys per step, like one flush of a run handle.
 * `probe`, when given, replaces the last point so a query can tell this batch has landed.
 */
export function metricBatch(
  firstStep: number,
  count: number,
  probe?: { key: string; value: number },
): MetricPointInput[] {
  const timestamp = new Date().toISOString();
  const points: MetricPointInput[] = [];
  for (let i = 0; i < count; i++) {
    const step = firstStep + Math.floor(i / KEYS.length);
    points.push({ key: KEYS[i % KEYS.length] as string, value: Math.random(), step, timestamp });
  }
  if (probe) points[count - 1] = { ...probe, step: firstStep, timestamp };
  return points;
}

export const STEPS_PER_BATCH = (count: number): number => Math.ceil(count / KEYS.length);
