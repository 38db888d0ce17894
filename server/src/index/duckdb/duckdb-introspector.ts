import {
  type ColumnMetadata,
  type DatabaseIntrospector,
  type DatabaseMetadata,
  type DatabaseMetadataOptions,
  DEFAULT_MIGRATION_LOCK_TABLE,
  DEFAULT_MIGRATION_TABLE,
  type Kysely,
  type SchemaMetadata,
  sql,
  type TableMetadata,
} from 'kysely';

interface ColumnRow {
  schema: string;
  table: string;
  column: string;
  data_type: string;
  is_nullable: boolean;
  has_default: boolean;
  comment: string | null;
  is_view: boolean;
}

/**
 * Schema metadata from DuckDB's `duckdb_columns()`, since Kysely's Postgres introspector
 * calls Postgres-only functions (pg_get_serial_sequence) that DuckDB lacks.
 */
export class DuckDbIntrospector implements DatabaseIntrospector {
  readonly #db: Kysely<unknown>;

  constructor(db: Kysely<unknown>) {
    this.#db = db;
  }

  async getSchemas(): Promise<SchemaMetadata[]> {
    const result = await sql<{ name: string }>`
      select schema_name as name from duckdb_schemas()
      where database_name = current_database()
        and schema_name not in ('information_schema', 'pg_catalog')
      order by schema_name`.execute(this.#db);
    return result.rows;
  }

  async getTables(
    options: DatabaseMetadataOptions = { withInternalKyselyTables: false },
  ): Promise<TableMetadata[]> {
    const hidden = options.withInternalKyselyTables
      ? []
      : [DEFAULT_MIGRATION_TABLE, DEFAULT_MIGRATION_LOCK_TABLE];
    const result = await sql<ColumnRow>`
      select c.schema_name as schema, c.table_name as "table", c.column_name as "column",
        c.data_type, c.is_nullable, c.column_default is not null as has_default, c.comment,
        exists (select 1 from duckdb_views() v where v.database_name = c.database_name
          and v.schema_name = c.schema_name and v.view_name = c.table_name) as is_view
      from duckdb_columns() c
      where c.database_name = current_database() and not c.internal
        and not list_contains(${hidden}, c.table_name)
      order by c.schema_name, c.table_name, c.column_index`.execute(this.#db);
    const tables = new Map<string, TableMetadata & { columns: ColumnMetadata[] }>();
    for (const row of result.rows) {
      const key = `${row.schema}.${row.table}`;
      let table = tables.get(key);
      if (!table) {
        table = { name: row.table, schema: row.schema, isView: row.is_view, columns: [] };
        tables.set(key, table);
      }
      table.columns.push({
        name: row.column,
        dataType: row.data_type,
        isNullable: row.is_nullable,
        hasDefaultValue: row.has_default,
        isAutoIncrementing: false,
        ...(row.comment ? { comment: row.comment } : {}),
      });
    }
    return [...tables.values()];
  }

  async getMetadata(options?: DatabaseMetadataOptions): Promise<DatabaseMetadata> {
    return { tables: await this.getTables(options) };
  }
}
