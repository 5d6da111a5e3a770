// The figures a yearly work report quotes: meetings held by type and month, participations (members
// present plus unique online participants), comments, suggestions and how many were adopted.
// A year is the calendar year in Asia/Shanghai; the figures are of one organization, or of it and
// every organization below it (scope 'system').
import { sql } from 'kysely';
import type { Trx } from '../../platform/context.js';
import type { Database } from '../../platform/db/types.js';
import type { Kysely } from 'kysely';
import type { OrgScope } from '../../platform/scope.js';
import { chinaMonth, yearRange } from '../../platform/time.js';
import { roomStats } from './room-service.js';
import { meetingTypes, type MeetingTypeKey } from './schema.js';
import { counted } from '../../platform/plural.js';
import { stageCounts } from '../suggestions/service.js';

export async function consultationStats(db: Kysely<Database>, organizationId: number, scope: OrgScope, orgs: number[], year: number) {
  const { from, to } = yearRange(year);
  // Held: started and not called off. Drafts, cancelled and upcoming meetings are not work done.
  const meetings = await db
    .selectFrom('consultation_meetings')
    .select(['id', 'type', 'starts_at', 'online', 'reported_present'])
    .where('organization_id', 'in', orgs)
    .where('starts_at', '>=', from)
    .where('starts_at', '<', to)
    .where('state', 'in', ['in_progress', 'ended'])
    .execute();
  const ids = meetings.map((m) => m.id);
  const meetingsByType = Object.fromEntries(Object.keys(meetingTypes).map((t) => [t, 0])) as Record<MeetingTypeKey, number>;
  const meetingsByMonth = Array.from({ length: 12 }, () => 0);
  for (const m of meetings) {
    meetingsByType[m.type]++;
    meetingsByMonth[chinaMonth(m.starts_at)]!++;
  }
  // Members checked in, per meeting. A meeting brought in from past records counts as many as it
  // reported present (实到): its named attendees are among them, the others were never named.
  const checkedIn = ids.length
    ? await db.selectFrom('consultation_invitations').select(['meeting_id', sql<number>`count(*)`.as('n')]).where('meeting_id', 'in', ids).where('checked_in_at', 'is not', null).groupBy('meeting_id').execute()
    : [];
  const presentAt = new Map(checkedIn.map((r) => [r.meeting_id, Number(r.n)]));
  const present = meetings.reduce((n, m) => n + (m.reported_present ?? presentAt.get(m.id) ?? 0), 0);
  const room = await roomStats(db, orgs, from, to);
  const heldOnline = meetings.filter((m) => m.online === 1).map((m) => m.id);
  const onlineParticipants = heldOnline.reduce((n, id) => n + (room.byMeeting[id]?.participants ?? 0), 0);
  const comments = heldOnline.reduce((n, id) => n + (room.byMeeting[id]?.comments ?? 0), 0);
  const sg = await suggestionCounts(db, orgs, from, to);
  const outcomes = Number(
    (await db.selectFrom('consultation_outcomes as o').innerJoin('consultation_meetings as cm', 'cm.id', 'o.meeting_id').select(sql<number>`count(*)`.as('n'))
      .where('o.organization_id', 'in', orgs).where('cm.starts_at', '>=', from).where('cm.starts_at', '<', to).executeTakeFirstOrThrow()).n,
  );
  const total = present + onlineParticipants;
  const onlineHeld = heldOnline.length;
  return {
    year, organizationId, scope, organizationIds: orgs,
    meetings: meetings.length, onlineMeetings: onlineHeld, meetingsByType, meetingsByMonth,
    participations: { attendance: present, onlineParticipants, total },
    comments, suggestions: sg, outcomes,
    headline: {
      zh: `全年开展协商活动${meetings.length}次，其中网络议政${onlineHeld}次，参与${total}人次（现场出席${present}人次、网络参与${onlineParticipants}人次），网民留言${comments}条，形成意见建议${sg.total}条，已交办${sg.assigned}条，已采纳${sg.adopted}条，报送协商成果${outcomes}份。`,
      en: `${counted(meetings.length, 'consultation')} held in ${year} (${onlineHeld} online), with ${counted(total, 'participation')} (${present} in person, ${onlineParticipants} online), ${counted(comments, 'comment')}, ${counted(sg.total, 'suggestion')}, ${sg.assigned} assigned, ${sg.adopted} adopted, and ${counted(outcomes, 'outcome report')}.`,
    },
  };
}

/** Suggestions of the meetings of the year (whatever the meeting's state), counted by the shared tracker. */
async function suggestionCounts(db: Trx, orgs: number[], from: string, to: string) {
  const meetings = await db.selectFrom('consultation_meetings').select('id').where('organization_id', 'in', orgs).where('starts_at', '>=', from).where('starts_at', '<', to).execute();
  return stageCounts(db, 'consultation_meeting', meetings.map((m) => m.id), orgs);
}
