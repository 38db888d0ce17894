import {
  type CompiledQuery,
  DummyDriver,
  type Expression,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type SqlBool,
} from 'kysely';
import type { IndexTables } from '../../../../../server/src/index/tables.js';

// Compiles only; the DuckDB dialect is written elsewhere, so tests run the SQL on DuckDB directly.
const db = new Kysely<IndexTables>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (kysely) => new PostgresIntrospector(kysely),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

/** `select run_id from runs where <condition> order by run_id`, compiled for Postgres syntax. */
export function selectRunIds(condition: Expression<SqlBool>): CompiledQuery {
  return db.selectFrom('runs').select('run_id').where(condition).orderBy('run_id').compile();
}
