import { useState } from 'preact/hooks';
import { useQuery } from '../api/use-query';
import { ApiErrorBox } from '../components/api-error';
import { MetricControls } from '../components/metric-controls';
import { type MetricDirection, SweepGridDocument } from '../generated/graphql';
import { fieldValue } from '../lib/form-field';
import { num } from '../lib/format';
import { href, type Route, updateParams } from '../router';

/** Seed 002's design: pooling × tokenization × MET × vector type = 36 combinations. */
const EXAMPLE =
  'params.model.pooling=cls,mean,max\nparams.tokenizer.name=direct,binned,vq\nparams.data.met=true,false\nparams.data.vect=4vect,5vect';

/** One factor per line: `field` or `field=level,level,...` (levels default to those seen). */
function parseFactors(text: string): { field: string; levels?: string[] }[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [field = '', levels] = line.split('=', 2);
      return {
        field: field.trim(),
        ...(levels
          ? {
              levels: levels
                .split(',')
                .map((l) => l.trim())
                .filter(Boolean),
            }
          : {}),
      };
    });
}

export function SweepPage({ route }: { route: Route }) {
  const p = route.params;
  const text = p.get('factors') ?? EXAMPLE;
  const metric = p.get('metric') ?? 'auroc';
  const direction = (p.get('direction') ?? 'HIGHER') as MetricDirection;
  const [draft, setDraft] = useState(text);
  const factors = parseFactors(text);
  const q = useQuery(
    SweepGridDocument,
    { factors, metric: metric || undefined, direction },
    factors.length === 0,
  );
  const sweep = q.data?.sweep;
  // Grid: the last factor across, every combination of the others down.
  const last = sweep?.factors.at(-1);
  const cellOf = new Map((sweep?.cells ?? []).map((c) => [c.levels.join('\u0000'), c]));
  const missing = new Set((sweep?.missing ?? []).map((c) => c.levels.join('\u0000')));
  const rowCombos: string[][] = [];
  if (sweep && last) {
    const others = sweep.factors.slice(0, -1);
    const walk = (i: number, acc: string[]) => {
      if (i === others.length) rowCombos.push(acc);
      else for (const l of others[i]?.levels ?? []) walk(i + 1, [...acc, l]);
    };
    walk(0, []);
  }
  return (
    <section aria-labelledby="sweep-title">
      <h1 id="sweep-title">Sweep</h1>
      <form
        class="sweep-form"
        onSubmit={(e) => {
          e.preventDefault();
          updateParams({ factors: fieldValue(e, 'factors') });
        }}
      >
        <label for="factors">Factors, one per line: field=level,level,… (levels optional)</label>
        <textarea
          id="factors"
          name="factors"
          class="mono"
          rows={5}
          value={draft}
          onInput={(e) => setDraft(e.currentTarget.value)}
        />
        <div class="quick">
          <MetricControls metric={metric} direction={direction} />
          <button type="submit">Show grid</button>
          <button
            type="button"
            onClick={() => {
              setDraft(EXAMPLE);
              updateParams({ factors: undefined });
            }}
          >
            Seed 002 example
          </button>
        </div>
      </form>
      <ApiErrorBox error={q.error} label="The API refused this sweep" />
      {sweep && (
        <>
          <p data-testid="sweep-summary" aria-live="polite">
            <strong>{sweep.coveredCells}</strong> of <strong>{sweep.totalCells}</strong>{' '}
            combinations have runs;{' '}
            <strong class="missing-text">{sweep.missing.length} missing</strong>;{' '}
            {sweep.runsOutsideDesign} runs outside the design.
          </p>
          <div class="table-wrap">
            <table class="sweep" data-testid="sweep-grid">
              <thead>
                <tr>
                  {sweep.factors.slice(0, -1).map((f) => (
                    <th key={f.field} scope="col">
                      {f.field}
                    </th>
                  ))}
                  {last?.levels.map((l) => (
                    <th key={l} scope="col">
                      {last.field} = {l}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rowCombos.map((combo) => (
                  <tr key={combo.join('|')}>
                    {combo.map((l, i) => (
                      <th key={i} scope="row">
                        {l}
                      </th>
                    ))}
                    {last?.levels.map((l) => {
                      const levels = [...combo, l];
                      const key = levels.join('\u0000');
                      const cell = cellOf.get(key);
                      const gap = missing.has(key) || !cell || cell.nRuns === 0;
                      return (
                        <td
                          key={l}
                          class={gap ? 'missing' : 'covered'}
                          data-levels={levels.join('|')}
                          data-n={cell?.nRuns ?? 0}
                        >
                          {gap ? (
                            <span>missing</span>
                          ) : (
                            <>
                              <strong>{num(cell.best)}</strong>{' '}
                              <span class="muted">n={cell.nRuns}</span>
                              {cell.bestRun && (
                                <div>
                                  <a
                                    class="small"
                                    href={href(`run/${encodeURIComponent(cell.bestRun.id)}`)}
                                    aria-label={`best run for ${levels.join(', ')}`}
                                  >
                                    best run
                                  </a>
                                </div>
                              )}
                            </>
                          )}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {sweep.missing.length > 0 && (
            <details>
              <summary>Missing combinations ({sweep.missing.length})</summary>
              <ul class="mono small" data-testid="missing-list">
                {sweep.missing.map((m) => (
                  <li key={m.levels.join('|')}>{m.levels.join(' · ')}</li>
                ))}
              </ul>
            </details>
          )}
        </>
      )}
    </section>
  );
}
