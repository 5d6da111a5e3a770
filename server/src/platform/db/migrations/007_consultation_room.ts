// The live room of an online consultation: its settings, comments, likes and participants, and
// the numbered events that open pages receive and a reconnecting page replays.
import type { Kysely } from 'kysely';
import { idColumn, type Dialect } from '../dialect.js';

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('consultation_rooms')
    .addColumn('meeting_id', 'integer', (c) => c.primaryKey().references('consultation_meetings.id').onDelete('cascade'))
    .addColumn('stream_url', 'text')
    .addColumn('embed_url', 'text')
    .addColumn('moderation', 'text', (c) => c.notNull().defaultTo('post'))
    .addColumn('open', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('visible_comments', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_by', 'integer', (c) => c.references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await idColumn(dialect)(db.schema.createTable('consultation_comments'))
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('consultation_meetings.id').onDelete('cascade'))
    .addColumn('author_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('author_kind', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('pinned', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('likes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('answer_body', 'text')
    .addColumn('answer_by_name', 'text')
    .addColumn('answered_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // A page of a room's comments is one range scan, newest first, from a cursor.
  await db.schema.createIndex('consultation_comments_meeting').on('consultation_comments').columns(['meeting_id', 'id']).execute();
  await db.schema.createIndex('consultation_comments_created').on('consultation_comments').columns(['created_at']).execute();

  await db.schema
    .createTable('consultation_comment_likes')
    .addColumn('comment_id', 'integer', (c) => c.notNull().references('consultation_comments.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('consultation_comment_likes_pk', ['comment_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('consultation_room_events')
    .addColumn('meeting_id', 'integer', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('comment_id', 'integer')
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('consultation_room_events_pk', ['meeting_id', 'seq'])
    .execute();

  await db.schema
    .createTable('consultation_room_participants')
    .addColumn('meeting_id', 'integer', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('first_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('consultation_room_participants_pk', ['meeting_id', 'user_id'])
    .execute();
  await db.schema.createIndex('consultation_room_participants_first').on('consultation_room_participants').columns(['first_at']).execute();
}
