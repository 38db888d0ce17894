import { type Kysely, sql } from 'kysely';
import { InvalidInputError } from '../../domain-error.js';
import type { IndexTables } from '../tables.js';
import { compileRunQuery, type RunFilter } from '../where/index.js';
import { type Dimension, dimensionField } from './dimensions.js';
import { fieldValue } from './field-ref.js';

export type Direction = 'HIGHER' | 'LOWER';

export interface CoverageArgs {
  rows: Dimension;
  columns: Dimension;
  metric: string;
  direction: Direction;
  includeNeedsReview: boolean;
  filter?: RunFilter;
}

export interface CoverageCell {
  row: string | null;
  column: string | null;
  best: number;
  /** DuckDB's median: the mean of the two middle values for an even count. */
  median: number;
  nRuns: number;
  bestRunId: string;
}

export interface CoverageGrid {
  metric: string;
  direction: Direction;
  rows: Array<string | null>;
  columns: Array<string | null>;
  cells: CoverageCell[];
}

/** Fails with the known metric names when no run has `metric`, so a typo is not an empty grid. */
export async function assertMetricExists(
  db: Kysely<IndexTables>,
  metric: string,
  argument: string,
): Promise<void> {
  const hit = await db
    .selectFrom('run_metrics')
    .select('key')
    .where('key', '=', metric)
    .limit(1)
    .execute();
  if (hit.length > 0) return;
  const known = await db
    .selectFrom('run_metrics')
    .select('key')
    .distinct()
    .orderBy('key')
    .limit(30)
    .execute();
  throw new InvalidInputError(
    `no run has a metric ${JSON.stringify(metric)}; known metrics: ${known.map((k) => k.key).join(', ') || '(none yet)'}`,
    argument,
  );
}

const distinctSorted = (values: Array<string | null>): Array<string | null> =>
  [...new Set(values)].sort((a, b) =>
    a === null ? 1 : b === null ? -1 : a < b ? -1 : a > b ? 1 : 0,
  );

/** Seed 000's coverage grid: best, median and count of a metric per row x column. */
export async function coverage(db: Kysely<IndexTables>, args: CoverageArgs): Promise<CoverageGrid> {
  await assertMetricExists(db, args.metric, 'metric');
  const rowValue = fieldValue(dimensionField(args.rows, 'rows'));
  const colValue = fieldValue(dimensionField(args.columns, 'columns'));
  const condition = compileRunQuery(args.filter, undefined);
  const review = args.includeNeedsReview ? sql`true` : sql`NOT runs.needs_review`;
  const best = args.direction === 'HIGHER' ? sql`max(value)` : sql`min(value)`;
  const bestOrder = args.direction === 'HIGHER' ? sql`value DESC, run_id` : sql`value ASC, run_id`;
  // The filter applies to `runs` in place: a `run_id IN (subquery)` costs DuckDB a second join.
  const result = await sql<CoverageCell>`
    WITH r AS (
      SELECT runs.run_id, CAST(${rowValue} AS VARCHAR) AS row_value,
             CAST(${colValue} AS VARCHAR) AS col_value, m.value AS value
      FROM runs JOIN run_metrics m ON m.run_id = runs.run_id AND m.key = ${args.metric}
      WHERE ${review} AND ${condition})
    SELECT row_value AS "row", col_value AS "column", ${best} AS best, median(value) AS median,
           count(*) AS "nRuns", first(run_id ORDER BY ${bestOrder}) AS "bestRunId"
    FROM r GROUP BY row_value, col_value
    ORDER BY row_value NULLS LAST, col_value NULLS LAST`.execute(db);
  const cells = result.rows.map((c) => ({ ...c, nRuns: Number(c.nRuns) }));
  return {
    metric: args.metric,
    direction: args.direction,
    rows: distinctSorted(cells.map((c) => c.row)),
    columns: distinctSorted(cells.map((c) => c.column)),
    cells,
  };
}
