// Meetings and suggestions of past years brought in from a spreadsheet: the lookups an import
// checks its rows against, and the inserts that write them with their original dates.
//
// A past meeting goes in ended, as a held meeting is: its named attendees as checked in at its
// start (so they count in the meeting's attendance list and in their duty records as a live
// check-in does), members on leave and absent as invited without a check-in, and the counts the
// office reported (应到/实到, migration 015) for the figures. Nobody is notified, and the meeting's
// check-in code is refused (an ended meeting has no check-in window).
// A past suggestion goes in with its units, their answers and its state: an answered or adopted
// one follows the workflow from there (its units cannot answer again, adopting it twice is refused).
import type { Ctx, Trx } from '../../platform/context.js';
import type { MeetingType, SuggestionState } from '../../platform/db/consultation-types.js';
import { insertRow } from '../../platform/db/insert.js';
import { replaceDuty } from '../duty/service.js';
import { consultationsDuty } from './duty.js';
import { chinaDate } from '../../platform/time.js';
import { record } from './commands.js';
import { newCheckinToken } from './meetings.js';
import { meetingTypes } from './schema.js';
import { importSuggestion, suggestionFlow, titlesBySource } from '../suggestions/service.js';

/** The meeting types by their Chinese names (专题协商会 → thematic). */
export const meetingTypeByLabel = new Map<string, MeetingType>(Object.entries(meetingTypes).map(([key, label]) => [label.zh, key as MeetingType]));
/** The suggestion states by their Chinese names (已采纳 → adopted). */
export const suggestionStateByLabel = new Map<string, SuggestionState>(Object.entries(suggestionFlow.states).map(([key, label]) => [label.zh, key as SuggestionState]));

/** A meeting is named in a file by its title and its date in China. */
export const meetingKey = (topic: string, date: string) => `${topic}\u0000${date}`;

export async function meetingImportLookups(db: Trx, organizationId: number) {
  const [members, committees, meetings] = await Promise.all([
    db.selectFrom('members').select(['id', 'name']).where('organization_id', '=', organizationId).execute(),
    db.selectFrom('committees').select(['id', 'name']).where('organization_id', '=', organizationId).execute(),
    db.selectFrom('consultation_meetings').select(['topic', 'starts_at']).where('organization_id', '=', organizationId).where('state', '!=', 'cancelled').execute(),
  ]);
  return {
    /** A name shared by two members is ambiguous: it maps to null. */
    member: members.reduce((m, r) => m.set(r.name, m.has(r.name) ? null : r.id), new Map<string, number | null>()),
    committee: new Map(committees.map((c) => [c.name, c.id])),
    /** Meetings already held (title and date), and those earlier in the file as they are checked. */
    taken: new Set(meetings.map((m) => meetingKey(m.topic, chinaDate(m.starts_at)))),
  };
}

export interface ImportedMeeting {
  type: MeetingType;
  topic: string;
  startsAt: string;
  endsAt: string;
  place: string;
  online: boolean;
  committeeId: number | null;
  /** 应到 and 实到 as reported; the named members are among them. */
  invited: number;
  present: number;
  attendeeIds: number[];
  leaveIds: number[];
  absentIds: number[];
}

export async function insertImportedMeeting(trx: Trx, organizationId: number, authorUserId: number, m: ImportedMeeting): Promise<number> {
  const id = await insertRow(trx, 'consultation_meetings', {
    organization_id: organizationId, type: m.type, topic: m.topic, starts_at: m.startsAt, ends_at: m.endsAt, place: m.place, online: m.online ? 1 : 0, state: 'ended',
    committee_id: m.committeeId, created_by: authorUserId, created_at: m.startsAt, updated_at: m.endsAt, plan_item_id: null, public_seats: 0,
    checkin_token: newCheckinToken(), speaking_speech_id: null, votes_per_attendee: 3, vote_opens_at: null, vote_closes_at: null, best_confirmed_at: null,
    cancel_reason: null, reported_invited: m.invited, reported_present: m.present,
  }, true);
  const invite = (member_id: number, answer: 'accepted' | 'leave' | 'pending', checkedIn: boolean) =>
    insertRow(trx, 'consultation_invitations', {
      meeting_id: id, member_id, answer, reason: null, answered_at: answer === 'pending' ? null : m.startsAt, checked_in_at: checkedIn ? m.startsAt : null, created_at: m.startsAt,
    });
  for (const member of m.attendeeIds) await invite(member, 'accepted', true);
  for (const member of m.leaveIds) await invite(member, 'leave', false);
  for (const member of m.absentIds) await invite(member, 'pending', false);
  // A past meeting counts in its members' duty records as a live one would have.
  await replaceDuty(trx, consultationsDuty, [id]);
  return id;
}

export async function suggestionImportLookups(db: Trx, organizationId: number) {
  const [meetings, units, suggestions] = await Promise.all([
    db.selectFrom('consultation_meetings').select(['id', 'topic', 'starts_at', 'ends_at', 'state']).where('organization_id', '=', organizationId).execute(),
    db.selectFrom('handling_units').select(['id', 'name']).where('organization_id', '=', organizationId).execute(),
    titlesBySource(db, 'consultation_meeting', organizationId),
  ]);
  const meeting = new Map<string, { id: number; state: string; date: string; endsAt: string }[]>();
  for (const m of meetings) {
    const date = chinaDate(m.starts_at);
    const key = meetingKey(m.topic, date);
    meeting.set(key, [...(meeting.get(key) ?? []), { id: m.id, state: m.state, date, endsAt: m.ends_at }]);
  }
  return {
    /** The meetings of a title and date; more than one is ambiguous. */
    meeting,
    unit: new Map(units.map((u) => [u.name, u.id])),
    /** Suggestions already made (meeting and title), and those earlier in the file as they are checked. */
    taken: new Set(suggestions.map((s) => `${s.sourceId}\u0000${s.title}`)),
  };
}

export interface ImportedSuggestion {
  meetingId: number;
  title: string;
  text: string;
  sourceAuthor: string | null;
  state: SuggestionState;
  unitIds: number[];
  /** The answer of every unit (they answered together), with its date; null until answered. */
  answer: string | null;
  createdAt: string;
  assignedAt: string | null;
  answeredAt: string | null;
  adoptionNote: string | null;
}

export async function insertImportedSuggestion(trx: Trx, ctx: Ctx, organizationId: number, s: ImportedSuggestion): Promise<number> {
  const id = await importSuggestion(trx, ctx, {
    organizationId, sourceType: 'consultation_meeting', sourceId: s.meetingId, title: s.title, text: s.text, author: s.sourceAuthor, state: s.state,
    unitIds: s.unitIds, answer: s.answer, createdAt: s.createdAt, assignedAt: s.assignedAt, answeredAt: s.answeredAt, adoptionNote: s.adoptionNote,
  });
  // The meeting's timeline shows the suggestions drawn from it, as it does for live ones.
  await record(trx, ctx, 'consultation_meeting', s.meetingId, organizationId, 'suggestion', undefined, { suggestionId: id, source: 'manual', imported: true });
  return id;
}
