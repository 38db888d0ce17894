import { useQuery } from '../api/use-query';
import { ApiErrorBox } from '../components/api-error';
import { HistoryCharts } from '../components/history-charts';
import { MetaTable } from '../components/meta-table';
import { OverrideForm } from '../components/override-form';
import { RunDetailDocument } from '../generated/graphql';
import { num, when } from '../lib/format';
import type { Route } from '../router';

export function RunPage({ id }: { id: string; route: Route }) {
  const q = useQuery(RunDetailDocument, { id });
  const run = q.data?.run;
  if (q.error) return <ApiErrorBox error={q.error} label="Could not load the run" />;
  if (!q.data) return <p>Loading…</p>;
  if (!run) return <p role="alert">No run has the id {id}.</p>;
  return (
    <section aria-labelledby="run-title">
      <h1 id="run-title">
        {run.name} <span class={`status ${run.status}`}>{run.status}</span>
      </h1>
      <p class="mono muted" data-testid="run-id">
        {run.id}
      </p>
      <dl class="facts">
        <dt>experiment</dt>
        <dd>{run.experiment}</dd>
        <dt>started</dt>
        <dd>{when(run.startedAt)}</dd>
        <dt>ended</dt>
        <dd>{when(run.endedAt)}</dd>
        <dt>duration</dt>
        <dd>{run.durationSeconds == null ? '—' : `${num(run.durationSeconds)} s`}</dd>
        <dt>meta_hash</dt>
        <dd class="mono" data-testid="meta-hash">
          {run.meta.metaHash}
        </dd>
        <dt>confidence</dt>
        <dd>
          <span class={`conf ${run.meta.confidence}`}>{run.meta.confidence}</span>
          {run.meta.needsReview && (
            <span class="badge warn">needs review: {run.meta.needsReviewReasons.join(', ')}</span>
          )}
        </dd>
        <dt>parameters</dt>
        <dd>
          {run.modelParameters
            ? `${num(run.modelParameters.total)} (${num(run.modelParameters.trainable)} trainable)`
            : '—'}
        </dd>
      </dl>
      <div class="grid2">
        <MetaTable meta={run.meta} caption="Canonical meta (seed 000)" />
        <div>
          <KeyValues
            title="Summary metrics"
            items={run.metrics.map((m) => [m.key, num(m.value)])}
          />
          <KeyValues title="Tags" items={run.tags.map((t) => [t.key, t.value])} />
          <KeyValues title="Artifacts" items={run.artifacts.map((a) => [a.kind, a.path])} />
          <KeyValues title="Params" items={run.params.map((p) => [p.key, p.value])} />
        </div>
      </div>
      <h2>Metric history</h2>
      <HistoryCharts runId={run.id} keys={run.historyKeys} />
      <OverrideForm runId={run.id} meta={run.meta} onDone={q.reload} />
    </section>
  );
}

function KeyValues({ title, items }: { title: string; items: [string, string][] }) {
  return (
    <table class="kv">
      <caption>{title}</caption>
      <tbody>
        {items.length === 0 && (
          <tr>
            <td class="muted">none</td>
          </tr>
        )}
        {items.map(([k, v]) => (
          <tr key={k}>
            <th scope="row">{k}</th>
            <td class="mono">{v}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
