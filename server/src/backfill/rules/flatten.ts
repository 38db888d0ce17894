import type { MetricSummary } from '../../facts/index.js';
import { flattenConfig } from '../../meta/flatten.js';
import { isRecord } from './lookup.js';

/** Params as every part of runfacts flattens them (meta/flatten.ts), as one object. */
export function flattenParams(value: unknown): Record<string, string> {
  return isRecord(value) ? Object.fromEntries(flattenConfig(value)) : {};
}

/**
 * The finite numbers of a summary, nesting kept; everything else (null, strings, lists) is left
 * out because run.json metrics hold numbers only. Null when nothing numeric remains.
 */
export function numericMetrics(value: unknown): Record<string, MetricSummary> | null {
  if (!isRecord(value)) return null;
  const out: Record<string, MetricSummary> = {};
  for (const [key, v] of Object.entries(value)) {
    if (typeof v === 'number' && Number.isFinite(v)) out[key] = v;
    else {
      const nested = numericMetrics(v);
      if (nested !== null) out[key] = nested;
    }
  }
  return Object.keys(out).length > 0 ? out : null;
}
