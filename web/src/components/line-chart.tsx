import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface Series {
  label: string;
  x: number[];
  y: number[];
}

const COLOURS = [
  '#2563eb',
  '#dc2626',
  '#059669',
  '#d97706',
  '#7c3aed',
  '#db2777',
  '#0891b2',
  '#65a30d',
  '#4b5563',
  '#b45309',
];

/**
 * Metric curves with uPlot: drag to zoom into a range, double-click to zoom out. Series with
 * different x values are aligned by uPlot.join (gaps where a series has no point).
 */
export function LineChart({
  series,
  xLabel,
  title,
  time,
}: {
  series: Series[];
  xLabel: string;
  title: string;
  time?: boolean;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el || series.length === 0) return;
    const data = uPlot.join(
      series.map((s) => [s.x, s.y] as uPlot.AlignedData),
    ) as uPlot.AlignedData;
    const plot = new uPlot(
      {
        width: Math.max(320, el.clientWidth),
        height: 240,
        scales: { x: { time: Boolean(time) } },
        axes: [{ label: xLabel }, {}],
        cursor: { drag: { x: true, y: false } },
        series: [
          { label: xLabel },
          ...series.map((s, i) => ({
            label: s.label,
            stroke: COLOURS[i % COLOURS.length],
            width: 1.5,
            spanGaps: true,
          })),
        ],
      },
      data,
      el,
    );
    return () => plot.destroy();
  }, [series, xLabel, time]);
  return (
    <figure class="chart">
      <figcaption>{title}</figcaption>
      <div ref={box} role="img" aria-label={`${title}: ${series.map((s) => s.label).join(', ')}`} />
    </figure>
  );
}
