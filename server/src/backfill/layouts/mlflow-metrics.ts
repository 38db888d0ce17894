import type { MetricPoint } from '../../facts/index.js';
import { isoUtc } from '../rules/run-time.js';

export interface ParsedMetrics {
  points: MetricPoint[];
  /** Last value per key: highest step, then latest time, as MLflow's "latest metrics". */
  latest: Record<string, number>;
  /** `key line N: why` for every line left out. */
  bad: Array<{ key: string; line: number; why: string }>;
}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/**
 * MLflow file-store metric files: one `timestamp value step` line per point (older stores omit
 * the step, read as 0). NaN and infinities cannot be stored in metrics.jsonl and are left out.
 */
export function parseMlflowMetrics(files: Readonly<Record<string, string>>): ParsedMetrics {
  const points: MetricPoint[] = [];
  const bad: ParsedMetrics['bad'] = [];
  const best = new Map<string, MetricPoint>();
  for (const key of Object.keys(files).sort()) {
    const lines = (files[key] as string).split('\n');
    lines.forEach((raw, i) => {
      const text = raw.trim();
      if (text === '') return;
      const [ts, value, step = '0', ...extra] = text.split(/\s+/);
      const why =
        extra.length > 0 || ts === undefined || value === undefined
          ? 'expected "timestamp value step"'
          : !/^\d+$/.test(ts) || !/^\d+$/.test(step)
            ? 'timestamp and step must be non-negative integers'
            : !NUMBER.test(value)
              ? `value ${value} is not a finite number`
              : null;
      if (why !== null) {
        bad.push({ key, line: i + 1, why });
        return;
      }
      const date = new Date(Number(ts));
      if (Number.isNaN(date.getTime())) {
        bad.push({ key, line: i + 1, why: `timestamp ${ts} is out of range` });
        return;
      }
      const point = { key, value: Number(value), step: Number(step), ts: isoUtc(date) };
      points.push(point);
      const seen = best.get(key);
      if (!seen || point.step > seen.step || (point.step === seen.step && point.ts >= seen.ts)) {
        best.set(key, point);
      }
    });
  }
  const latest = Object.fromEntries([...best].map(([k, p]) => [k, p.value]));
  return { points, latest, bad };
}
