import type { MetricSummary } from '../../facts/index.js';
import { isRecord } from './lookup.js';

/**
 * Params as MLflow keeps them: one string per leaf under a dotted key, arrays by index
 * (`extra_feature_files.0.path`); strings as they are, other leaves as JSON.
 */
export function flattenParams(value: unknown, prefix = '', out: Record<string, string> = {}) {
  const children = Array.isArray(value)
    ? value.map((v, i) => [String(i), v] as const)
    : isRecord(value)
      ? Object.entries(value)
      : null;
  if (children === null || children.length === 0) {
    if (prefix !== '')
      out[prefix] = typeof value === 'string' ? value : JSON.stringify(value ?? null);
    return out;
  }
  for (const [key, child] of children) flattenParams(child, prefix ? `${prefix}.${key}` : key, out);
  return out;
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
