/**
 * The one rule for turning a nested config into params and a nested summary into metrics, used
 * by the index, the MLflow mirror and backfill alike, so a run's params have the same keys
 * everywhere (docs/facts-layout.md).
 */
type MetricSummary = number | { [key: string]: MetricSummary };

/** A param value as text: strings as they are, everything else as JSON (`true`, `null`, `[]`). */
export function paramText(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? 'null');
}

/**
 * Config as dotted keys, arrays by index (`extra_feature_files.0.path`, as seed 004 lists them);
 * empty objects and arrays stay as one `{}` or `[]` param so they are not lost.
 */
export function flattenConfig(config: Record<string, unknown>): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const walk = (value: unknown, path: string) => {
    const children = Array.isArray(value)
      ? value.map((v, i) => [String(i), v] as const)
      : typeof value === 'object' && value !== null
        ? Object.entries(value)
        : null;
    if (children === null || children.length === 0) {
      out.push([path, paramText(value)]);
      return;
    }
    for (const [key, child] of children) walk(child, path === '' ? key : `${path}.${key}`);
  };
  for (const [key, value] of Object.entries(config)) walk(value, key);
  return out;
}

/** Summary metrics as dotted keys (`eval.acc`). */
export function flattenSummary(metrics: Record<string, MetricSummary>): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  const walk = (value: MetricSummary, path: string) => {
    if (typeof value === 'number') {
      out.push([path, value]);
      return;
    }
    for (const [key, child] of Object.entries(value)) walk(child, `${path}.${key}`);
  };
  for (const [key, value] of Object.entries(metrics)) walk(value, key);
  return out;
}
