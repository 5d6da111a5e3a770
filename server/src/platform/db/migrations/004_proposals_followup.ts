// What follows a proposal's handling: in-app notifications (with their e-mail outbox), deadline
// reminders sent once each, key proposals' sponsors and progress, quality ratings and excellent
// proposals, public disclosure of replies. One set for both dialects.
import { sql, type Kysely } from 'kysely';
import { idColumn, type Dialect } from '../dialect.js';

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const id = idColumn(dialect);
  const score = (c: any) => c.notNull().check(sql`score between 0 and 100`);

  await id(db.schema.createTable('notifications'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('body_en', 'text', (c) => c.notNull())
    .addColumn('link', 'text')
    .addColumn('entity_type', 'text')
    .addColumn('entity_id', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    // The e-mail copy waits here (an outbox): null when none is due.
    .addColumn('email_to', 'text')
    .addColumn('email_state', 'text', (c) => c.check(sql`email_state in ('pending','sending','sent','failed')`))
    .addColumn('email_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('notifications_user').on('notifications').columns(['user_id', 'id']).execute();
  await db.schema.createIndex('notifications_email').on('notifications').columns(['email_state', 'id']).execute();

  await db.schema
    .createTable('notification_settings')
    .addColumn('user_id', 'integer', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('email', 'text')
    .addColumn('email_enabled', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  // A change event that every server process hears is turned into notifications once: the process
  // that inserts its key writes them.
  await db.schema
    .createTable('notification_claims')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();

  // One row per assignment and kind of reminder, inserted in the transaction that notifies: the
  // primary key lets exactly one of several processes send it.
  await db.schema
    .createTable('proposal_reminders')
    .addColumn('assignment_id', 'integer', (c) => c.notNull().references('proposal_assignments.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('d30','d7','d1','overdue')`))
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('proposal_reminders_pk', ['assignment_id', 'kind'])
    .execute();

  // 领办: the leaders who sponsor a key proposal.
  await db.schema
    .createTable('proposal_sponsors')
    .addColumn('proposal_id', 'integer', (c) => c.notNull().references('proposals.id'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('proposal_sponsors_pk', ['proposal_id', 'user_id'])
    .execute();
  await db.schema.createIndex('proposal_sponsors_user').on('proposal_sponsors').columns(['user_id', 'proposal_id']).execute();

  // Progress meetings and notes on a key proposal.
  await id(db.schema.createTable('proposal_progress'))
    .addColumn('proposal_id', 'integer', (c) => c.notNull().references('proposals.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('meeting','note')`))
    .addColumn('held_on', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('proposal_progress_proposal').on('proposal_progress').columns(['proposal_id', 'id']).execute();

  // The committee's rating of an accepted proposal's quality.
  await db.schema
    .createTable('proposal_quality')
    .addColumn('proposal_id', 'integer', (c) => c.primaryKey().references('proposals.id'))
    .addColumn('score', 'integer', score)
    .addColumn('comment', 'text')
    .addColumn('rated_by', 'integer', (c) => c.references('users.id'))
    .addColumn('rated_at', 'text', (c) => c.notNull())
    .execute();

  // 优秀提案, selected at the end of a year.
  await db.schema
    .createTable('proposal_excellent')
    .addColumn('proposal_id', 'integer', (c) => c.primaryKey().references('proposals.id'))
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('citation', 'text')
    .addColumn('selected_by', 'integer', (c) => c.references('users.id'))
    .addColumn('selected_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('proposal_excellent_org_year').on('proposal_excellent').columns(['organization_id', 'year']).execute();

  // The office's rating of how a unit handled one assignment.
  await db.schema
    .createTable('proposal_unit_quality')
    .addColumn('assignment_id', 'integer', (c) => c.primaryKey().references('proposal_assignments.id'))
    .addColumn('score', 'integer', score)
    .addColumn('comment', 'text')
    .addColumn('rated_by', 'integer', (c) => c.references('users.id'))
    .addColumn('rated_at', 'text', (c) => c.notNull())
    .execute();

  // Whether a public proposal's replies are public too (the proposal's own flag is proposals.is_public).
  await db.schema
    .createTable('proposal_disclosures')
    .addColumn('proposal_id', 'integer', (c) => c.primaryKey().references('proposals.id'))
    .addColumn('replies_public', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('published_by', 'integer', (c) => c.references('users.id'))
    .addColumn('published_at', 'text', (c) => c.notNull())
    .execute();
  // The public list walks public proposals newest first.
  await db.schema.createIndex('proposals_public').on('proposals').columns(['is_public', 'organization_id', 'id']).execute();
}
