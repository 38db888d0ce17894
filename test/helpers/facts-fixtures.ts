import type { RunRecordInput } from '../../server/src/facts/index.js';

/** A valid run record for `runId`; fields can be overridden. */
export function sampleRun(runId: string, overrides: Partial<RunRecordInput> = {}): RunRecordInput {
  return {
    run_id: runId,
    experiment: 'mnist',
    name: 'baseline',
    architecture_code: 'cnn-3',
    timestamp: '20240501_120000',
    status: 'RUNNING',
    started_at: '2024-05-01T12:00:00Z',
    ended_at: null,
    config: { lr: 0.001, optimizer: { name: 'adam', betas: [0.9, 0.999] } },
    params: { lr: '0.001' },
    metrics: { loss: 0.5, eval: { acc: 0.9 } },
    tags: {},
    artifacts: [{ path: 'model.pt', kind: 'checkpoint' }],
    model_parameters: { total: 1000, trainable: 900 },
    duration_seconds: null,
    ...overrides,
  };
}

export const SAMPLE_META = { seed: 0, canonical: { lr: 0.001 }, provenance: { git: 'abc123' } };
