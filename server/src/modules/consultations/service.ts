// The public service of consultations: what the live room and other modules (duty records) read.
// Functions taking a db do no scope checks: their callers have already decided who may see what.
import { sql, type Kysely } from 'kysely';
import type { Trx } from '../../platform/context.js';
import type { Database } from '../../platform/db/types.js';
import { yearRange } from '../../platform/time.js';

export interface MeetingForRoom {
  id: number;
  organizationId: number;
  topic: string;
  type: string;
  online: boolean;
  state: string;
  startsAt: string;
  endsAt: string;
}

export async function meetingForRoom(db: Kysely<Database>, meetingId: number): Promise<MeetingForRoom | undefined> {
  const m = await db
    .selectFrom('consultation_meetings')
    .select(['id', 'organization_id', 'topic', 'type', 'online', 'state', 'starts_at', 'ends_at'])
    .where('id', '=', meetingId)
    .executeTakeFirst();
  if (!m) return undefined;
  return { id: m.id, organizationId: m.organization_id, topic: m.topic, type: m.type, online: m.online === 1, state: m.state, startsAt: m.starts_at, endsAt: m.ends_at };
}

/** The speech staff marked as being given now; null when nobody is speaking. */
export async function currentSpeaker(db: Kysely<Database>, meetingId: number): Promise<{ speechId: number; title: string; memberName: string } | null> {
  const row = await db
    .selectFrom('consultation_meetings as cm')
    .innerJoin('consultation_speeches as s', 's.id', 'cm.speaking_speech_id')
    .innerJoin('members as m', 'm.id', 's.member_id')
    .select(['s.id', 's.title', 'm.name'])
    .where('cm.id', '=', meetingId)
    .executeTakeFirst();
  return row ? { speechId: row.id, title: row.title, memberName: row.name } : null;
}

export interface Attendance {
  invited: number;
  present: number;
  leave: number;
  absent: number;
}

/**
 * A member's attendance at the consultations of a year that have ended: present (checked in),
 * on leave (asked with a reason and did not come), absent (neither). Cancelled meetings do not count.
 */
export async function attendanceOf(db: Trx, memberId: number, year: number): Promise<Attendance> {
  const row = await db
    .selectFrom('consultation_invitations as i')
    .innerJoin('consultation_meetings as cm', 'cm.id', 'i.meeting_id')
    .where('i.member_id', '=', memberId)
    .where('cm.state', '=', 'ended')
    .where('cm.starts_at', '>=', yearRange(year).from)
    .where('cm.starts_at', '<', yearRange(year).to)
    .select([
      sql<number>`count(*)`.as('invited'),
      sql<number>`sum(case when i.checked_in_at is not null then 1 else 0 end)`.as('present'),
      sql<number>`sum(case when i.checked_in_at is null and i.answer = 'leave' then 1 else 0 end)`.as('leave'),
    ])
    .executeTakeFirstOrThrow();
  const invited = Number(row.invited ?? 0);
  const present = Number(row.present ?? 0);
  const leave = Number(row.leave ?? 0);
  return { invited, present, leave, absent: invited - present - leave };
}

export {
  meetingImportLookups, insertImportedMeeting, suggestionImportLookups, insertImportedSuggestion, meetingKey, meetingTypeByLabel, suggestionStateByLabel,
  type ImportedMeeting, type ImportedSuggestion,
} from './history.js';

/** How other pages name plans, meetings, suggestions and outcomes: their titles. */
export async function consultationTitles(db: Trx, kind: 'plan' | 'meeting' | 'outcome', ids: number[]): Promise<{ id: number; title: string }[]> {
  if (ids.length === 0) return [];
  if (kind === 'plan') return db.selectFrom('consultation_plans').select(['id', 'title']).where('id', 'in', ids).execute();
  if (kind === 'meeting') return db.selectFrom('consultation_meetings').select(['id', 'topic as title']).where('id', 'in', ids).execute();
  return db.selectFrom('consultation_outcomes').select(['id', 'title']).where('id', 'in', ids).execute();
}
