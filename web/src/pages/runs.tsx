import { useContext, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { request, subscribe } from '../api/client';
import { useQuery } from '../api/use-query';
import { waitUntilListed } from '../api/wait-listed';
import { ApiErrorBox } from '../components/api-error';
import { ColumnChooser } from '../components/column-chooser';
import {
  ExperimentsDocument,
  LiveRunEventsDocument,
  type RunFilter,
  type RunOrder,
  RunsPageDocument,
} from '../generated/graphql';
import { cell, DEFAULT_COLUMNS, header } from '../lib/columns';
import { download, toCsv } from '../lib/csv';
import { fieldValue } from '../lib/form-field';
import { href, type Route, updateParams } from '../router';
import { Session } from '../session';

const PAGE_SIZES = ['25', '50', '100', '200'];

function filterOf(params: URLSearchParams): RunFilter {
  const filter: RunFilter = {};
  const experiment = params.get('experiment');
  const family = params.get('family');
  const dataset = params.get('dataset');
  const review = params.get('review');
  if (experiment) filter.experiment = [experiment];
  if (family) filter.modelFamily = [family];
  if (dataset) filter.datasetName = [dataset];
  if (review === 'yes' || review === 'no') filter.needsReview = review === 'yes';
  return filter;
}

function orderOf(sort: string | null): RunOrder[] | undefined {
  if (!sort) return undefined;
  const [field = '', direction] = sort.split(':');
  return [{ field, direction: direction === 'desc' ? 'DESC' : 'ASC' }];
}

export function RunsPage({ route }: { route: Route }) {
  const p = route.params;
  const where = p.get('where') ?? '';
  const columns = p.get('cols')?.split(',').filter(Boolean) ?? DEFAULT_COLUMNS;
  const sort = p.get('sort');
  const first = Number(p.get('n') ?? '50');
  const after = p.get('after') ?? undefined;
  const filter = filterOf(p);
  const variables = { first, after, where: where || undefined, filter, orderBy: orderOf(sort) };
  const runs = useQuery(RunsPageDocument, variables);
  const { token } = useContext(Session);
  const experiments = useQuery(ExperimentsDocument, {});
  const [draft, setDraft] = useState(where);
  const [trail, setTrail] = useState<string[]>([]);
  const [selected, setSelected] = useState<string[]>([]);
  const [live, setLive] = useState(p.get('live') !== 'off');
  const [lastEvent, setLastEvent] = useState('');
  const [exporting, setExporting] = useState('');
  useEffect(() => setDraft(where), [where]);

  // Live: any run event reloads the current page (batched, so a burst costs one query).
  const reload = useRef(runs.reload);
  reload.current = runs.reload;
  useEffect(() => {
    if (!live) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    return subscribe(
      LiveRunEventsDocument,
      {
        filter: {
          kinds: ['REGISTERED', 'FINISHED', 'META_CHANGED', 'TAGS_CHANGED', 'PARAMS_LOGGED'],
        },
      },
      (d) => {
        const { kind, runId } = d.runEvents;
        void waitUntilListed(runId, kind).then(() => {
          setLastEvent(`${kind.toLowerCase().replace('_', ' ')}: ${runId}`);
          // A burst of events costs one reload.
          clearTimeout(timer);
          timer = setTimeout(() => reload.current(), 50);
        });
      },
      (e) => setLastEvent(`live updates stopped: ${e.message}`),
    );
  }, [live, token]);

  const rows = runs.data?.runs.edges.map((e) => e.node) ?? [];
  const seen = useMemo(() => {
    const params = new Set<string>();
    const metrics = new Set<string>();
    for (const r of rows) {
      for (const x of r.params) params.add(`params.${x.key}`);
      for (const x of r.metrics) metrics.add(`metrics.${x.key}`);
    }
    return { params: [...params].sort(), metrics: [...metrics].sort() };
  }, [rows]);
  const families = [...new Set(rows.map((r) => r.meta.modelFamily).filter(Boolean))] as string[];
  const datasets = [...new Set(rows.map((r) => r.meta.datasetName).filter(Boolean))] as string[];

  const setColumns = (next: string[]) => updateParams({ cols: next.join(',') });
  const toggleSort = (column: string) => {
    const [field, dir] = (sort ?? '').split(':');
    const next = field !== column ? `${column}:asc` : dir === 'asc' ? `${column}:desc` : undefined;
    setTrail([]);
    updateParams({ sort: next, after: undefined });
  };

  async function exportCsv() {
    const out: string[][] = [columns];
    let cursor: string | undefined;
    for (;;) {
      const page = await request(RunsPageDocument, { ...variables, first: 1000, after: cursor });
      for (const e of page.runs.edges) out.push(columns.map((c) => cell(e.node, c)));
      setExporting(`${out.length - 1} of ${page.runs.totalCount} runs…`);
      if (!page.runs.pageInfo.hasNextPage || !page.runs.pageInfo.endCursor) break;
      cursor = page.runs.pageInfo.endCursor;
    }
    download('runs.csv', toCsv(out));
    setExporting(`exported ${out.length - 1} runs`);
  }

  return (
    <section aria-labelledby="runs-title">
      <h1 id="runs-title">Runs</h1>
      <form
        class="where"
        onSubmit={(e) => {
          e.preventDefault();
          setTrail([]);
          updateParams({ where: fieldValue(e, 'where').trim(), after: undefined });
        }}
      >
        <label for="where">Filter (where)</label>
        <input
          id="where"
          name="where"
          class="mono"
          value={draft}
          spellcheck={false}
          placeholder="metrics.auroc > 0.9 and params.model.pooling = 'max'"
          onInput={(e) => setDraft(e.currentTarget.value)}
        />
        <button type="submit">Apply</button>
      </form>
      <fieldset class="quick">
        <legend class="sr-only">Quick filters</legend>
        <label>
          Experiment
          <select
            value={p.get('experiment') ?? ''}
            onChange={(e) => updateParams({ experiment: e.currentTarget.value, after: undefined })}
          >
            <option value="">any</option>
            {experiments.data?.experiments.map((x) => (
              <option key={x.name} value={x.name}>
                {x.name} ({x.runCount})
              </option>
            ))}
          </select>
        </label>
        <label>
          Model family
          <input
            list="families"
            value={p.get('family') ?? ''}
            onChange={(e) => updateParams({ family: e.currentTarget.value, after: undefined })}
          />
          <datalist id="families">
            {families.map((f) => (
              <option key={f} value={f} />
            ))}
          </datalist>
        </label>
        <label>
          Dataset
          <input
            list="datasets"
            value={p.get('dataset') ?? ''}
            onChange={(e) => updateParams({ dataset: e.currentTarget.value, after: undefined })}
          />
          <datalist id="datasets">
            {datasets.map((f) => (
              <option key={f} value={f} />
            ))}
          </datalist>
        </label>
        <label>
          Needs review
          <select
            value={p.get('review') ?? ''}
            onChange={(e) => updateParams({ review: e.currentTarget.value, after: undefined })}
          >
            <option value="">either</option>
            <option value="yes">yes</option>
            <option value="no">no</option>
          </select>
        </label>
        <label class="inline">
          <input
            type="checkbox"
            checked={live}
            onChange={(e) => setLive(e.currentTarget.checked)}
          />{' '}
          Live
        </label>
      </fieldset>
      <ApiErrorBox error={runs.error} label="The API refused this view" />
      <div class="toolbar">
        <span data-testid="total-count" aria-live="polite">
          {runs.data ? `${runs.data.runs.totalCount.toLocaleString('en-US')} runs` : 'loading…'}
        </span>
        <ColumnChooser
          columns={columns}
          params={seen.params}
          metrics={seen.metrics}
          onChange={setColumns}
        />
        <button type="button" onClick={() => void exportCsv()} disabled={!runs.data}>
          Export CSV
        </button>
        <a
          class={`button${selected.length < 2 || selected.length > 10 ? ' disabled' : ''}`}
          aria-disabled={selected.length < 2 || selected.length > 10}
          href={
            selected.length >= 2 && selected.length <= 10
              ? href('compare', { ids: selected.join(',') })
              : undefined
          }
          title="select 2 to 10 runs"
        >
          Compare {selected.length} selected
        </a>
        <span class="muted" aria-live="polite" data-testid="live-status">
          {exporting || (live ? `live${lastEvent ? ` · ${lastEvent}` : ''}` : 'live off')}
        </span>
      </div>
      <div class="table-wrap">
        <table class="runs" aria-busy={runs.loading}>
          <thead>
            <tr>
              <th scope="col">
                <span class="sr-only">Select</span>
              </th>
              {columns.map((c) => {
                const [field, dir] = (sort ?? '').split(':');
                const state = field === c ? (dir === 'desc' ? 'descending' : 'ascending') : 'none';
                return (
                  <th key={c} scope="col" aria-sort={state}>
                    <button
                      type="button"
                      class="sort"
                      onClick={() => toggleSort(c)}
                      title={`sort by ${c}`}
                    >
                      {header(c)} {state === 'ascending' ? '▲' : state === 'descending' ? '▼' : ''}
                    </button>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-run-id={r.id}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`select ${r.id}`}
                    checked={selected.includes(r.id)}
                    onChange={(e) =>
                      setSelected(
                        e.currentTarget.checked
                          ? [...selected, r.id]
                          : selected.filter((s) => s !== r.id),
                      )
                    }
                  />
                </td>
                {columns.map((c, i) => (
                  <td key={c} class={c.startsWith('metrics.') ? 'num' : undefined}>
                    {i === 0 ? (
                      <a href={href(`run/${encodeURIComponent(r.id)}`)}>{cell(r, c)}</a>
                    ) : (
                      cell(r, c)
                    )}
                    {c === 'meta.meta_confidence' && r.meta.needsReview && (
                      <span class="badge warn">review</span>
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav class="pager" aria-label="Pages of runs">
        <button
          type="button"
          disabled={!after}
          onClick={() => {
            setTrail([]);
            updateParams({ after: undefined });
          }}
        >
          First
        </button>
        <button
          type="button"
          disabled={!after}
          onClick={() => {
            const prev = trail.at(-1);
            setTrail(trail.slice(0, -1));
            updateParams({ after: prev || undefined });
          }}
        >
          Previous
        </button>
        <button
          type="button"
          disabled={!runs.data?.runs.pageInfo.hasNextPage}
          onClick={() => {
            setTrail([...trail, after ?? '']);
            updateParams({ after: runs.data?.runs.pageInfo.endCursor ?? undefined });
          }}
        >
          Next
        </button>
        <label>
          Rows per page
          <select
            value={String(first)}
            onChange={(e) => updateParams({ n: e.currentTarget.value, after: undefined })}
          >
            {PAGE_SIZES.map((n) => (
              <option key={n}>{n}</option>
            ))}
          </select>
        </label>
      </nav>
    </section>
  );
}
