// What the rest of the consultations module reads from the live room: a comment turned into a
// suggestion, and the room figures a yearly work report quotes.
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/types.js';

export async function commentForSuggestion(db: Kysely<Database>, commentId: number): Promise<{ id: number; meetingId: number; body: string; authorName: string } | undefined> {
  const row = await db
    .selectFrom('consultation_comments')
    .select(['id', 'meeting_id', 'body', 'author_name'])
    .where('id', '=', commentId)
    .executeTakeFirst();
  return row && { id: row.id, meetingId: row.meeting_id, body: row.body, authorName: row.author_name };
}

/**
 * Visible comments and unique participants (people who opened the live stream or commented) of the
 * meetings of these organizations that start in [from, to).
 */
export async function roomStats(
  db: Kysely<Database>,
  organizationIds: number[],
  from: string,
  to: string,
): Promise<{ comments: number; participants: number; byMeeting: Record<number, { comments: number; participants: number }> }> {
  const byMeeting: Record<number, { comments: number; participants: number }> = {};
  if (!organizationIds.length) return { comments: 0, participants: 0, byMeeting };
  const mdb = db;
  const meetingIds = mdb
    .selectFrom('consultation_meetings')
    .select('id')
    .where('organization_id', 'in', organizationIds)
    .where('starts_at', '>=', from)
    .where('starts_at', '<', to);
  const [comments, people] = await Promise.all([
    mdb
      .selectFrom('consultation_comments')
      .select(['meeting_id', (eb) => eb.fn.countAll().as('n')])
      .where('meeting_id', 'in', meetingIds)
      .where('state', '=', 'visible')
      .groupBy('meeting_id')
      .execute(),
    mdb
      .selectFrom('consultation_room_participants')
      .select(['meeting_id', (eb) => eb.fn.countAll().as('n')])
      .where('meeting_id', 'in', meetingIds)
      .groupBy('meeting_id')
      .execute(),
  ]);
  const at = (id: number) => (byMeeting[id] ??= { comments: 0, participants: 0 });
  for (const r of comments) at(r.meeting_id).comments = Number(r.n);
  for (const r of people) at(r.meeting_id).participants = Number(r.n);
  const all = Object.values(byMeeting);
  return { comments: all.reduce((s, m) => s + m.comments, 0), participants: all.reduce((s, m) => s + m.participants, 0), byMeeting };
}
