// Check-in at the venue by a per-meeting QR code, and the attendance it makes. The code carries a
// random token stored with the meeting: unguessable, bound to that meeting, and accepted only from
// one hour before the start until the end.
import type { z } from 'zod';
import { AppError, conflict, forbidden, invalid, notFound } from '../../platform/errors.js';
import type { Ctx } from '../../platform/context.js';
import QRCode from 'qrcode';
import { isReader, loadMeeting, now, record, requireOffice, type MeetingRow } from './commands.js';
import type * as s from './schema.js';
import { externalGuests } from './external-guests.js';

export const EARLY_MS = 60 * 60 * 1000;
export type AttendanceStatus = 'present' | 'leave' | 'absent' | 'expected';

const qrPng = (url: string) => QRCode.toBuffer(url, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: 600 });
const qrSvg = (url: string) => QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
const shanghai = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

export async function checkinCode(ctx: Ctx, id: number, origin: string) {
  const m = await loadMeeting(ctx, ctx.db, id);
  requireOffice(ctx, m.organization_id, { zh: '查看签到码', en: 'see the check-in code' });
  const url = `${origin.replace(/\/$/, '')}/consultations/checkin/${m.checkin_token}`;
  const png = await qrPng(url);
  return {
    token: m.checkin_token, url, png: `data:image/png;base64,${png.toString('base64')}`, svg: await qrSvg(url),
    opensAt: new Date(Date.parse(m.starts_at) - EARLY_MS).toISOString(), closesAt: m.ends_at,
  };
}

/** Whether the window is open now; otherwise the 409 that says why. */
export function windowProblem(m: Pick<MeetingRow, 'state' | 'starts_at' | 'ends_at'>, at = Date.now()): AppError | null {
  if (m.state === 'cancelled') return conflict({ zh: '该协商活动已取消，不能签到', en: 'The meeting is cancelled; there is no check-in' });
  if (m.state === 'draft') return conflict({ zh: '该协商活动尚未发布，不能签到', en: 'The meeting is not published; there is no check-in yet' });
  const opens = Date.parse(m.starts_at) - EARLY_MS;
  if (at < opens) return conflict({ zh: `签到尚未开始，请于 ${shanghai(new Date(opens).toISOString())} 后签到`, en: `Check-in has not opened; it opens at ${new Date(opens).toISOString()}` });
  if (m.state === 'ended' || at > Date.parse(m.ends_at)) return conflict({ zh: '签到已结束，签到码已失效', en: 'Check-in is over; the code has expired' });
  return null;
}

export async function checkin(ctx: Ctx, input: z.infer<typeof s.checkinIn>) {
  const actor = ctx.actor!;
  return ctx.db.transaction().execute(async (trx) => {
    const m = (await trx.selectFrom('consultation_meetings').selectAll().where('checkin_token', '=', input.token).executeTakeFirst()) as MeetingRow | undefined;
    if (!m) throw notFound({ zh: '签到码无效', en: 'This check-in code is not valid' });
    if (input.meetingId !== undefined && input.meetingId !== m.id)
      throw invalid('body.token', { zh: '该签到码属于另一场协商活动', en: 'This check-in code belongs to another meeting' }, 'wrong_meeting');
    if (actor.memberId === null) throw forbidden({ zh: '只有受邀委员可以签到', en: 'Only invited members check in' });
    let q = trx.selectFrom('consultation_invitations').selectAll().where('meeting_id', '=', m.id).where('member_id', '=', actor.memberId);
    if (ctx.dialect === 'postgres') q = q.forUpdate();
    const inv = await q.executeTakeFirst();
    if (!inv) throw forbidden({ zh: '您未受邀参加该协商活动，不能签到', en: 'You are not invited to this meeting and cannot check in' });
    const closed = windowProblem(m);
    if (closed) throw closed;
    if (inv.checked_in_at) return { meetingId: m.id, topic: m.topic, checkedInAt: inv.checked_in_at, already: true };
    const at = now();
    await trx.updateTable('consultation_invitations').set({ checked_in_at: at, answer: 'accepted', answered_at: inv.answered_at ?? at }).where('id', '=', inv.id).execute();
    await record(trx, ctx, 'consultation_meeting', m.id, m.organization_id, 'checkin', { memberId: inv.member_id, answer: inv.answer }, { memberId: inv.member_id, checkedInAt: at });
    return { meetingId: m.id, topic: m.topic, checkedInAt: at, already: false };
  });
}

/** What a scanned code leads to, shown before the member presses the button; the token is the key, so no more than the meeting's outline. */
export async function checkinPreview(ctx: Ctx, token: string) {
  const m = (await ctx.db.selectFrom('consultation_meetings').selectAll().where('checkin_token', '=', token).executeTakeFirst()) as MeetingRow | undefined;
  if (!m || m.state === 'draft') throw notFound({ zh: '签到码无效', en: 'This check-in code is not valid' });
  const memberId = ctx.actor!.memberId;
  const inv = memberId === null ? undefined : await ctx.db.selectFrom('consultation_invitations').select(['checked_in_at']).where('meeting_id', '=', m.id).where('member_id', '=', memberId).executeTakeFirst();
  const closed = windowProblem(m);
  return {
    meetingId: m.id, topic: m.topic, startsAt: m.starts_at, endsAt: m.ends_at, place: m.place, state: m.state,
    opensAt: new Date(Date.parse(m.starts_at) - EARLY_MS).toISOString(), open: closed === null,
    reason: closed ? { zh: closed.detail!.zh, en: closed.detail!.en } : null,
    invited: !!inv, checkedInAt: inv?.checked_in_at ?? null,
  };
}

export function statusOf(state: string, inv: { answer: string; checked_in_at: string | null }): AttendanceStatus {
  if (inv.checked_in_at) return 'present';
  if (inv.answer === 'leave') return 'leave';
  return state === 'ended' ? 'absent' : 'expected';
}

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
  const tally = (s: AttendanceStatus) => items.filter((i) => i.status === s).length;
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
