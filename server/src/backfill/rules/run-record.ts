import type { Artifact, MetricSummary, RunRecordInput, RunStatus } from '../../facts/index.js';
import type { Layout } from '../types.js';
import type { RunIdentity } from './identity.js';
import { isoUtc, type StartTime } from './run-time.js';

export type StatusFrom = 'source' | 'results_present' | 'no_evidence';

export interface RunFacts {
  layout: Layout;
  sourcePath: string;
  identity: RunIdentity;
  start: StartTime;
  experiment: string;
  status?: { value: RunStatus; from: StatusFrom };
  endedAt?: Date | null;
  durationSeconds?: number | null;
  config?: Record<string, unknown>;
  params?: Record<string, string>;
  metrics?: Record<string, MetricSummary> | null;
  tags?: Record<string, string>;
  artifacts?: Artifact[];
  modelParameters?: { total: number; trainable: number } | null;
  notes?: string[];
}

/**
 * run.json for a backfilled run. A status must be given; without one in the source it is
 * FINISHED, and `backfill.status_from` says whether results were present or nothing was known.
 */
export function runRecord(f: RunFacts): RunRecordInput {
  const started = f.start.from === 'source' ? f.start.date : f.identity.date;
  const status = f.status ?? {
    value: 'FINISHED' as const,
    from: f.metrics ? ('results_present' as const) : ('no_evidence' as const),
  };
  return {
    run_id: f.identity.runId,
    experiment: f.experiment,
    name: f.identity.name,
    architecture_code: f.identity.architectureCode,
    timestamp: f.identity.timestamp,
    status: status.value,
    started_at: isoUtc(started),
    ended_at: f.endedAt ? isoUtc(f.endedAt) : null,
    config: f.config ?? {},
    params: f.params ?? {},
    metrics: f.metrics ?? {},
    tags: f.tags ?? {},
    artifacts: f.artifacts ?? [],
    model_parameters: f.modelParameters ?? null,
    duration_seconds: f.durationSeconds ?? null,
    source_path: f.sourcePath,
    backfill: {
      layout: f.layout,
      started_at_from:
        f.start.from === 'source'
          ? 'source'
          : f.identity.keptFolderName
            ? 'folder_name'
            : f.start.from,
      status_from: status.from,
      notes: f.notes ?? [],
    },
  };
}
