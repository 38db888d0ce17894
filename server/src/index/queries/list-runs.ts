import { type Expression, type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import { InvalidInputError } from '../../domain-error.js';
import type { IndexTables, RunsTable } from '../tables.js';
import { compileRunQuery, type RunFilter } from '../where/index.js';
import { type CursorValue, decodeCursor, encodeCursor } from './cursor.js';
import { fieldValue, type ResolvedField, resolveField } from './field-ref.js';

export interface RunOrder {
  field: string;
  direction: 'ASC' | 'DESC';
}

export interface ListRunsArgs {
  filter?: RunFilter;
  where?: string;
  orderBy?: readonly RunOrder[];
  first: number;
  after?: string | null;
  maxFirst: number;
}

export interface RunPage {
  runs: Array<{ row: RunsTable; cursor: string }>;
  hasNextPage: boolean;
  totalCount: number;
}

const DEFAULT_ORDER: RunOrder[] = [{ field: 'attributes.started_at', direction: 'DESC' }];
const MAX_ORDER_KEYS = 5;

const COALESCE_DEFAULT: Record<ResolvedField['kind'], RawBuilder<unknown>> = {
  number: sql`0`,
  string: sql`''`,
  boolean: sql`false`,
  time: sql`TIMESTAMPTZ '1970-01-01 00:00:00+00'`,
};

interface SortKey {
  alias: string;
  direction: 'ASC' | 'DESC';
  /** How a cursor value is bound back into SQL for comparison. */
  bind(value: CursorValue): RawBuilder<unknown>;
}

interface KeyValueJoin {
  alias: string;
  table: string;
  key: string;
}

/**
 * Every order key becomes a non-null pair (is-null flag, coalesced value) so keysets compare.
 * Metric, param and tag keys are LEFT JOINed ((run_id, key) is unique): DuckDB runs a join far
 * faster than a correlated subquery per row.
 */
function sortKeys(order: readonly RunOrder[]): {
  selects: RawBuilder<unknown>[];
  keys: SortKey[];
  joins: KeyValueJoin[];
} {
  const selects: RawBuilder<unknown>[] = [];
  const keys: SortKey[] = [];
  const joins: KeyValueJoin[] = [];
  order.forEach((o, i) => {
    const field = resolveField(o.field, `orderBy[${i}].field`);
    let value = fieldValue(field);
    if (field.type === 'keyValue') {
      joins.push({ alias: `_j${i}`, table: field.table, key: field.key });
      value = sql`${sql.ref(`_j${i}.value`)}`;
    }
    selects.push(sql`(${value}) IS NULL`.as(`_s${i}n`) as unknown as RawBuilder<unknown>);
    selects.push(
      sql`COALESCE(${value}, ${COALESCE_DEFAULT[field.kind]})`.as(
        `_s${i}v`,
      ) as unknown as RawBuilder<unknown>,
    );
    keys.push({ alias: `_s${i}n`, direction: 'ASC', bind: (v) => sql`${v}` });
    keys.push({
      alias: `_s${i}v`,
      direction: o.direction,
      bind: (v) => (field.kind === 'time' ? sql`CAST(${v} AS TIMESTAMPTZ)` : sql`${v}`),
    });
  });
  keys.push({ alias: 'run_id', direction: 'ASC', bind: (v) => sql`${v}` });
  return { selects, keys, joins };
}

/** `(k0, k1, ...) > (c0, c1, ...)` in each key's own direction, expanded for mixed directions. */
function after(keys: SortKey[], values: CursorValue[]): RawBuilder<SqlBool> {
  const terms = keys.map((key, j) => {
    const equal = keys
      .slice(0, j)
      .map((k, i) => sql`t.${sql.ref(k.alias)} = ${k.bind(values[i] ?? null)}`);
    const cmp = key.direction === 'ASC' ? sql`>` : sql`<`;
    const strict = sql`t.${sql.ref(key.alias)} ${cmp} ${key.bind(values[j] ?? null)}`;
    return sql`(${sql.join([...equal, strict], sql` AND `)})`;
  });
  return sql<SqlBool>`(${sql.join(terms, sql` OR `)})`;
}

/** A page of runs in a stable order (ties broken by run id) with keyset cursors. */
export async function listRuns(db: Kysely<IndexTables>, args: ListRunsArgs): Promise<RunPage> {
  if (!Number.isInteger(args.first) || args.first < 0) {
    throw new InvalidInputError(`must be a non-negative integer, got ${args.first}`, 'first');
  }
  if (args.first > args.maxFirst) {
    throw new InvalidInputError(
      `is ${args.first}; at most ${args.maxFirst} runs a page (page with after)`,
      'first',
    );
  }
  const order = args.orderBy && args.orderBy.length > 0 ? args.orderBy : DEFAULT_ORDER;
  if (order.length > MAX_ORDER_KEYS) {
    throw new InvalidInputError(`has ${order.length} keys; at most ${MAX_ORDER_KEYS}`, 'orderBy');
  }
  const signature = JSON.stringify(order.map((o) => [o.field, o.direction]));
  const { selects, keys, joins } = sortKeys(order);
  const condition: Expression<SqlBool> = compileRunQuery(args.filter, args.where);
  // Sort and cut on narrow rows (run id and sort keys), then fetch the page's full rows.
  let from = db.selectFrom('runs');
  for (const j of joins) {
    from = from.leftJoin(sql.table(j.table).as(j.alias) as never, (join) =>
      join
        .onRef(`${j.alias}.run_id` as never, '=', 'runs.run_id')
        .on(`${j.alias}.key` as never, '=', j.key as never),
    );
  }
  const inner = from
    .select('runs.run_id')
    .select(selects as never[])
    .where(condition);
  let narrow = db.selectFrom(inner.as('t')).selectAll('t');
  if (args.after) {
    const values = decodeCursor(args.after, signature, keys.length);
    narrow = narrow.where(after(keys, values));
  }
  const direction = (key: SortKey) => (key.direction === 'ASC' ? 'asc' : 'desc');
  for (const key of keys) narrow = narrow.orderBy(sql.ref(`t.${key.alias}`), direction(key));
  const [narrowRows, count] = await Promise.all([
    narrow.limit(args.first + 1).execute(),
    db
      .selectFrom('runs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(condition)
      .executeTakeFirstOrThrow(),
  ]);
  // Full rows by primary key (an index scan): joining them back makes DuckDB scan every
  // column of the table. A run deleted between the two reads is left out of the page.
  const ids = narrowRows.slice(0, args.first).map((r) => r.run_id);
  const full =
    ids.length === 0
      ? []
      : await db.selectFrom('runs').selectAll().where('run_id', 'in', ids).execute();
  const byId = new Map(full.map((r) => [r.run_id, r]));
  const page = narrowRows.slice(0, args.first).flatMap((keys) => {
    const row = byId.get(keys.run_id);
    return row ? [{ ...row, ...keys } as RunsTable & Record<string, CursorValue>] : [];
  });
  return {
    runs: page.map((row) => ({
      row,
      cursor: encodeCursor(
        signature,
        keys.map((k) => row[k.alias] ?? null),
      ),
    })),
    hasNextPage: narrowRows.length > args.first,
    totalCount: Number(count.n),
  };
}
