// Livelihood halls (民生议事堂): residents' topics at a place, one support per account, the
// staff's screening (adopt, merge, decline with a reason), deliberation sessions with their
// topics and record, and residents' ratings of how a closed topic was handled (moderated).
import type { Kysely } from 'kysely';
import { idColumn, type Dialect } from '../dialect.js';
import { createSearchIndex } from '../../search.js';

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const id = idColumn(dialect);
  await id(db.schema.createTable('hall_sessions'))
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('place_id', 'integer', (c) => c.notNull().references('places.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('convener_member_id', 'integer', (c) => c.references('members.id'))
    .addColumn('research_notes', 'text')
    .addColumn('minutes', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('hall_sessions_place').on('hall_sessions').columns(['place_id', 'starts_at']).execute();

  await id(db.schema.createTable('hall_topics'))
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('place_id', 'integer', (c) => c.notNull().references('places.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('proposer_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('merged_into', 'integer', (c) => c.references('hall_topics.id'))
    .addColumn('decline_reason', 'text')
    .addColumn('session_id', 'integer', (c) => c.references('hall_sessions.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('hall_topics_place').on('hall_topics').columns(['place_id', 'id']).execute();

  // One support per account and topic: the unique key keeps the count right under concurrent requests.
  await id(db.schema.createTable('hall_supports'))
    .addColumn('topic_id', 'integer', (c) => c.notNull().references('hall_topics.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('hall_supports_once', ['topic_id', 'user_id'])
    .execute();

  await id(db.schema.createTable('hall_ratings'))
    .addColumn('topic_id', 'integer', (c) => c.notNull().references('hall_topics.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('stars', 'integer', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('hall_ratings_once', ['topic_id', 'user_id'])
    .execute();

  // Who is invited: members, handling units (departments) and resident representatives by name.
  await id(db.schema.createTable('hall_session_invitees'))
    .addColumn('session_id', 'integer', (c) => c.notNull().references('hall_sessions.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('member_id', 'integer', (c) => c.references('members.id'))
    .addColumn('unit_id', 'integer', (c) => c.references('handling_units.id'))
    .addColumn('name', 'text')
    .execute();
  await db.schema.createIndex('hall_session_invitees_session').on('hall_session_invitees').column('session_id').execute();
  // The record: who spoke, with what, in order.
  await id(db.schema.createTable('hall_session_speakers'))
    .addColumn('session_id', 'integer', (c) => c.notNull().references('hall_sessions.id').onDelete('cascade'))
    .addColumn('sort', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('member_id', 'integer', (c) => c.references('members.id'))
    .addColumn('summary', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('hall_session_speakers_session').on('hall_session_speakers').columns(['session_id', 'sort']).execute();

  // A finished topic published as a case (案例): before and after, on the public case list.
  await id(db.schema.createTable('hall_cases'))
    .addColumn('topic_id', 'integer', (c) => c.notNull().unique().references('hall_topics.id'))
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('before_text', 'text', (c) => c.notNull())
    .addColumn('after_text', 'text', (c) => c.notNull())
    .addColumn('published_by', 'integer', (c) => c.references('users.id'))
    .addColumn('published_at', 'text', (c) => c.notNull())
    .execute();

  // Similar earlier topics, shown while a topic is written and while it is screened.
  await createSearchIndex(db, dialect, 'hall_topic');
}
