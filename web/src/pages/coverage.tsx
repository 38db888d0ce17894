import { useMemo } from 'preact/hooks';
import { useQuery } from '../api/use-query';
import { ApiErrorBox } from '../components/api-error';
import { CellRuns } from '../components/cell-runs';
import { MetricControls } from '../components/metric-controls';
import {
  type CoverageDimension,
  CoverageGridDocument,
  type MetricDirection,
} from '../generated/graphql';
import { position, scaleColour } from '../lib/colour';
import { DIMENSIONS, filterFor, mergeFilters } from '../lib/dimensions';
import { num } from '../lib/format';
import { type Route, updateParams } from '../router';

type Cell = {
  row: string | null;
  column: string | null;
  best: number;
  median: number;
  nRuns: number;
};

const label = (v: string | null) => v ?? '(none)';

/** An axis as the header names it: the param key for PARAM. */
const axisName = (dimension: CoverageDimension, param: string) =>
  dimension === 'PARAM'
    ? `params.${param}`
    : (DIMENSIONS.find((d) => d.value === dimension)?.label ?? dimension);

export function CoveragePage({ route }: { route: Route }) {
  const p = route.params;
  const rows = (p.get('rows') ?? 'ROW_KEY') as CoverageDimension;
  const columns = (p.get('columns') ?? 'MODEL_FAMILY') as CoverageDimension;
  const rowsParam = p.get('rowsParam') ?? '';
  const columnsParam = p.get('columnsParam') ?? '';
  const metric = p.get('metric') ?? 'auroc';
  const direction = (p.get('direction') ?? 'HIGHER') as MetricDirection;
  const colourBy = p.get('colour') === 'median' ? 'median' : 'best';
  const includeNeedsReview = p.get('review') === 'include';
  const incomplete = (rows === 'PARAM' && !rowsParam) || (columns === 'PARAM' && !columnsParam);
  const q = useQuery(
    CoverageGridDocument,
    {
      rows,
      columns,
      rowsParam: rowsParam || undefined,
      columnsParam: columnsParam || undefined,
      metric,
      direction,
      includeNeedsReview,
    },
    incomplete,
  );
  const grid = q.data?.coverage;
  const byKey = useMemo(
    () => new Map((grid?.cells ?? []).map((c) => [`${c.row}\u0000${c.column}`, c])),
    [grid],
  );
  const values = (grid?.cells ?? []).map((c) => (colourBy === 'best' ? c.best : c.median));
  const min = Math.min(...values);
  const max = Math.max(...values);
  const higher = direction === 'HIGHER';
  const selRow = p.get('cellRow');
  const selCol = p.get('cellCol');
  const selected =
    selRow !== null && selCol !== null
      ? byKey.get(
          `${selRow === '\u2205' ? null : selRow}\u0000${selCol === '\u2205' ? null : selCol}`,
        )
      : undefined;

  return (
    <section aria-labelledby="coverage-title">
      <h1 id="coverage-title">Coverage</h1>
      <fieldset class="quick">
        <legend class="sr-only">Grid settings</legend>
        <Dimension id="rows" label="Rows" value={rows} param={rowsParam} />
        <Dimension id="columns" label="Columns" value={columns} param={columnsParam} />
        <MetricControls metric={metric} direction={direction} />
        <label>
          Colour by
          <select
            value={colourBy}
            onChange={(e) => updateParams({ colour: e.currentTarget.value })}
          >
            <option value="best">best</option>
            <option value="median">median</option>
          </select>
        </label>
        <label class="inline">
          <input
            type="checkbox"
            checked={includeNeedsReview}
            onChange={(e) =>
              updateParams({ review: e.currentTarget.checked ? 'include' : undefined })
            }
          />
          Include runs that need review
        </label>
      </fieldset>
      {incomplete && <p class="muted">Name the param key for the PARAM axis.</p>}
      <ApiErrorBox error={q.error} label="The API refused this grid" />
      {grid && values.length > 0 && (
        <div class="legend">
          <span>worst {num(higher ? min : max)}</span>
          <span class="ramp" aria-hidden="true" />
          <span>best {num(higher ? max : min)}</span>
          <span class="muted">
            colour = {colourBy} {metric}; each cell shows best / median / n;{' '}
            <span class="gap-sample">—</span> = no run
          </span>
        </div>
      )}
      {grid && (
        <div class="table-wrap">
          <table class="heatmap" data-testid="heatmap">
            <thead>
              <tr>
                <th scope="col">
                  {axisName(rows, rowsParam)} \ {axisName(columns, columnsParam)}
                </th>
                {grid.columns.map((c) => (
                  <th key={label(c)} scope="col">
                    {label(c)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {grid.rows.map((r) => (
                <tr key={label(r)}>
                  <th scope="row">{label(r)}</th>
                  {grid.columns.map((c) => {
                    const cell = byKey.get(`${r}\u0000${c}`) as Cell | undefined;
                    if (!cell) {
                      return (
                        <td
                          key={label(c)}
                          class="gap"
                          data-row={label(r)}
                          data-col={label(c)}
                          data-n="0"
                        >
                          <span aria-hidden="true">—</span>
                          <span class="sr-only">no run</span>
                        </td>
                      );
                    }
                    const colour = scaleColour(
                      position(colourBy === 'best' ? cell.best : cell.median, min, max, higher),
                    );
                    const isSelected = cell === selected;
                    return (
                      <td
                        key={label(c)}
                        class={isSelected ? 'selected' : undefined}
                        style={colour}
                        data-row={label(r)}
                        data-col={label(c)}
                        data-n={cell.nRuns}
                        data-best={cell.best}
                        data-median={cell.median}
                      >
                        <button
                          type="button"
                          class="cell"
                          style={{ color: colour.color }}
                          onClick={() =>
                            updateParams({ cellRow: r ?? '\u2205', cellCol: c ?? '\u2205' })
                          }
                        >
                          <span class="sr-only">
                            {label(r)}, {label(c)}: best{' '}
                          </span>
                          <strong>{num(cell.best)}</strong>
                          <span>
                            <span class="sr-only">median </span>
                            {num(cell.median)}
                          </span>
                          <span>n={cell.nRuns}</span>
                          <span class="sr-only">; list these runs</span>
                        </button>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {selected && (
        <CellRuns
          metric={metric}
          direction={direction}
          includeNeedsReview={includeNeedsReview}
          filter={mergeFilters(
            filterFor(rows, rowsParam, selected.row ?? null),
            filterFor(columns, columnsParam, selected.column ?? null),
          )}
          title={`${label(selected.row ?? null)} × ${label(selected.column ?? null)}`}
        />
      )}
    </section>
  );
}

function Dimension({
  id,
  label: title,
  value,
  param,
}: {
  id: 'rows' | 'columns';
  label: string;
  value: CoverageDimension;
  param: string;
}) {
  return (
    <>
      <label>
        {title}
        <select
          value={value}
          onChange={(e) =>
            updateParams({ [id]: e.currentTarget.value, cellRow: undefined, cellCol: undefined })
          }
        >
          {DIMENSIONS.map((d) => (
            <option key={d.value} value={d.value}>
              {d.label}
            </option>
          ))}
        </select>
      </label>
      {value === 'PARAM' && (
        <label>
          {title} param key
          <input
            value={param}
            placeholder="model.pooling"
            onChange={(e) => updateParams({ [`${id}Param`]: e.currentTarget.value })}
          />
        </label>
      )}
    </>
  );
}
