import type { MetricPoint } from '../facts/index.js';
import type { TargetState } from './target.js';

/** The facts files a run should have, as the exact text that would be written. */
export interface DesiredFiles {
  run: string;
  meta: string;
  metrics: string;
  /** The override to copy into the facts folder, or null to leave that file alone. */
  override: string | null;
}

export type WritePlan =
  | { action: 'created' }
  | { action: 'unchanged' }
  | {
      action: 'updated';
      run: boolean;
      meta: boolean;
      /** append: the stored history is a prefix, only the new lines are added. */
      metrics: 'append' | 'rewrite' | null;
      /** Number of points already stored, when appending. */
      storedPoints: number;
      override: boolean;
    };

/** metrics.jsonl text as the store appends it: one JSON object per line. */
export function metricsText(points: readonly MetricPoint[]): string {
  return points.map((p) => `${JSON.stringify(p)}\n`).join('');
}

/** Compares what would be written with what is there; equal files are never rewritten. */
export function planWrite(
  desired: DesiredFiles,
  target: TargetState & { state: 'absent' | 'present' },
): WritePlan {
  if (target.state === 'absent') return { action: 'created' };
  const stored = target.metrics ?? '';
  const metrics: 'append' | 'rewrite' | null =
    stored === desired.metrics
      ? null
      : stored === '' || (stored.endsWith('\n') && desired.metrics.startsWith(stored))
        ? 'append'
        : 'rewrite';
  const plan = {
    action: 'updated' as const,
    run: target.run !== desired.run,
    meta: target.meta !== desired.meta,
    metrics,
    storedPoints: stored === '' ? 0 : stored.split('\n').length - 1,
    override: desired.override !== null && desired.override !== target.override,
  };
  return plan.run || plan.meta || plan.metrics || plan.override ? plan : { action: 'unchanged' };
}
