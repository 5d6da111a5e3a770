// Member lounges (委员会客厅): themed events with their participations, the published rota of
// members on duty, residents' questions in the online lounge, and the star level (1-5) from rules
// each organization sets as data, confirmed by the office per lounge and year.
import type { Kysely } from 'kysely';
import { idColumn, type Dialect } from '../dialect.js';

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const id = idColumn(dialect);
  await id(db.schema.createTable('lounge_events'))
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('place_id', 'integer', (c) => c.notNull().references('places.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('theme', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text')
    // Residents expected, as the office plans it.
    .addColumn('residents', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    // A headcount entered by the office (with its reason) counts instead of the check-ins.
    .addColumn('headcount', 'integer')
    .addColumn('headcount_reason', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('lounge_events_place').on('lounge_events').columns(['place_id', 'starts_at']).execute();
  await id(db.schema.createTable('lounge_event_invitees'))
    .addColumn('event_id', 'integer', (c) => c.notNull().references('lounge_events.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('member_id', 'integer', (c) => c.references('members.id'))
    .addColumn('unit_id', 'integer', (c) => c.references('handling_units.id'))
    .execute();
  await db.schema.createIndex('lounge_event_invitees_event').on('lounge_event_invitees').column('event_id').execute();
  await id(db.schema.createTable('lounge_rota'))
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('place_id', 'integer', (c) => c.notNull().references('places.id'))
    .addColumn('member_id', 'integer', (c) => c.notNull().references('members.id'))
    .addColumn('from_date', 'text', (c) => c.notNull())
    .addColumn('to_date', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('lounge_rota_place').on('lounge_rota').columns(['place_id', 'from_date']).execute();
  await id(db.schema.createTable('lounge_questions'))
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('place_id', 'integer', (c) => c.notNull().references('places.id'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('reject_reason', 'text')
    .addColumn('published_at', 'text')
    .addColumn('answer', 'text')
    .addColumn('answered_by', 'integer', (c) => c.references('members.id'))
    .addColumn('answered_at', 'text')
    .addColumn('reminded_at', 'text')
    // The asker's rating of the answer, 1-5.
    .addColumn('rating', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('lounge_questions_place').on('lounge_questions').columns(['place_id', 'state']).execute();
  await db.schema.createTable('lounge_star_rules')
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('events', 'integer', (c) => c.notNull())
    .addColumn('participations', 'integer', (c) => c.notNull())
    .addColumn('answered', 'integer', (c) => c.notNull())
    .addColumn('rating', 'real', (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('lounge_star_rules_pk', ['organization_id', 'level'])
    .execute();
  await db.schema.createTable('lounge_star_levels')
    .addColumn('place_id', 'integer', (c) => c.notNull().references('places.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('figures', 'text', (c) => c.notNull())
    .addColumn('confirmed_by', 'integer', (c) => c.references('users.id'))
    .addColumn('confirmed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('lounge_star_levels_pk', ['place_id', 'year'])
    .execute();
}
