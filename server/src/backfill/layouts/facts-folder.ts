import { MetricPoint, RunRecord } from '../../facts/index.js';
import { describeIssues } from '../../facts/issue-messages.js';
import { parseJson } from '../../facts/read-json.js';
import { formatRunId, isSafeRunId, sanitizeName } from '../../meta/index.js';
import { HISTORY_MAX_BYTES } from '../read-source.js';
import type { Inference } from '../types.js';
import { type LayoutModule, mappingFile, SkipRun } from './layout.js';

/** metrics.jsonl lines that parse as metric points; the others become warnings. */
function storedMetrics(text: string, path: string) {
  const points: MetricPoint[] = [];
  const warnings: Inference['warnings'] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const parsed = parseJson(line);
    const point = parsed.ok ? MetricPoint.safeParse(parsed.value) : null;
    if (point?.success) points.push(point.data);
    else {
      const message = `${path} line ${i + 1} is not a metric point; the line is left out`;
      warnings.push({ kind: 'malformed_metric_line', path, message });
    }
  });
  return { points, warnings };
}

/**
 * Seed 000: a run folder that already has `facts/run.json` and `facts/meta.json` (from runfacts
 * or training code). run.json is kept with the source path added; meta.json is re-derived by
 * the caller like all stored meta.
 */
export const factsFolder: LayoutModule = {
  layout: 'facts',
  spec: {
    files: [
      { key: 'run', path: 'facts/run.json', format: 'json', required: true },
      { key: 'meta', path: 'facts/meta.json', format: 'json', required: true },
      { key: 'metrics', path: 'facts/metrics.jsonl', format: 'text', maxBytes: HISTORY_MAX_BYTES },
    ],
  },
  infer(source): Inference {
    const path = `${source.dir}/facts/run.json`;
    const raw = mappingFile(source, 'run', 'facts/run.json');
    const checked = RunRecord.safeParse(raw);
    if (!checked.success) {
      const problems = describeIssues('run.json', checked.error, raw).join('; ');
      throw new SkipRun('invalid_content', path, `${problems} (in ${path}); fix these fields`);
    }
    const stored = checked.data;
    const runId = isSafeRunId(stored.run_id)
      ? stored.run_id
      : isSafeRunId(source.name)
        ? source.name
        : formatRunId({
            name: sanitizeName(stored.name),
            architectureCode: null,
            timestamp: stored.timestamp,
            sequence: 1,
          });
    const metricsText = source.files.metrics?.value;
    const history =
      typeof metricsText === 'string'
        ? storedMetrics(metricsText, `${source.dir}/facts/metrics.jsonl`)
        : { points: [], warnings: [] };
    const { backfill: _previous, ...kept } = stored as typeof stored & { backfill?: unknown };
    return {
      run: {
        ...kept,
        run_id: runId,
        source_path: source.dir,
        backfill: { layout: 'facts', started_at_from: 'source', status_from: 'source', notes: [] },
      },
      meta: mappingFile(source, 'meta', 'facts/meta.json') ?? {},
      meta_source: 'backfill',
      metrics: history.points,
      warnings: history.warnings,
    };
  },
};
