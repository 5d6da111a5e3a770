// People in bulk: one account per member, initial passwords that must be changed at first
// sign-in, the one-time download of the initial passwords an import created, and the invited
// people who are not members (officials, experts, public seats) in a meeting's attendance.
import { sql, type Kysely } from 'kysely';
import { idColumn, type Dialect } from '../dialect.js';

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const id = idColumn(dialect);
  await db.schema.alterTable('users').addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  // NULLs are distinct on both databases: accounts without a member are not limited.
  await db.schema.createIndex('users_member_unique').on('users').column('member_id').unique().execute();
  await db.schema.createIndex('users_unit').on('users').columns(['handling_unit_id', 'id']).execute();

  // The initial passwords of an import, as an .xlsx sealed with the server key (AES-256-GCM);
  // the row is deleted when it is downloaded, or once expired.
  await db.schema
    .createTable('account_credentials')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('accounts', 'integer', (c) => c.notNull())
    .addColumn('sealed', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();

  await id(db.schema.createTable('consultation_external_guests'))
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('consultation_meetings.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull().check(sql`category in ('official','expert','public','other')`))
    .addColumn('workplace', 'text')
    .addColumn('phone', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('consultation_external_guests_meeting').on('consultation_external_guests').columns(['meeting_id', 'id']).execute();
}
