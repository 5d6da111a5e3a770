// The public service of attendance: a module that holds events (meetings, hall sessions, later
// lounge and reading events) describes them as a Source, and these functions apply the rules the
// same way for all: who may check in, the window, once per person, the audit entry, the list.
import type { Ctx, Trx } from '../../platform/context.js';
import type { AttendanceSource } from '../../platform/db/attendance-types.js';
import { audit } from '../../platform/audit.js';
import { forbidden, type Text } from '../../platform/errors.js';
import { clock } from '../../platform/time.js';
import { closesAt, isLate, opensAt, statusOf, windowProblem, type Phase, type Window } from './rules.js';
import { qrImages } from './codes.js';
import { checkinsOf, findCheckin, insertCheckin } from './store.js';

export interface AttendanceEvent extends Window {
  id: number;
  organizationId: number;
  title: string;
  place: string | null;
}

/** One person expected at the event: a member by account, or a resident invited by account. */
export interface Invitee {
  /** The source's invitation row; null for a walk-in (a resident at a lounge event). */
  inviteeId: number | null;
  kind: 'member' | 'resident';
  memberId: number | null;
  userId: number | null;
  name: string;
  /** On leave (a meeting's invitation answered so): excused rather than absent. */
  onLeave?: boolean;
  /** A check-in the source recorded itself (meetings brought in from past records). */
  checkedInAt?: string | null;
}

export interface Source {
  type: AttendanceSource;
  /** What the event is called in messages: 协商活动 / meeting, 议事活动 / session. */
  noun: Text;
  /** The invitee the actor is, or null; `lock` inside the check-in's transaction. */
  inviteeOf(trx: Trx, ctx: Ctx, event: AttendanceEvent, lock: boolean): Promise<Invitee | null>;
  invitees(db: Trx, event: AttendanceEvent): Promise<Invitee[]>;
  /** The source's own bookkeeping after a check-in is stored (meetings mark the invitation). */
  marked?(trx: Trx, event: AttendanceEvent, invitee: Invitee, at: string): Promise<void>;
}

const notInvited = (noun: Text) => forbidden({ zh: `您未受邀参加该${noun.zh}，不能签到`, en: `You are not invited to this ${noun.en} and cannot check in` });

/** Checks the actor in once; a second scan answers with the first time and `already`. Call inside a transaction. */
export async function checkIn(trx: Trx, ctx: Ctx, source: Source, event: AttendanceEvent) {
  const actor = ctx.actor!;
  const invitee = await source.inviteeOf(trx, ctx, event, true);
  if (!invitee) throw notInvited(source.noun);
  const closed = windowProblem(event, source.noun);
  if (closed) throw closed;
  if (invitee.checkedInAt) return { checkedInAt: invitee.checkedInAt, already: true };
  const who = { userId: actor.userId, memberId: invitee.memberId };
  const before = await findCheckin(trx, source.type, event.id, who);
  if (before) return { checkedInAt: before.at, already: true };
  const at = clock.now().toISOString();
  const row = { type: source.type, sourceId: event.id, organizationId: event.organizationId, ...who, inviteeId: invitee.inviteeId, at, method: 'qr' as const };
  if (!(await insertCheckin(trx, row))) {
    // Scanned twice at the same moment: the other request stored it.
    const other = await findCheckin(trx, source.type, event.id, who);
    return { checkedInAt: other?.at ?? at, already: true };
  }
  await source.marked?.(trx, event, invitee, at);
  await audit(trx, ctx, { action: 'checkin', entityType: source.type, entityId: event.id, organizationId: event.organizationId, after: { memberId: invitee.memberId, userId: actor.userId, inviteeId: invitee.inviteeId, checkedInAt: at, method: 'qr' } });
  return { checkedInAt: at, already: false };
}

/** What a scanned code leads to, before the person presses the button: the event's outline and their standing. */
export async function preview(db: Trx, ctx: Ctx, source: Source, event: AttendanceEvent) {
  const actor = ctx.actor!;
  const invitee = await source.inviteeOf(db, ctx, event, false);
  const mine = invitee ? (invitee.checkedInAt ? { at: invitee.checkedInAt } : await findCheckin(db, source.type, event.id, { userId: actor.userId, memberId: invitee.memberId })) : undefined;
  const closed = windowProblem(event, source.noun);
  return {
    title: event.title, place: event.place, startsAt: event.startsAt, endsAt: closesAt(event), opensAt: opensAt(event),
    open: closed === null, reason: closed ? { zh: closed.detail!.zh, en: closed.detail!.en } : null,
    invited: !!invitee, checkedInAt: mine?.at ?? null,
  };
}

/** The QR code for the office to show: the page address carries the token. */
export async function code(event: AttendanceEvent, url: string, token: string) {
  return { token, url, ...(await qrImages(url)), opensAt: opensAt(event), closesAt: closesAt(event) };
}

/** Who came and who did not, with the headcount; an event past its window counts the missing as absent. */
export async function roster(db: Trx, source: Source, event: AttendanceEvent) {
  const invitees = await source.invitees(db, event);
  const rows = await checkinsOf(db, source.type, event.id);
  const over: Phase = event.phase === 'scheduled' && clock.now().getTime() > Date.parse(closesAt(event)) ? 'ended' : event.phase;
  const items = invitees.map((v) => {
    const c = rows.find((r) => (v.memberId !== null && r.member_id === v.memberId) || (v.userId !== null && r.user_id === v.userId));
    const checkedInAt = c?.at ?? v.checkedInAt ?? null;
    return { ...v, checkedInAt, late: isLate(event, checkedInAt), status: statusOf(over, { checkedInAt, onLeave: v.onLeave }) };
  });
  const tally = (s: string) => items.filter((i) => i.status === s).length;
  return {
    items,
    totals: { invited: items.length, present: tally('present'), late: items.filter((i) => i.late).length, leave: tally('leave'), absent: tally('absent'), expected: tally('expected'), headcount: rows.length },
    opensAt: opensAt(event), closesAt: closesAt(event),
  };
}
