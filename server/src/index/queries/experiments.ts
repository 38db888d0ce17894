import type { Kysely } from 'kysely';
import type { IndexTables } from '../tables.js';

export interface ExperimentSummary {
  name: string;
  runCount: number;
  needsReviewCount: number;
  firstStartedAt: string;
  lastStartedAt: string;
}

/** Experiments with their run counts, by name; `name` narrows to one. */
export async function experiments(
  db: Kysely<IndexTables>,
  name?: string,
): Promise<ExperimentSummary[]> {
  let q = db
    .selectFrom('runs')
    .select((eb) => [
      'experiment as name',
      eb.fn.countAll<number>().as('runCount'),
      eb.fn.sum<number>(eb.cast<number>('needs_review', 'integer')).as('needsReviewCount'),
      eb.fn.min('started_at').as('firstStartedAt'),
      eb.fn.max('started_at').as('lastStartedAt'),
    ])
    .groupBy('experiment')
    .orderBy('experiment');
  if (name !== undefined) q = q.where('experiment', '=', name);
  const rows = await q.execute();
  return rows.map((r) => ({
    ...r,
    runCount: Number(r.runCount),
    needsReviewCount: Number(r.needsReviewCount),
  }));
}
