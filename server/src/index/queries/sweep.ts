import { type Kysely, type RawBuilder, sql } from 'kysely';
import { InvalidInputError } from '../../domain-error.js';
import type { IndexTables } from '../tables.js';
import { compileRunQuery, type RunFilter } from '../where/index.js';
import type { Direction } from './coverage.js';
import { assertMetricExists } from './coverage.js';
import { fieldValue, resolveField } from './field-ref.js';

export interface SweepFactor {
  /** A run field as in `where` strings, e.g. `params.model.pooling` or `meta.datatreatment.tokenization`. */
  field: string;
  /** The design's levels; when absent, the values the runs show. */
  levels?: readonly string[] | null;
}

export interface SweepArgs {
  factors: readonly SweepFactor[];
  metric?: string | null;
  direction: Direction;
  filter?: RunFilter;
}

export interface SweepCell {
  levels: string[];
  nRuns: number;
  best: number | null;
  bestRunId: string | null;
}

export interface SweepResult {
  factors: Array<{ field: string; levels: string[] }>;
  cells: SweepCell[];
  missing: SweepCell[];
  totalCells: number;
  coveredCells: number;
  /** Runs matching the filter whose factor values fall outside the design's levels. */
  runsOutsideDesign: number;
}

const MAX_CELLS = 10_000;

function crossProduct(levels: string[][]): string[][] {
  return levels.reduce<string[][]>(
    (acc, ls) => acc.flatMap((prefix) => ls.map((l) => [...prefix, l])),
    [[]],
  );
}

/** Completeness of a factorial design: each combination of levels with its runs and best value. */
export async function sweep(db: Kysely<IndexTables>, args: SweepArgs): Promise<SweepResult> {
  if (args.factors.length === 0 || args.factors.length > 8) {
    throw new InvalidInputError('needs 1 to 8 factors', 'factors');
  }
  if (args.metric) await assertMetricExists(db, args.metric, 'metric');
  const values: RawBuilder<unknown>[] = args.factors.map((f, i) =>
    fieldValue(resolveField(f.field, `factors[${i}].field`)),
  );
  const selects = values.map((v, i) => sql`CAST(${v} AS VARCHAR) AS ${sql.ref(`f${i}`)}`);
  const groups = values.map((_, i) => sql.ref(`f${i}`));
  const metric = args.metric
    ? sql`(SELECT m.value FROM run_metrics m WHERE m.run_id = runs.run_id AND m.key = ${args.metric})`
    : sql`CAST(NULL AS DOUBLE)`;
  const best = args.direction === 'HIGHER' ? sql`max(value)` : sql`min(value)`;
  const bestOrder =
    args.direction === 'HIGHER'
      ? sql`value DESC NULLS LAST, run_id`
      : sql`value ASC NULLS LAST, run_id`;
  const condition = compileRunQuery(args.filter, undefined);
  const rows = await sql<Record<string, string | number | null>>`
    WITH r AS (SELECT runs.run_id, ${sql.join(selects)}, ${metric} AS value FROM runs
               WHERE ${condition})
    SELECT ${sql.join(groups)}, count(*) AS n, ${best} AS best,
           first(run_id ORDER BY ${bestOrder}) FILTER (WHERE value IS NOT NULL) AS best_run
    FROM r GROUP BY ${sql.join(groups)}`.execute(db);
  const observed = rows.rows.map((r) => ({
    levels: args.factors.map((_, i) => (r[`f${i}`] ?? null) as string | null),
    nRuns: Number(r.n),
    best: (r.best ?? null) as number | null,
    bestRunId: (r.best_run ?? null) as string | null,
  }));
  const factors = args.factors.map((f, i) => ({
    field: f.field,
    levels:
      f.levels && f.levels.length > 0
        ? [...f.levels]
        : [
            ...new Set(observed.map((o) => o.levels[i]).filter((l): l is string => l !== null)),
          ].sort(),
  }));
  const total = factors.reduce((n, f) => n * f.levels.length, 1);
  if (total > MAX_CELLS)
    throw new InvalidInputError(`the design has ${total} cells; at most ${MAX_CELLS}`, 'factors');
  const byKey = new Map(observed.map((o) => [JSON.stringify(o.levels), o]));
  const cells = crossProduct(factors.map((f) => f.levels)).map(
    (levels) =>
      byKey.get(JSON.stringify(levels)) ?? { levels, nRuns: 0, best: null, bestRunId: null },
  );
  const inDesign = cells.reduce((n, c) => n + c.nRuns, 0);
  const matched = observed.reduce((n, o) => n + o.nRuns, 0);
  return {
    factors,
    cells: cells as SweepCell[],
    missing: cells.filter((c) => c.nRuns === 0) as SweepCell[],
    totalCells: total,
    coveredCells: cells.filter((c) => c.nRuns > 0).length,
    runsOutsideDesign: matched - inDesign,
  };
}
