/**
 * Kysely's PostgreSQL introspector reads every table of every schema in the database (and asks
 * for each one's serial sequences), so a migration fails if another schema is dropped at that
 * moment — tests run side by side, each in a schema of its own. The migrator only needs table
 * and schema names, so this introspector looks at the schemas on the search path alone.
 */
import {
  sql,
  type DatabaseIntrospector,
  type DatabaseMetadata,
  type Kysely,
  type SchemaMetadata,
  type TableMetadata,
} from 'kysely';

export class SearchPathIntrospector implements DatabaseIntrospector {
  constructor(private readonly db: Kysely<any>) {}

  async getSchemas(): Promise<SchemaMetadata[]> {
    const { rows } = await sql<{
      name: string;
    }>`select nspname as name from pg_catalog.pg_namespace where nspname = any(current_schemas(false))`.execute(
      this.db,
    );
    return rows;
  }

  async getTables(): Promise<TableMetadata[]> {
    const { rows } = await sql<{ name: string; schema: string; kind: string }>`
      select c.relname as name, n.nspname as schema, c.relkind as kind
      from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
      where n.nspname = any(current_schemas(false)) and c.relkind in ('r', 'p', 'v', 'm')`.execute(this.db);
    return rows.map((t) => ({ name: t.name, schema: t.schema, isView: t.kind === 'v' || t.kind === 'm', columns: [] }));
  }

  async getMetadata(): Promise<DatabaseMetadata> {
    return { tables: await this.getTables() };
  }
}
