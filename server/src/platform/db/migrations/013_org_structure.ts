// Organizations retired, terms and sessions closed; the database keeps one current term per
// organization (a partial unique index, on SQLite and PostgreSQL alike).
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';

export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema.alterTable('organizations').addColumn('retired_at', 'text').execute();
  await db.schema.alterTable('terms').addColumn('closed_at', 'text').execute();
  await db.schema.alterTable('sessions').addColumn('closed_at', 'text').execute();
  await sql`create unique index terms_one_current on terms (organization_id) where current = 1`.execute(db);
}
