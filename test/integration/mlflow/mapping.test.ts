// Pure tests of the facts -> MLflow mapping and the per-run send plan (no MLflow server needed).
import { describe, expect, it } from 'vitest';
import type { RunFiles } from '../../../server/src/facts/index.js';
import { RunRecord } from '../../../server/src/facts/index.js';
import { canonicalizeMeta } from '../../../server/src/meta/index.js';
import {
  type MappedRun,
  MirrorInputError,
  mapRun,
  planBatches,
  planRunSync,
} from '../../../server/src/mirror/mlflow/index.js';
import {
  adoptedRunView,
  confirmBatch,
  historyFingerprint,
  newRunView,
} from '../../../server/src/mirror/mlflow/run-plan.js';
import { historyPoints, MIRROR_META, runInput } from '../../helpers/mlflow/runs.js';

function files(overrides: Partial<RunFiles> = {}, run: Record<string, unknown> = {}): RunFiles {
  return {
    runId: 'run-1',
    dir: '/nowhere/runs/run-1',
    run: RunRecord.parse({ ...runInput('run-1', { params: 2, metrics: 2 }), ...run }),
    meta: MIRROR_META,
    override: null,
    metrics: historyPoints(10),
    errors: [],
    mtimeMs: 0,
    ...overrides,
  };
}

describe('mapRun', () => {
  it('maps seed-000 meta to meta.* params, config to dotted params, tags and metrics', () => {
    const mapped = mapRun(
      files(
        {},
        {
          config: {
            lr: 0.001,
            optimizer: { name: 'adam' },
            extra: [{ path: '/a', include: true }],
          },
          params: { seed: '7' },
          tags: { note: 'baseline' },
          metrics: { auc: 0.9, eval: { acc: 0.8 }, loss_0: 0.1 },
        },
      ),
    );
    const meta = canonicalizeMeta(MIRROR_META);
    expect(Object.fromEntries(mapped.params)).toEqual({
      'meta.schema_version': '1',
      'meta.level': 'sim_event',
      'meta.goal': 'classification',
      'meta.model_family': 'transformer',
      'meta.dataset_name': '4topsplitted',
      'meta.process_groups': '[["4t"],["ttH","ttW","ttWW","ttZ"]]',
      'meta.process_groups_key': '4t|ttH+ttW+ttWW+ttZ',
      'meta.class_def_str': '4t | ttH+ttW+ttWW+ttZ',
      'meta.row_key': '4topsplitted::4t|ttH+ttW+ttWW+ttZ',
      'meta.n_classes': '2',
      'meta.datatreatment': JSON.stringify(meta.datatreatment),
      'meta.datatreatment_tokenization': 'direct',
      'meta.meta_hash': meta.meta_hash,
      'meta.meta_confidence': 'high',
      'meta.needs_review': 'false',
      seed: '7',
      lr: '0.001',
      'optimizer.name': 'adam',
      'extra.0.path': '/a',
      'extra.0.include': 'true',
    });
    expect(Object.fromEntries(mapped.tags)).toEqual({
      'runfacts.run_id': 'run-1',
      'runfacts.meta_hash': meta.meta_hash,
      note: 'baseline',
    });
    // loss_0 has a history, so its summary value is not sent as a second series.
    expect(Object.fromEntries(mapped.summary)).toEqual({ auc: 0.9, 'eval.acc': 0.8 });
    expect(mapped.history).toHaveLength(10);
    expect(mapped.history[0]).toEqual({
      key: 'loss_0',
      value: 1,
      step: 0,
      timestamp: Date.parse('2024-05-01T12:00:00Z'),
    });
    expect(mapped).toMatchObject({
      runName: 'run-1',
      experiment: 'mirror-test',
      status: 'FINISHED',
      endTime: Date.parse('2024-05-01T13:00:00Z'),
      summaryTimestamp: Date.parse('2024-05-01T13:00:00Z'),
    });
  });

  it('leaves out unknown (null) meta fields and applies the override', () => {
    const { process_groups: _, ...noGroups } = MIRROR_META;
    const mapped = mapRun(files({ meta: noGroups }));
    expect(mapped.params.has('meta.process_groups_key')).toBe(false);
    expect(mapped.params.get('meta.needs_review')).toBe('true');
    const fixed = mapRun(
      files({ meta: noGroups, override: { process_groups: [['4t'], ['ttZ']] } }),
    );
    expect(fixed.params.get('meta.process_groups_key')).toBe('4t|ttZ');
    expect(fixed.params.get('meta.needs_review')).toBe('false');
  });

  it('lets meta win over logged params, and those over config, with a warning', () => {
    const mapped = mapRun(files({}, { params: { 'meta.goal': 'x', lr: '1' }, config: { lr: 2 } }));
    expect(mapped.params.get('meta.goal')).toBe('classification');
    expect(mapped.params.get('lr')).toBe('1');
    expect(mapped.warnings).toHaveLength(2);
  });

  it('puts runs of the empty experiment in Default, and refuses unusable facts clearly', () => {
    expect(mapRun(files({}, { experiment: '' })).experiment).toBe('Default');
    expect(() => mapRun(files({ meta: { schema_version: 1, goal: 'guess' } }))).toThrow(
      MirrorInputError,
    );
    expect(() =>
      mapRun(
        files({
          run: null,
          errors: [{ path: '/x/run.json', kind: 'malformed_json', message: 'run.json: bad JSON' }],
        }),
      ),
    ).toThrow(/run.json: bad JSON/);
  });
});

function mapped(run: Record<string, unknown> = {}, more: Partial<RunFiles> = {}): MappedRun {
  return mapRun(files(more, run));
}

function sendAll(m: MappedRun, view: ReturnType<typeof newRunView>) {
  const plan = planRunSync(m, view);
  let next = { ...view, history: { ...view.history, sent: plan.historyFrom } };
  for (const batch of planBatches(plan)) next = confirmBatch(next, plan, batch);
  // As the sync records it: the fingerprint of the points MLflow confirmed.
  const history = {
    ...next.history,
    fingerprint: historyFingerprint(m.history, next.history.sent),
  };
  return { plan, view: { ...next, history, status: m.status, end_time: m.endTime } };
}

describe('planRunSync', () => {
  const created = (m: MappedRun) =>
    newRunView('mlflow-1', '7', m.experiment, [
      { key: 'runfacts.run_id', value: m.runId },
      { key: 'runfacts.meta_hash', value: m.metaHash },
    ]);

  it('sends everything to a new run, then nothing once confirmed', () => {
    const m = mapped();
    const { plan, view } = sendAll(m, created(m));
    expect(plan.params).toHaveLength(m.params.size);
    expect(plan.tags.map((t) => t.key)).toEqual(['owner']);
    expect(plan.metrics).toHaveLength(2 + 10);
    expect(plan.update).toEqual({ status: 'FINISHED', endTime: m.endTime });
    const again = planRunSync(m, view);
    expect(again).toMatchObject({
      params: [],
      tags: [],
      deleteTags: [],
      metrics: [],
      update: null,
    });
  });

  it('sends only new history points, and all of them when the file was rewritten', () => {
    const m = mapped();
    const { view } = sendAll(m, created(m));
    const longer = mapped({}, { metrics: historyPoints(14) });
    const plan = planRunSync(longer, view);
    expect(plan.historyFrom).toBe(10);
    expect(plan.metrics).toEqual(longer.history.slice(10));
    const rewritten = mapped({}, { metrics: historyPoints(14).reverse() });
    expect(planRunSync(rewritten, view).historyFrom).toBe(0);
  });

  it('turns a changed param into a runfacts.param_changed tag, and removes it when reverted', () => {
    const m = mapped();
    const { view } = sendAll(m, created(m));
    const changed = mapped({ config: { p0: 'new', p1: 0.5 } });
    const plan = planRunSync(changed, view);
    expect(plan.params).toEqual([]);
    expect(plan.changedParams).toEqual(['p0']);
    expect(plan.tags).toEqual([{ key: 'runfacts.param_changed.p0', value: 'new' }]);
    const after = sendAll(changed, view).view;
    const reverted = planRunSync(m, after);
    expect(reverted.deleteTags).toEqual(['runfacts.param_changed.p0']);
    expect(reverted.tags).toEqual([]);
  });

  it('logs a changed summary value one step later, so it becomes the latest', () => {
    const m = mapped();
    const { view } = sendAll(m, created(m));
    const plan = planRunSync(mapped({ metrics: { summary_0: 42, summary_1: 1.05 } }), view);
    expect(plan.metrics).toEqual([
      { key: 'summary_0', value: 42, step: 1, timestamp: m.summaryTimestamp },
    ]);
  });

  it('reads an adopted run: same params are not resent, foreign tags are left alone', () => {
    const m = mapped();
    const run = {
      info: { run_id: 'found', experiment_id: '3', status: 'FINISHED', end_time: m.endTime ?? 0 },
      data: {
        params: [...m.params].map(([key, value]) => ({ key, value })),
        tags: [
          { key: 'runfacts.run_id', value: 'run-1' },
          { key: 'mlflow.user', value: 'someone' },
          { key: 'runfacts.param_changed.p9', value: 'stale' },
        ],
        metrics: [{ key: 'summary_0', value: 0.05, step: 0, timestamp: 1 }],
      },
    };
    const plan = planRunSync(m, adoptedRunView(m, run, m.experiment));
    expect(plan.params).toEqual([]);
    expect(plan.deleteTags).toEqual(['runfacts.param_changed.p9']);
    expect(plan.tags.map((t) => t.key).sort()).toEqual(['owner', 'runfacts.meta_hash']);
    expect(plan.metrics.filter((p) => p.key.startsWith('summary'))).toEqual([
      { key: 'summary_1', value: 1.05, step: 0, timestamp: m.summaryTimestamp },
    ]);
    expect(plan.historyFrom).toBe(0);
    expect(plan.update).toBeNull();
  });
});
