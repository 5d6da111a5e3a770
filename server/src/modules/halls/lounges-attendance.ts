// QR check-in at lounge events: the lounges' side of the shared attendance service. The members
// taking part check in by their member record; residents come without invitation, so any signed-in
// public account may check in once while the window is open. The office may instead enter a
// headcount with a reason (lounges.ts), which then counts as the event's participations.
import { hasRole, hasRoleAt, visibleOrgs, type Ctx, type Trx } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { forbidden, notFound } from '../../platform/errors.js';
import { sourceIdByToken, tokenFor } from '../attendance/codes.js';
import { replaceDuty } from '../duty/service.js';
import { loungeEventsDuty } from './lounges-duty.js';
import { checkIn, code, preview, roster, type AttendanceEvent, type Invitee, type Source } from '../attendance/service.js';
import { placeById } from '../orgs/service.js';

const noEvent = () => notFound({ zh: '客厅活动不存在', en: 'No such lounge event' });
const badCode = () => notFound({ zh: '签到码无效', en: 'This check-in code is not valid' });

async function loadEvent(db: Trx, id: number): Promise<AttendanceEvent | null> {
  const row = await db.selectFrom('lounge_events').select(['id', 'organization_id', 'place_id', 'title', 'starts_at', 'ends_at', 'state']).where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const place = await placeById(db, row.place_id);
  return { id: row.id, organizationId: row.organization_id, title: row.title, place: place?.name ?? null, phase: row.state === 'planned' ? 'scheduled' : 'ended', startsAt: row.starts_at, endsAt: row.ends_at };
}

const memberRows = (db: Trx, eventId: number) =>
  db.selectFrom('lounge_event_invitees as v').innerJoin('members as m', 'm.id', 'v.member_id')
    .select(['v.id', 'v.member_id', 'm.name']).where('v.event_id', '=', eventId).where('v.kind', '=', 'member');

export const loungeEventSource: Source = {
  type: 'lounge_event',
  noun: { zh: '客厅活动', en: 'lounge event' },
  async inviteeOf(trx, ctx, event) {
    const actor = ctx.actor!;
    if (actor.memberId !== null) {
      const row = await memberRows(trx, event.id).where('v.member_id', '=', actor.memberId).executeTakeFirst();
      if (row) return { inviteeId: row.id, kind: 'member', memberId: row.member_id, userId: actor.userId, name: row.name };
    }
    // Residents walk in: a public account checks in without an invitation row.
    if (hasRole(actor, ['public'])) return { inviteeId: null, kind: 'resident', memberId: null, userId: actor.userId, name: actor.displayName };
    return null;
  },
  async invitees(db, event) {
    const members: Invitee[] = (await memberRows(db, event.id).orderBy('v.id').execute()).map((r) => ({ inviteeId: r.id, kind: 'member', memberId: r.member_id, userId: null, name: r.name }));
    const residents = await db.selectFrom('attendance_checkins as c').innerJoin('users as u', 'u.id', 'c.user_id').select(['c.user_id', 'u.display_name', 'c.at'])
      .where('c.source_type', '=', 'lounge_event').where('c.source_id', '=', event.id).where('c.member_id', 'is', null).orderBy('c.at').execute();
    return [...members, ...residents.map((r): Invitee => ({ inviteeId: null, kind: 'resident', memberId: null, userId: r.user_id, name: r.display_name }))];
  },
  // A member who checks in at an event already recorded as held has it in their duty record at once.
  async marked(trx, event, invitee) {
    if (invitee.memberId !== null) await replaceDuty(trx, loungeEventsDuty, [event.id]);
  },
};

async function officeEvent(ctx: Ctx, id: number) {
  const event = await loadEvent(ctx.db, id);
  if (!event || !visibleOrgs(ctx, ctx.actor!).includes(event.organizationId)) throw noEvent();
  if (!hasRoleAt(ctx, ctx.actor!, ['admin', 'staff'], event.organizationId))
    throw forbidden({ zh: '无权处理该客厅活动', en: 'You may not handle this lounge event' });
  return event;
}

export async function eventCheckinCode(ctx: Ctx, id: number, origin: string) {
  const event = await officeEvent(ctx, id);
  const { token } = await ctx.db.transaction().execute(async (trx) => {
    const issued = await tokenFor(trx, 'lounge_event', id);
    if (issued.issued) await audit(trx, ctx, { action: 'checkin_code', entityType: 'lounge_event', entityId: id, organizationId: event.organizationId });
    return issued;
  });
  return code(event, `${origin.replace(/\/$/, '')}/lounge/checkin/${token}`, token);
}

export async function eventAttendance(ctx: Ctx, id: number) {
  const event = await officeEvent(ctx, id);
  const r = await roster(ctx.db, loungeEventSource, event);
  return {
    event: { id: event.id, title: event.title, startsAt: event.startsAt, endsAt: r.closesAt, opensAt: r.opensAt },
    items: r.items.map((i) => ({ kind: i.kind, memberId: i.memberId, name: i.name, status: i.status, checkedInAt: i.checkedInAt })),
    totals: r.totals,
  };
}

async function byToken(db: Trx, token: string) {
  const id = await sourceIdByToken(db, 'lounge_event', token);
  const event = id === null ? null : await loadEvent(db, id);
  if (!event) throw badCode();
  return event;
}

export async function eventCheckinPreview(ctx: Ctx, token: string) {
  const event = await byToken(ctx.db, token);
  return { eventId: event.id, ...(await preview(ctx.db, ctx, loungeEventSource, event)) };
}

export async function eventCheckin(ctx: Ctx, token: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const event = await byToken(trx, token);
    return { eventId: event.id, title: event.title, ...(await checkIn(trx, ctx, loungeEventSource, event)) };
  });
}
