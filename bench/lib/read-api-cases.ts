import { type Kysely, sql } from 'kysely';
import type { IndexTables } from '../../server/src/index/tables.js';
import type { GraphqlClient } from './graphql-client.js';

/** One read the benchmark times twice: through the GraphQL API over HTTP, and as bare SQL. */
export interface ReadCase {
  name: string;
  description: string;
  /** The p50 target at 100k runs, in milliseconds. */
  targetP50Ms: number;
  api(i: number): Promise<unknown>;
  sql(i: number): Promise<unknown>;
  /** Throws unless both ways give the same answer (for the i-th call). */
  check(i: number): Promise<void>;
}

/** Two meta fields and a metric threshold (MLflow-style where string). */
export const FILTER =
  "meta.model_family = 'transformer' and meta.datatreatment.tokenization = 'binned' and metrics.auroc > 0.8";
export const FILTERED_RUNS = `query FilteredRuns {
  runs(where: "${FILTER}", orderBy: [{ field: "metrics.auroc", direction: DESC }], first: 50) {
    totalCount
    edges { node { id metric(key: "auroc") } }
  }
}`;
const COVERAGE = 'query Coverage { coverage { cells { row column best median nRuns } } }';
export const RUN_BY_ID = `query RunById($id: ID!) {
  run(id: $id) { id name params { key value } metrics { key value } }
}`;

export type FilteredAnswer = {
  runs: { totalCount: number; edges: Array<{ node: { id: string; metric: number } }> };
};
type CoverageAnswer = { coverage: { cells: Array<{ nRuns: number }> } };
export type RunAnswer = { run: { id: string; params: unknown[]; metrics: unknown[] } };

function same(what: string, api: unknown, bare: unknown): void {
  if (JSON.stringify(api) !== JSON.stringify(bare)) {
    throw new Error(
      `${what}: the API answered ${JSON.stringify(api)}, SQL ${JSON.stringify(bare)}`,
    );
  }
}

export function readCases(
  client: GraphqlClient,
  db: Kysely<IndexTables>,
  runIds: readonly string[],
): ReadCase[] {
  const idAt = (i: number) => runIds[i % runIds.length] as string;
  const filteredSql = () =>
    sql<{ run_id: string; auroc: number; total: number }>`
      SELECT r.run_id, m.value AS auroc, count(*) OVER () AS total
      FROM runs r JOIN run_metrics m ON m.run_id = r.run_id AND m.key = 'auroc'
      WHERE r.model_family = 'transformer' AND r.tokenization = 'binned' AND m.value > 0.8
      ORDER BY m.value DESC, r.run_id LIMIT 50`.execute(db);
  const coverageSql = () =>
    sql<{ n: number }>`
      SELECT r.row_key, r.model_family, max(m.value) AS best, median(m.value) AS median,
             count(*) AS n
      FROM runs r JOIN run_metrics m ON m.run_id = r.run_id AND m.key = 'auroc'
      WHERE NOT r.needs_review
      GROUP BY r.row_key, r.model_family
      ORDER BY r.row_key NULLS LAST, r.model_family NULLS LAST`.execute(db);
  const runSql = (id: string) =>
    Promise.all([
      db.selectFrom('runs').selectAll().where('run_id', '=', id).execute(),
      db.selectFrom('run_params').select(['key', 'value']).where('run_id', '=', id).execute(),
      db.selectFrom('run_metrics').select(['key', 'value']).where('run_id', '=', id).execute(),
    ]);
  return [
    {
      name: 'filtered',
      description: 'runs: two meta fields and a metric threshold, sorted by the metric, first 50',
      targetP50Ms: 20,
      api: () => client.query(FILTERED_RUNS),
      sql: filteredSql,
      check: async () => {
        const api = await client.query<FilteredAnswer>(FILTERED_RUNS);
        const { rows } = await filteredSql();
        same('total', api.runs.totalCount, Number(rows[0]?.total ?? 0));
        same(
          'page',
          api.runs.edges.map((e) => e.node.id),
          rows.map((r) => r.run_id),
        );
      },
    },
    {
      name: 'coverage',
      description: 'coverage: the default grid (row key x model family, auroc)',
      targetP50Ms: 50,
      api: () => client.query(COVERAGE),
      sql: coverageSql,
      check: async () => {
        const api = await client.query<CoverageAnswer>(COVERAGE);
        const { rows } = await coverageSql();
        same(
          'cells',
          api.coverage.cells.map((c) => c.nRuns),
          rows.map((r) => Number(r.n)),
        );
      },
    },
    {
      name: 'runById',
      description: 'run(id): one run with its params and summary metrics',
      targetP50Ms: 3,
      api: (i) => client.query(RUN_BY_ID, { id: idAt(i) }),
      sql: (i) => runSql(idAt(i)),
      check: async (i) => {
        const api = await client.query<RunAnswer>(RUN_BY_ID, { id: idAt(i) });
        const [run, params, metrics] = await runSql(idAt(i));
        same('run', api.run.id, run[0]?.run_id);
        same(
          'sizes',
          [api.run.params.length, api.run.metrics.length],
          [params.length, metrics.length],
        );
      },
    },
  ];
}
