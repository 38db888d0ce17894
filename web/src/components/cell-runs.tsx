import { useQuery } from '../api/use-query';
import { type MetricDirection, RunsPageDocument } from '../generated/graphql';
import type { mergeFilters } from '../lib/dimensions';
import { num } from '../lib/format';
import { href } from '../router';
import { ApiErrorBox } from './api-error';

/** The runs of one heatmap cell, best first. */
export function CellRuns(props: {
  metric: string;
  direction: MetricDirection;
  includeNeedsReview: boolean;
  filter: ReturnType<typeof mergeFilters>;
  title: string;
}) {
  const filter =
    props.filter === null
      ? null
      : {
          ...props.filter,
          ...(props.includeNeedsReview ? {} : { needsReview: false }),
          metrics: [{ key: props.metric, op: 'GTE' as const, value: -Number.MAX_VALUE }],
        };
  const q = useQuery(
    RunsPageDocument,
    {
      first: 100,
      filter: filter ?? {},
      orderBy: [
        {
          field: `metrics.${props.metric}`,
          direction: props.direction === 'HIGHER' ? 'DESC' : 'ASC',
        },
      ],
    },
    filter === null,
  );
  return (
    <section class="panel" aria-labelledby="cell-title">
      <h2 id="cell-title">Runs in {props.title}</h2>
      {filter === null && (
        <p class="muted">Runs without a value on an axis cannot be listed by a filter.</p>
      )}
      <ApiErrorBox error={q.error} />
      {q.data && (
        <table class="runs" data-testid="cell-runs">
          <thead>
            <tr>
              <th scope="col">run</th>
              <th scope="col">{props.metric}</th>
              <th scope="col">status</th>
            </tr>
          </thead>
          <tbody>
            {q.data.runs.edges.map(({ node }) => (
              <tr key={node.id} data-run-id={node.id}>
                <td>
                  <a href={href(`run/${encodeURIComponent(node.id)}`)}>{node.id}</a>
                </td>
                <td class="num">{num(node.metrics.find((m) => m.key === props.metric)?.value)}</td>
                <td>{node.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
