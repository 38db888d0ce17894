import type { MetricDirection } from '../generated/graphql';
import { updateParams } from '../router';

/** The metric and which way is better, kept in the URL (`metric`, `direction`). */
export function MetricControls({
  metric,
  direction,
}: {
  metric: string;
  direction: MetricDirection;
}) {
  return (
    <>
      <label>
        Metric
        <input value={metric} onChange={(e) => updateParams({ metric: e.currentTarget.value })} />
      </label>
      <label>
        Better is
        <select
          value={direction}
          onChange={(e) => updateParams({ direction: e.currentTarget.value })}
        >
          <option value="HIGHER">higher</option>
          <option value="LOWER">lower</option>
        </select>
      </label>
    </>
  );
}
