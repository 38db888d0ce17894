/**
 * Kysely dialect for DuckDB over `@duckdb/node-api`.
 *
 * Why our own: the deprecated `duckdb` package cannot be installed, and the maintained
 * `kysely-duckdb` opens a connection per query and drops the result of any query whose only
 * column is named `count`. This one keeps a small pool of long-lived connections, reuses
 * prepared statements per connection, and maps every value to JSON-friendly JS (no `bigint`,
 * no local-time `Date`; see result-values.ts). DuckDB's SQL follows Postgres, so Kysely's
 * Postgres compiler (with `$1` placeholders) is reused as is.
 */
import {
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  PostgresAdapter,
  PostgresQueryCompiler,
  type QueryCompiler,
} from 'kysely';
import { DuckDbDriver, type DuckDbDriverConfig } from './duckdb-driver.js';
import { DuckDbIntrospector } from './duckdb-introspector.js';

export type DuckDbDialectConfig = DuckDbDriverConfig;

/** Postgres semantics minus Postgres advisory locks, which DuckDB lacks. */
class DuckDbAdapter extends PostgresAdapter {
  // DuckDB allows one writing process per database file, so migrations need no extra lock.
  override async acquireMigrationLock(): Promise<void> {}
  override async releaseMigrationLock(): Promise<void> {}
}

export class DuckDbDialect implements Dialect {
  readonly #config: DuckDbDialectConfig;

  constructor(config: DuckDbDialectConfig) {
    this.#config = config;
  }

  createDriver(): Driver {
    return new DuckDbDriver(this.#config);
  }

  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler();
  }

  createAdapter(): DialectAdapter {
    return new DuckDbAdapter();
  }

  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new DuckDbIntrospector(db);
  }
}
