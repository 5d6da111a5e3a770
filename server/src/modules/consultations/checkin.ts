// Check-in at the venue by a per-meeting QR code, and the attendance it makes: the meetings' side
// of the shared attendance service (modules/attendance), which holds the rules. A meeting keeps
// its random token and its invitations' checked_in_at, which its pages and the duty records read.
import type { z } from 'zod';
import { forbidden, invalid, notFound } from '../../platform/errors.js';
import type { Ctx, Trx } from '../../platform/context.js';
import type { MeetingState } from '../../platform/db/consultation-types.js';
import { EARLY_MS, statusOf as attendanceStatus, windowProblem as closedNow, type AttendanceStatus, type Phase } from '../attendance/rules.js';
import { checkIn, code, preview, type AttendanceEvent, type Source } from '../attendance/service.js';
import { replaceDuty } from '../duty/service.js';
import { isReader, loadMeeting, requireOffice, type MeetingRow } from './commands.js';
import { consultationsDuty } from './duty.js';
import type * as s from './schema.js';
import { externalGuests } from './external-guests.js';

export { EARLY_MS, type AttendanceStatus };

const noun = { zh: '协商活动', en: 'meeting' };
const phaseOf = (state: MeetingState): Phase =>
  state === 'draft' || state === 'cancelled' || state === 'ended' ? state : 'scheduled';
const eventOf = (m: MeetingRow): AttendanceEvent => ({
  id: m.id, organizationId: m.organization_id, title: m.topic, place: m.place, phase: phaseOf(m.state), startsAt: m.starts_at, endsAt: m.ends_at,
});

/** Invited members, by their invitation; only members check in at a meeting (guests are recorded by the office). */
export const meetingSource: Source = {
  type: 'consultation_meeting',
  noun,
  async inviteeOf(trx, ctx, event, lock) {
    const actor = ctx.actor!;
    if (actor.memberId === null) return null;
    let q = trx.selectFrom('consultation_invitations').selectAll().where('meeting_id', '=', event.id).where('member_id', '=', actor.memberId);
    if (lock && ctx.dialect === 'postgres') q = q.forUpdate();
    const inv = await q.executeTakeFirst();
    return inv ? { inviteeId: inv.id, kind: 'member', memberId: inv.member_id, userId: actor.userId, name: actor.displayName, onLeave: inv.answer === 'leave', checkedInAt: inv.checked_in_at } : null;
  },
  async invitees(db, event) {
    const rows = await db.selectFrom('consultation_invitations as i').innerJoin('members as mb', 'mb.id', 'i.member_id').select(['i.id', 'i.member_id', 'mb.name', 'i.answer', 'i.checked_in_at'])
      .where('i.meeting_id', '=', event.id).orderBy('mb.id').execute();
    return rows.map((r) => ({ inviteeId: r.id, kind: 'member' as const, memberId: r.member_id, userId: null, name: r.name, onLeave: r.answer === 'leave', checkedInAt: r.checked_in_at }));
  },
  async marked(trx, event, invitee, at) {
    // Checking in answers the invitation too: whoever came has accepted.
    const inv = await trx.selectFrom('consultation_invitations').select(['answered_at']).where('id', '=', invitee.inviteeId).executeTakeFirstOrThrow();
    await trx.updateTable('consultation_invitations').set({ checked_in_at: at, answer: 'accepted', answered_at: inv.answered_at ?? at }).where('id', '=', invitee.inviteeId).execute();
    // The member's duty record counts the attendance in the same transaction.
    await replaceDuty(trx, consultationsDuty, [event.id]);
  },
};

export async function checkinCode(ctx: Ctx, id: number, origin: string) {
  const m = await loadMeeting(ctx, ctx.db, id);
  requireOffice(ctx, m.organization_id, { zh: '查看签到码', en: 'see the check-in code' });
  return code(eventOf(m), `${origin.replace(/\/$/, '')}/consultations/checkin/${m.checkin_token}`, m.checkin_token);
}

/** Whether the window is open now; otherwise the 409 that says why. */
export const windowProblem = (m: Pick<MeetingRow, 'state' | 'starts_at' | 'ends_at'>, at?: number) =>
  closedNow({ phase: phaseOf(m.state), startsAt: m.starts_at, endsAt: m.ends_at }, noun, at);

const byToken = async (trx: Trx, token: string) =>
  (await trx.selectFrom('consultation_meetings').selectAll().where('checkin_token', '=', token).executeTakeFirst()) as MeetingRow | undefined;

export async function checkin(ctx: Ctx, input: z.infer<typeof s.checkinIn>) {
  const actor = ctx.actor!;
  return ctx.db.transaction().execute(async (trx) => {
    const m = await byToken(trx, input.token);
    if (!m) throw notFound({ zh: '签到码无效', en: 'This check-in code is not valid' });
    if (input.meetingId !== undefined && input.meetingId !== m.id)
      throw invalid('body.token', { zh: '该签到码属于另一场协商活动', en: 'This check-in code belongs to another meeting' }, 'wrong_meeting');
    if (actor.memberId === null) throw forbidden({ zh: '只有受邀委员可以签到', en: 'Only invited members check in' });
    const done = await checkIn(trx, ctx, meetingSource, eventOf(m));
    return { meetingId: m.id, topic: m.topic, ...done };
  });
}

/** What a scanned code leads to, shown before the member presses the button; the token is the key, so no more than the meeting's outline. */
export async function checkinPreview(ctx: Ctx, token: string) {
  const m = await byToken(ctx.db, token);
  if (!m || m.state === 'draft') throw notFound({ zh: '签到码无效', en: 'This check-in code is not valid' });
  const p = await preview(ctx.db, ctx, meetingSource, eventOf(m));
  return {
    meetingId: m.id, topic: m.topic, startsAt: m.starts_at, endsAt: m.ends_at, place: m.place, state: m.state,
    opensAt: p.opensAt, open: p.open, reason: p.reason, invited: p.invited, checkedInAt: p.checkedInAt,
  };
}

export const statusOf = (state: string, inv: { answer: string; checked_in_at: string | null }): AttendanceStatus =>
  attendanceStatus(phaseOf(state as MeetingState), { checkedInAt: inv.checked_in_at, onLeave: inv.answer === 'leave' });

export async function attendance(ctx: Ctx, id: number) {
  const m = await loadMeeting(ctx, ctx.db, id);
  if (!isReader(ctx, m.organization_id)) throw forbidden({ zh: '无权查看出勤情况', en: 'You may not see the attendance' });
  const rows = await ctx.db
    .selectFrom('consultation_invitations as i')
    .innerJoin('members as mb', 'mb.id', 'i.member_id')
    .leftJoin('sectors as sc', 'sc.id', 'mb.sector_id')
    .select(['i.member_id', 'mb.name', 'sc.name as sector', 'i.answer', 'i.reason', 'i.checked_in_at'])
    .where('i.meeting_id', '=', id)
    .orderBy('sc.sort')
    .orderBy('mb.id')
    .execute();
  const items = rows.map((r) => ({ memberId: r.member_id, name: r.name, sector: r.sector, answer: r.answer, reason: r.reason, status: statusOf(m.state, r), checkedInAt: r.checked_in_at }));
  const tally = (st: AttendanceStatus) => items.filter((i) => i.status === st).length;
  const guests = await externalGuests(ctx, ctx.db, m.id, m.organization_id);
  // A meeting brought in from past records reported its counts (应到/实到) beside the members it
  // names: the counts stand for the whole meeting, the members not named among the absent.
  const invited = m.reported_invited ?? items.length;
  const present = m.reported_present ?? tally('present');
  const absent = m.reported_invited === null ? tally('absent') : Math.max(0, invited - present - tally('leave'));
  return {
    meeting: { id: m.id, topic: m.topic, startsAt: m.starts_at, state: m.state },
    items,
    guests,
    totals: {
      invited, accepted: items.filter((i) => i.answer === 'accepted').length, present, leave: tally('leave'), absent, expected: tally('expected'),
      guests: guests.length, attendees: present + guests.length,
    },
  };
}
