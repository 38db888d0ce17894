import { useState } from 'preact/hooks';
import { useQuery } from '../api/use-query';
import { ApiErrorBox } from '../components/api-error';
import { useHistories } from '../components/history-charts';
import { LineChart } from '../components/line-chart';
import { CompareRunsDocument } from '../generated/graphql';
import { fieldValue } from '../lib/form-field';
import { num } from '../lib/format';
import { href, type Route, updateParams } from '../router';

export function ComparePage({ route }: { route: Route }) {
  const ids = (route.params.get('ids') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const [draft, setDraft] = useState(ids.join('\n'));
  const valid = ids.length >= 2 && ids.length <= 10;
  const q = useQuery(CompareRunsDocument, { runIds: ids }, !valid);
  const data = valid ? q.data?.compare : undefined;
  const commonKeys = data
    ? data.runs.reduce<string[]>(
        (keys, r, i) => (i === 0 ? r.historyKeys : keys.filter((k) => r.historyKeys.includes(k))),
        [],
      )
    : [];
  const key = route.params.get('key') ?? commonKeys[0] ?? '';
  const histories = useHistories(valid && data ? ids : [], key, 'step');
  return (
    <section aria-labelledby="compare-title">
      <h1 id="compare-title">Compare runs</h1>
      <form
        class="where"
        onSubmit={(e) => {
          e.preventDefault();
          updateParams({
            ids: fieldValue(e, 'ids')
              .split(/[\s,]+/)
              .filter(Boolean)
              .join(','),
          });
        }}
      >
        <label for="compare-ids">Run ids (2 to 10)</label>
        <textarea
          id="compare-ids"
          name="ids"
          class="mono"
          rows={2}
          value={draft}
          onInput={(e) => setDraft(e.currentTarget.value)}
        />
        <button type="submit">Compare</button>
      </form>
      {!valid && (
        <p class="muted">
          Pick 2 to 10 runs: tick them on the <a href={href('runs')}>runs page</a>, or paste their
          ids.
        </p>
      )}
      <ApiErrorBox error={valid ? q.error : null} label="The API refused the comparison" />
      {data && (
        <>
          <div class="table-wrap">
            <table class="compare">
              <thead>
                <tr>
                  <th scope="col">key</th>
                  {data.runs.map((r) => (
                    <th key={r.id} scope="col">
                      <a href={href(`run/${encodeURIComponent(r.id)}`)}>{r.name}</a>
                      <div class="muted small">
                        {r.meta.modelFamily ?? '—'} · {r.meta.datasetName ?? '—'}
                      </div>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                <tr class="group">
                  <th scope="rowgroup" colSpan={data.runs.length + 1}>
                    Metrics
                  </th>
                </tr>
                {data.metrics.map((m) => (
                  <tr
                    key={`m-${m.key}`}
                    class={m.differs ? 'differs' : undefined}
                    data-differs={m.differs}
                  >
                    <th scope="row">
                      {m.differs && <DiffersMark />}
                      {m.key}
                    </th>
                    {m.values.map((v, i) => (
                      <td key={i} class="num">
                        {num(v)}
                      </td>
                    ))}
                  </tr>
                ))}
                <tr class="group">
                  <th scope="rowgroup" colSpan={data.runs.length + 1}>
                    Params
                  </th>
                </tr>
                {data.params.map((p) => (
                  <tr
                    key={`p-${p.key}`}
                    class={p.differs ? 'differs' : undefined}
                    data-differs={p.differs}
                  >
                    <th scope="row">
                      {p.differs && <DiffersMark />}
                      {p.key}
                    </th>
                    {p.values.map((v, i) => (
                      <td key={i} class="mono">
                        {v ?? '—'}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h2>Curves</h2>
          {commonKeys.length === 0 ? (
            <p class="muted">These runs share no metric history key.</p>
          ) : (
            <>
              <label>
                Metric
                <select value={key} onChange={(e) => updateParams({ key: e.currentTarget.value })}>
                  {commonKeys.map((k) => (
                    <option key={k}>{k}</option>
                  ))}
                </select>
              </label>
              {histories.error ? (
                <p class="error">{histories.error}</p>
              ) : (
                <LineChart series={histories.series} xLabel="step" title={`${key}, overlaid`} />
              )}
            </>
          )}
        </>
      )}
    </section>
  );
}

/** "≠" for the eye, "differs" for screen readers: not colour alone. */
function DiffersMark() {
  return (
    <>
      <span aria-hidden="true">≠ </span>
      <span class="sr-only">differs: </span>
    </>
  );
}
