import { digest, mlflowKey, truncateValue } from './keys.js';
import { MLFLOW_LIMITS } from './limits.js';
import { type MappedRun, PARAM_CHANGED_TAG_PREFIX } from './mapping.js';
import type { MlflowRunMirror } from './mirror-state.js';
import type { LogBatch, MlflowKeyValue, MlflowMetric, MlflowRun } from './types.js';

/** What MLflow holds for a run, as far as the mirror knows: the state record minus bookkeeping. */
export type MirrorView = Omit<MlflowRunMirror, 'synced_at'>;

/** Everything one sync must send to bring an MLflow run up to its facts. */
export interface RunSendPlan {
  params: MlflowKeyValue[];
  tags: MlflowKeyValue[];
  /** Tags the mirror set earlier that the facts no longer have. */
  deleteTags: string[];
  /** Summary points first, then history points in file order. */
  metrics: MlflowMetric[];
  /** Which entries of `metrics` are summary points (by identity). */
  summaryPoints: ReadonlySet<MlflowMetric>;
  /** Index in `mapped.history` of the first history point in `metrics`. */
  historyFrom: number;
  update: { status: string; endTime: number | null } | null;
  /** Params whose value changed after MLflow got them; sent as `runfacts.param_changed.*` tags. */
  changedParams: string[];
}

export const EMPTY_HISTORY_FINGERPRINT = digest('');

/** Digest of the first `count` history points, to notice a metrics.jsonl that was rewritten. */
export function historyFingerprint(history: readonly MlflowMetric[], count: number): string {
  if (count === 0) return EMPTY_HISTORY_FINGERPRINT;
  const lines = history
    .slice(0, count)
    .map((p) => `${p.key}\t${p.value}\t${p.step}\t${p.timestamp}`);
  return digest(lines.join('\n'));
}

export function changedParamTag(key: string): string {
  return mlflowKey(`${PARAM_CHANGED_TAG_PREFIX}${key}`);
}

/** The view of a run just created with `tags`: nothing else is in it yet. */
export function newRunView(
  runId: string,
  experimentId: string,
  experiment: string,
  tags: MlflowKeyValue[],
): MirrorView {
  return {
    run_id: runId,
    experiment_id: experimentId,
    experiment,
    params: {},
    artifacts: {},
    tags: Object.fromEntries(tags.map((t) => [t.key, digest(t.value)])),
    summary: {},
    history: { sent: 0, fingerprint: EMPTY_HISTORY_FINGERPRINT },
    status: 'RUNNING',
    end_time: null,
  };
}

/**
 * The view of an MLflow run found by its tag when no state record was usable: params and latest
 * summary values are read from the run; the whole history is resent, since MLflow drops points
 * it already has. Only `runfacts.*` tags and tags the facts have count as the mirror's own.
 */
export function adoptedRunView(mapped: MappedRun, run: MlflowRun, experiment: string): MirrorView {
  const tags: Record<string, string> = {};
  for (const t of run.data.tags) {
    if (mapped.tags.has(t.key) || t.key.startsWith('runfacts.')) tags[t.key] = digest(t.value);
  }
  const summary: MirrorView['summary'] = {};
  for (const m of run.data.metrics) {
    if (mapped.summary.has(m.key)) summary[m.key] = { value: m.value, step: m.step };
  }
  return {
    run_id: run.info.run_id,
    experiment_id: run.info.experiment_id,
    // Not known from the run: sent again (an upload overwrites, so that is harmless).
    artifacts: {},
    experiment,
    params: Object.fromEntries(run.data.params.map((p) => [p.key, digest(p.value)])),
    tags,
    summary,
    history: { sent: 0, fingerprint: EMPTY_HISTORY_FINGERPRINT },
    status: run.info.status ?? 'RUNNING',
    end_time: run.info.end_time ?? null,
  };
}

/**
 * What to send so MLflow matches the facts (pure). MLflow params are immutable, so a param whose
 * value changed keeps its first value and the current one goes to tag
 * `runfacts.param_changed.<key>` (removed again if the value changes back); the meta hash tag
 * always holds the current hash.
 */
export function planRunSync(mapped: MappedRun, view: MirrorView): RunSendPlan {
  const params: MlflowKeyValue[] = [];
  const changedParams: string[] = [];
  const desiredTags = new Map(mapped.tags);
  for (const [key, value] of mapped.params) {
    const held = view.params[key];
    if (held === undefined) params.push({ key, value });
    else if (held !== digest(value)) {
      changedParams.push(key);
      desiredTags.set(changedParamTag(key), truncateValue(value, MLFLOW_LIMITS.tagValueChars));
    }
  }
  const tags: MlflowKeyValue[] = [];
  for (const [key, value] of desiredTags) {
    if (view.tags[key] !== digest(value)) tags.push({ key, value });
  }
  const deleteTags = Object.keys(view.tags).filter((key) => !desiredTags.has(key));

  const summaryPoints = new Set<MlflowMetric>();
  for (const [key, value] of mapped.summary) {
    const held = view.summary[key];
    if (held !== undefined && Object.is(held.value, value)) continue;
    const step = held === undefined ? 0 : held.step + 1;
    summaryPoints.add({ key, value, step, timestamp: mapped.summaryTimestamp });
  }
  const { sent, fingerprint } = view.history;
  const intact =
    sent <= mapped.history.length && historyFingerprint(mapped.history, sent) === fingerprint;
  const historyFrom = intact ? sent : 0;
  const metrics = [...summaryPoints, ...mapped.history.slice(historyFrom)];

  const update =
    view.status !== mapped.status || view.end_time !== mapped.endTime
      ? { status: mapped.status, endTime: mapped.endTime }
      : null;
  return { params, tags, deleteTags, metrics, summaryPoints, historyFrom, update, changedParams };
}

/** The view after `batch` of `plan` was accepted; history `sent` advances by its history points. */
export function confirmBatch(view: MirrorView, plan: RunSendPlan, batch: LogBatch): MirrorView {
  const next: MirrorView = {
    ...view,
    params: { ...view.params },
    tags: { ...view.tags },
    summary: { ...view.summary },
    history: { ...view.history },
  };
  for (const p of batch.params) next.params[p.key] = digest(p.value);
  for (const t of batch.tags) next.tags[t.key] = digest(t.value);
  let historyPoints = 0;
  for (const m of batch.metrics) {
    if (plan.summaryPoints.has(m)) next.summary[m.key] = { value: m.value, step: m.step };
    else historyPoints++;
  }
  next.history.sent += historyPoints;
  return next;
}
