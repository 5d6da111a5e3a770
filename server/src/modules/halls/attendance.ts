// QR check-in at deliberation sessions: the halls' side of the shared attendance service. Invited
// members check in by their member record, invited residents by the account they were invited
// with; handling units and residents invited by name only are listed but do not check in.
import { hasRoleAt, visibleOrgs, type Ctx, type Trx } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { forbidden, notFound } from '../../platform/errors.js';
import type { HallSessionState } from '../../platform/db/types.js';
import type { Phase } from '../attendance/rules.js';
import { sourceIdByToken, tokenFor } from '../attendance/codes.js';
import { replaceDuty } from '../duty/service.js';
import { hallsDuty } from './duty.js';
import { checkIn, code, preview, roster, type AttendanceEvent, type Invitee, type Source } from '../attendance/service.js';
import { placeById } from '../orgs/service.js';
import { requireOfficeAt } from './commands.js';

const phaseOf = (state: HallSessionState): Phase => (state === 'planned' ? 'draft' : state === 'notice_published' ? 'scheduled' : 'ended');
const noSession = () => notFound({ zh: '议事活动不存在', en: 'No such session' });
const badCode = () => notFound({ zh: '签到码无效', en: 'This check-in code is not valid' });

async function loadSession(db: Trx, id: number): Promise<AttendanceEvent | null> {
  const row = await db.selectFrom('hall_sessions').select(['id', 'organization_id', 'place_id', 'title', 'starts_at', 'ends_at', 'state']).where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const place = await placeById(db, row.place_id);
  return { id: row.id, organizationId: row.organization_id, title: row.title, place: place?.name ?? null, phase: phaseOf(row.state), startsAt: row.starts_at, endsAt: row.ends_at };
}

type InviteeRow = { id: number; kind: string; member_id: number | null; user_id: number | null; name: string | null; member_name: string | null; user_name: string | null };
const toInvitee = (r: InviteeRow): Invitee => ({
  inviteeId: r.id, kind: r.kind === 'member' ? 'member' : 'resident', memberId: r.member_id, userId: r.user_id, name: r.member_name ?? r.user_name ?? r.name ?? '',
});
const inviteeRows = (db: Trx, sessionId: number) =>
  db.selectFrom('hall_session_invitees as v').leftJoin('members as m', 'm.id', 'v.member_id').leftJoin('users as u', 'u.id', 'v.user_id')
    .select(['v.id', 'v.kind', 'v.member_id', 'v.user_id', 'v.name', 'm.name as member_name', 'u.display_name as user_name'])
    .where('v.session_id', '=', sessionId)
    .where((eb) => eb.or([eb('v.kind', '=', 'member'), eb('v.user_id', 'is not', null)]));

export const sessionSource: Source = {
  type: 'hall_session',
  noun: { zh: '议事活动', en: 'session' },
  async inviteeOf(trx, ctx, event) {
    const actor = ctx.actor!;
    const row = await inviteeRows(trx, event.id)
      .where((eb) => eb.or([eb('v.user_id', '=', actor.userId), ...(actor.memberId === null ? [] : [eb('v.member_id', '=', actor.memberId)])]))
      .orderBy('v.id').executeTakeFirst();
    if (!row) return null;
    // A resident's row carries the account; a member's, the member record the account belongs to.
    return { ...toInvitee(row), userId: actor.userId };
  },
  async invitees(db, event) {
    return (await inviteeRows(db, event.id).orderBy('v.id').execute()).map(toInvitee);
  },
  // A member's attendance counts in their duty record once the session is recorded as held.
  async marked(trx, event, invitee) {
    if (invitee.memberId !== null) await replaceDuty(trx, hallsDuty, [event.id]);
  },
};

async function officeSession(ctx: Ctx, id: number, what: { zh: string; en: string }) {
  const event = await loadSession(ctx.db, id);
  if (!event || !visibleOrgs(ctx, ctx.actor!).includes(event.organizationId)) throw noSession();
  requireOfficeAt(ctx, event.organizationId, what);
  return event;
}

export async function sessionCheckinCode(ctx: Ctx, id: number, origin: string) {
  const event = await officeSession(ctx, id, { zh: '查看签到码', en: 'see the check-in code' });
  const { token } = await ctx.db.transaction().execute(async (trx) => {
    const issued = await tokenFor(trx, 'hall_session', id);
    if (issued.issued) await audit(trx, ctx, { action: 'checkin_code', entityType: 'hall_session', entityId: id, organizationId: event.organizationId });
    return issued;
  });
  return code(event, `${origin.replace(/\/$/, '')}/hall/checkin/${token}`, token);
}

/** Who came and who did not: the office and leaders of the session's organization. */
export async function sessionAttendance(ctx: Ctx, id: number) {
  const event = await loadSession(ctx.db, id);
  if (!event || !visibleOrgs(ctx, ctx.actor!).includes(event.organizationId)) throw noSession();
  if (!hasRoleAt(ctx, ctx.actor!, ['admin', 'staff', 'leader'], event.organizationId)) throw forbidden({ zh: '无权查看出勤情况', en: 'You may not see the attendance' });
  const r = await roster(ctx.db, sessionSource, event);
  return {
    session: { id: event.id, title: event.title, startsAt: event.startsAt, endsAt: r.closesAt, opensAt: r.opensAt },
    items: r.items.map((i) => ({ kind: i.kind, memberId: i.memberId, name: i.name, status: i.status, late: i.late, checkedInAt: i.checkedInAt })),
    totals: r.totals,
  };
}

async function byToken(db: Trx, token: string) {
  const id = await sourceIdByToken(db, 'hall_session', token);
  const event = id === null ? null : await loadSession(db, id);
  if (!event) throw badCode();
  return event;
}

export async function sessionCheckinPreview(ctx: Ctx, token: string) {
  const event = await byToken(ctx.db, token);
  // A planned session's notice is not out: its code reads as unknown, as a draft meeting's does.
  if (event.phase === 'draft') throw badCode();
  return { sessionId: event.id, ...(await preview(ctx.db, ctx, sessionSource, event)) };
}

export async function sessionCheckin(ctx: Ctx, token: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const event = await byToken(trx, token);
    return { sessionId: event.id, title: event.title, ...(await checkIn(trx, ctx, sessionSource, event)) };
  });
}
