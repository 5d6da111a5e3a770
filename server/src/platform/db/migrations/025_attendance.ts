// Attendance (签到) shared by consultation meetings and hall sessions, later lounge and reading
// events: one row per person per event, whatever the event's module. A meeting keeps its own
// check-in token and its invitations' checked_in_at (its pages read them); the other sources take
// their QR token from attendance_codes. Hall sessions get an end, which bounds the check-in window,
// and residents invited by account, who may check in as members do.
import { sql, type Kysely } from 'kysely';
import { idColumn, type Dialect } from '../dialect.js';

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const id = idColumn(dialect);
  await id(db.schema.createTable('attendance_checkins'))
    .addColumn('source_type', 'text', (c) => c.notNull())
    .addColumn('source_id', 'integer', (c) => c.notNull())
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('member_id', 'integer', (c) => c.references('members.id'))
    // The source's own invitee row (a meeting's invitation, a session's invitee).
    .addColumn('invitee_id', 'integer')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    // Once per person and event: the unique keys decide when the same code is scanned twice at once.
    .addUniqueConstraint('attendance_checkins_once', ['source_type', 'source_id', 'user_id'])
    .addUniqueConstraint('attendance_checkins_member_once', ['source_type', 'source_id', 'member_id'])
    .execute();

  await id(db.schema.createTable('attendance_codes'))
    .addColumn('source_type', 'text', (c) => c.notNull())
    .addColumn('source_id', 'integer', (c) => c.notNull())
    .addColumn('token', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('attendance_codes_source', ['source_type', 'source_id'])
    .execute();

  await db.schema.alterTable('hall_sessions').addColumn('ends_at', 'text').execute();
  await db.schema.alterTable('hall_session_invitees').addColumn('user_id', 'integer', (c) => c.references('users.id')).execute();

  // Meetings' check-ins made before this table: one row per member, under the member's first account.
  await sql`
    insert into attendance_checkins (source_type, source_id, organization_id, user_id, member_id, invitee_id, at, method)
    select 'consultation_meeting', i.meeting_id, m.organization_id, min(u.id), i.member_id, i.id, i.checked_in_at, 'qr'
    from consultation_invitations i
    join consultation_meetings m on m.id = i.meeting_id
    join users u on u.member_id = i.member_id
    where i.checked_in_at is not null
    group by i.meeting_id, m.organization_id, i.member_id, i.id, i.checked_in_at`.execute(db);
}
