import { useEffect, useState } from 'preact/hooks';
import { request } from '../api/client';
import { RunHistoryDocument } from '../generated/graphql';
import { LineChart, type Series } from './line-chart';

/** Fetches `key`'s history for each run, downsampled by the server to at most 1000 points. */
export function useHistories(
  runIds: string[],
  key: string,
  axis: 'step' | 'time',
): { series: Series[]; error: string } {
  const [state, setState] = useState<{ series: Series[]; error: string }>({
    series: [],
    error: '',
  });
  const ids = runIds.join(',');
  useEffect(() => {
    if (key === '' || runIds.length === 0) return;
    let live = true;
    Promise.all(runIds.map((id) => request(RunHistoryDocument, { id, key, maxPoints: 1000 }))).then(
      (answers) => {
        if (!live) return;
        const series = answers.map((a, i) => {
          const points = a.run?.history ?? [];
          return {
            label: runIds.length > 1 ? (runIds[i] ?? '') : key,
            x: points.map((p) => (axis === 'step' ? p.step : Date.parse(p.timestamp) / 1000)),
            y: points.map((p) => p.value),
          };
        });
        setState({ series, error: '' });
      },
      (e: Error) => live && setState({ series: [], error: e.message }),
    );
    return () => {
      live = false;
    };
  }, [ids, key, axis]);
  return state;
}

/** One chart per selected key for one run, with a step/time axis switch. */
export function HistoryCharts({ runId, keys }: { runId: string; keys: string[] }) {
  const [chosen, setChosen] = useState<string[]>(keys.slice(0, 3));
  const [axis, setAxis] = useState<'step' | 'time'>('step');
  if (keys.length === 0) return <p class="muted">No metric history logged.</p>;
  return (
    <div>
      <fieldset class="quick">
        <legend class="sr-only">Metric history</legend>
        {keys.map((k) => (
          <label key={k} class="inline">
            <input
              type="checkbox"
              checked={chosen.includes(k)}
              onChange={(e) =>
                setChosen(e.currentTarget.checked ? [...chosen, k] : chosen.filter((c) => c !== k))
              }
            />
            {k}
          </label>
        ))}
        <label>
          X axis
          <select value={axis} onChange={(e) => setAxis(e.currentTarget.value as 'step' | 'time')}>
            <option value="step">step</option>
            <option value="time">time</option>
          </select>
        </label>
        <span class="muted">drag on a chart to zoom, double-click to zoom out</span>
      </fieldset>
      <div class="charts">
        {chosen.map((k) => (
          <KeyChart key={`${k}-${axis}`} runId={runId} metric={k} axis={axis} />
        ))}
      </div>
    </div>
  );
}

function KeyChart({
  runId,
  metric,
  axis,
}: {
  runId: string;
  metric: string;
  axis: 'step' | 'time';
}) {
  const { series, error } = useHistories([runId], metric, axis);
  if (error) return <p class="error">{error}</p>;
  return <LineChart series={series} xLabel={axis} title={metric} time={axis === 'time'} />;
}
