// Members' duty records (委员履职): one row per act that counts, derived from the modules' records
// or entered by the office, and the points each kind is worth per organization and year.
import type { Kysely } from 'kysely';
import { idColumn, type Dialect } from '../dialect.js';

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const id = idColumn(dialect);
  await id(db.schema.createTable('duty_events'))
    .addColumn('member_id', 'integer', (c) => c.notNull().references('members.id'))
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('source_type', 'text', (c) => c.notNull())
    .addColumn('source_id', 'integer', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('points', 'real', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('entered_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    // A retried command or a second rebuild never counts an act twice.
    .addUniqueConstraint('duty_events_once', ['kind', 'source_type', 'source_id', 'member_id'])
    .execute();
  await db.schema.createIndex('duty_events_member_year').on('duty_events').columns(['member_id', 'year']).execute();
  await db.schema.createIndex('duty_events_org_year').on('duty_events').columns(['organization_id', 'year', 'kind']).execute();
  await db.schema.createIndex('duty_events_source').on('duty_events').columns(['source_type', 'source_id']).execute();
  // An act no module sees (a research trip, a training), entered by the office for one or many members.
  await id(db.schema.createTable('duty_entries'))
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('occurred_on', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('entered_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // A member's claim of an act no module saw; approved by the office into an entry, or returned with a reason.
  await id(db.schema.createTable('duty_claims'))
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('member_id', 'integer', (c) => c.notNull().references('members.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('occurred_on', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('return_reason', 'text')
    .addColumn('entry_id', 'integer', (c) => c.references('duty_entries.id'))
    .addColumn('decided_by', 'integer', (c) => c.references('users.id'))
    .addColumn('decided_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('duty_claims_org_state').on('duty_claims').columns(['organization_id', 'state']).execute();
  await db.schema.createTable('duty_rules')
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('points', 'real', (c) => c.notNull())
    .addColumn('cap', 'real')
    .addColumn('updated_by', 'integer', (c) => c.references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('duty_rules_pk', ['organization_id', 'year', 'kind'])
    .execute();
}
