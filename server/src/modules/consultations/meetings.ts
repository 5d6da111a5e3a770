// Meetings of every type: drawn up by the office with their agenda and invitees, published (the
// invitees are notified), started, ended or cancelled; invited members accept or ask for leave.
import crypto from 'node:crypto';
import type { z } from 'zod';
import { conflict, invalid } from '../../platform/errors.js';
import type { Ctx, Trx } from '../../platform/context.js';
import type { MeetingState } from '../../platform/db/consultation-types.js';
import { DOCUMENTS, type FileStore } from '../../platform/files.js';
import { notifyUnits, notifyUsers, type Note } from '../notifications/service.js';
import { loadMeeting, MEETING_TOPIC, myInvitation, now, publish, record, requireOffice, SPEAKER_TOPIC, type MeetingRow } from './commands.js';
import { checkEvent, meetingFlow, stateConflict } from './workflow.js';
import type * as s from './schema.js';

const ENTITY = 'consultation_meeting';
export const newCheckinToken = () => crypto.randomBytes(24).toString('base64url');

type Invitees = { invitedMemberIds: number[]; invitedUserIds: number[]; invitedUnitIds: number[] };

async function checkRefs(ctx: Ctx, trx: Trx, organizationId: number, input: Partial<z.infer<typeof s.meetingIn>>) {
  const within = (org: number) => ctx.orgTree.within(org, organizationId);
  if (input.committeeId != null) {
    const c = await trx.selectFrom('committees').select('organization_id').where('id', '=', input.committeeId).executeTakeFirst();
    if (!c || c.organization_id !== organizationId) throw invalid('body.committeeId', { zh: '专委会不存在或不属于该组织', en: 'The committee does not exist in this organization' });
  }
  if (input.planItemId != null) {
    const item = await trx.selectFrom('consultation_plan_items as i').innerJoin('consultation_plans as p', 'p.id', 'i.plan_id').select('p.organization_id').where('i.id', '=', input.planItemId).executeTakeFirst();
    if (!item || item.organization_id !== organizationId) throw invalid('body.planItemId', { zh: '计划事项不存在或不属于该组织', en: 'The plan item does not exist in this organization' });
  }
  const memberIds = [...new Set(input.invitedMemberIds ?? [])];
  if (memberIds.length) {
    const rows = await trx.selectFrom('members').select(['id', 'organization_id', 'status']).where('id', 'in', memberIds).execute();
    if (rows.length !== memberIds.length || rows.some((m) => m.status !== 'active' || !within(m.organization_id)))
      throw invalid('body.invitedMemberIds', { zh: '受邀委员不存在、已退出或不属于该组织', en: 'An invited member does not exist, has left or belongs elsewhere' });
  }
  const userIds = [...new Set(input.invitedUserIds ?? [])];
  if (userIds.length) {
    const rows = await trx.selectFrom('user_roles').select(['user_id', 'organization_id']).where('user_id', 'in', userIds).where('role', 'in', ['leader', 'unit', 'staff', 'admin']).execute();
    const ok = new Set(rows.filter((r) => within(r.organization_id) || ctx.orgTree.within(organizationId, r.organization_id)).map((r) => r.user_id));
    if (userIds.some((u) => !ok.has(u))) throw invalid('body.invitedUserIds', { zh: '受邀人员不存在或不是领导、部门或机关账号', en: 'An invited official does not exist or is not a leader, unit or staff account' });
  }
  const unitIds = [...new Set(input.invitedUnitIds ?? [])];
  if (unitIds.length) {
    const rows = await trx.selectFrom('handling_units').select(['id', 'organization_id', 'active']).where('id', 'in', unitIds).execute();
    if (rows.length !== unitIds.length || rows.some((u) => !u.active || !within(u.organization_id)))
      throw invalid('body.invitedUnitIds', { zh: '受邀部门不存在或已停用', en: 'An invited department does not exist or is inactive' });
  }
}

function checkTimes(startsAt: string, endsAt: string) {
  if (endsAt <= startsAt) throw invalid('body.endsAt', { zh: '结束时间应晚于开始时间', en: 'The meeting must end after it starts' });
}

/** Writes the invitee lists; members already invited keep their answer and check-in. Returns who is new. */
async function setInvitees(trx: Trx, meetingId: number, input: Partial<Invitees>) {
  const at = now();
  const fresh = { members: [] as number[], users: [] as number[], units: [] as number[] };
  if (input.invitedMemberIds) {
    const wanted = [...new Set(input.invitedMemberIds)];
    const have = await trx.selectFrom('consultation_invitations').select(['member_id', 'checked_in_at']).where('meeting_id', '=', meetingId).execute();
    const gone = have.filter((h) => !wanted.includes(h.member_id));
    if (gone.some((g) => g.checked_in_at)) throw conflict({ zh: '已签到的委员不能移出邀请名单', en: 'A member who has checked in cannot be removed' });
    if (gone.length) await trx.deleteFrom('consultation_invitations').where('meeting_id', '=', meetingId).where('member_id', 'in', gone.map((g) => g.member_id)).execute();
    fresh.members = wanted.filter((m) => !have.some((h) => h.member_id === m));
    if (fresh.members.length)
      await trx.insertInto('consultation_invitations').values(fresh.members.map((member_id) => ({ meeting_id: meetingId, member_id, answer: 'pending' as const, reason: null, answered_at: null, checked_in_at: null, created_at: at }))).execute();
  }
  for (const [key, column, bucket] of [['invitedUserIds', 'user_id', 'users'], ['invitedUnitIds', 'unit_id', 'units']] as const) {
    const list = input[key];
    if (!list) continue;
    const wanted = [...new Set(list)];
    const have = (await trx.selectFrom('consultation_guests').select(column).where('meeting_id', '=', meetingId).where(column, 'is not', null).execute()).map((r) => (r as Record<string, number>)[column]!);
    const gone = have.filter((h) => !wanted.includes(h));
    if (gone.length) await trx.deleteFrom('consultation_guests').where('meeting_id', '=', meetingId).where(column, 'in', gone).execute();
    fresh[bucket] = wanted.filter((w) => !have.includes(w));
    if (fresh[bucket].length)
      await trx.insertInto('consultation_guests').values(fresh[bucket].map((v) => ({ meeting_id: meetingId, user_id: column === 'user_id' ? v : null, unit_id: column === 'unit_id' ? v : null, created_at: at }))).execute();
  }
  return fresh;
}

const shanghai = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false, year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit' });
type Invited = { members: number[]; users: number[]; units: number[] };

type NoteKind = 'invited' | 'changed' | 'cancelled';

async function notifyInvitees(trx: Trx, m: MeetingRow, who: Invited, kind: NoteKind = 'invited') {
  const when = shanghai(m.starts_at);
  const texts: Record<NoteKind, Pick<Note, 'title' | 'body'>> = {
    invited: {
      title: { zh: '协商活动邀请', en: 'Invitation to a consultation' },
      body: { zh: `您受邀参加“${m.topic}”，时间：${when}（北京时间），地点：${m.place}。请及时回复是否参加。`, en: `You are invited to "${m.topic}" at ${m.starts_at} (UTC), ${m.place}. Please reply whether you will attend.` },
    },
    changed: {
      title: { zh: '协商活动时间或地点有变', en: 'A consultation has moved' },
      body: { zh: `“${m.topic}”调整为：${when}（北京时间），${m.place}。`, en: `"${m.topic}" now takes place at ${m.starts_at} (UTC), ${m.place}.` },
    },
    cancelled: {
      title: { zh: '协商活动已取消', en: 'A consultation is cancelled' },
      body: { zh: `原定于${when}（北京时间）举行的“${m.topic}”已取消${m.cancel_reason ? `：${m.cancel_reason}` : '。'}`, en: `"${m.topic}", planned for ${m.starts_at} (UTC), is cancelled${m.cancel_reason ? `: ${m.cancel_reason}` : '.'}` },
    },
  };
  const note: Note = { kind: `consultation.meeting.${kind}`, organizationId: m.organization_id, ...texts[kind], link: `/consultations/meetings/${m.id}`, entityType: 'consultation_meeting', entityId: m.id };
  const memberUsers = who.members.length ? (await trx.selectFrom('users').select('id').where('member_id', 'in', who.members).execute()).map((u) => u.id) : [];
  await notifyUsers(trx, [...memberUsers, ...who.users], note);
  await notifyUnits(trx, who.units.map((unitId) => ({ unitId, note })));
}

async function invitees(trx: Trx, meetingId: number): Promise<Invited> {
  const members = (await trx.selectFrom('consultation_invitations').select('member_id').where('meeting_id', '=', meetingId).execute()).map((r) => r.member_id);
  const guests = await trx.selectFrom('consultation_guests').select(['user_id', 'unit_id']).where('meeting_id', '=', meetingId).execute();
  return { members, users: guests.flatMap((g) => (g.user_id ? [g.user_id] : [])), units: guests.flatMap((g) => (g.unit_id ? [g.unit_id] : [])) };
}

export async function createMeeting(ctx: Ctx, input: z.infer<typeof s.meetingIn>) {
  const organizationId = ctx.actor!.organizationId;
  requireOffice(ctx, organizationId, { zh: '安排协商活动', en: 'arrange consultation meetings' });
  checkTimes(input.startsAt, input.endsAt);
  return ctx.db.transaction().execute(async (trx) => {
    await checkRefs(ctx, trx, organizationId, input);
    const at = now();
    const row = await trx
      .insertInto('consultation_meetings')
      .values({
        organization_id: organizationId, type: input.type, topic: input.topic, starts_at: input.startsAt, ends_at: input.endsAt, place: input.place, online: input.online ? 1 : 0,
        state: 'draft', committee_id: input.committeeId ?? null, created_by: ctx.actor!.userId, created_at: at, updated_at: at, plan_item_id: input.planItemId ?? null,
        public_seats: input.publicSeats, checkin_token: newCheckinToken(), speaking_speech_id: null, votes_per_attendee: 3, vote_opens_at: null, vote_closes_at: null,
        best_confirmed_at: null, cancel_reason: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (input.agenda.length)
      await trx.insertInto('consultation_agenda_items').values(input.agenda.map((a, i) => ({ meeting_id: row.id, position: i + 1, title: a.title, note: a.note ?? null }))).execute();
    await setInvitees(trx, row.id, input);
    await record(trx, ctx, ENTITY, row.id, organizationId, 'create', undefined, { state: 'draft', type: input.type, topic: input.topic, startsAt: input.startsAt, online: input.online });
    return { id: row.id };
  });
}

export async function updateMeeting(ctx: Ctx, id: number, input: z.infer<typeof s.meetingPatch>) {
  await ctx.db.transaction().execute(async (trx) => {
    const m = await loadMeeting(ctx, trx, id, { lock: true });
    checkEvent(ctx, meetingFlow, 'edit', { state: m.state, organizationId: m.organization_id });
    checkTimes(input.startsAt ?? m.starts_at, input.endsAt ?? m.ends_at);
    await checkRefs(ctx, trx, m.organization_id, input);
    const set = {
      ...(input.type !== undefined && { type: input.type }),
      ...(input.topic !== undefined && { topic: input.topic }),
      ...(input.startsAt !== undefined && { starts_at: input.startsAt }),
      ...(input.endsAt !== undefined && { ends_at: input.endsAt }),
      ...(input.place !== undefined && { place: input.place }),
      ...(input.online !== undefined && { online: input.online ? 1 : 0 }),
      ...(input.committeeId !== undefined && { committee_id: input.committeeId }),
      ...(input.planItemId !== undefined && { plan_item_id: input.planItemId }),
      ...(input.publicSeats !== undefined && { public_seats: input.publicSeats }),
    };
    await trx.updateTable('consultation_meetings').set({ ...set, updated_at: now() }).where('id', '=', id).execute();
    if (input.agenda) {
      await trx.deleteFrom('consultation_agenda_items').where('meeting_id', '=', id).execute();
      if (input.agenda.length) await trx.insertInto('consultation_agenda_items').values(input.agenda.map((a, i) => ({ meeting_id: id, position: i + 1, title: a.title, note: a.note ?? null }))).execute();
    }
    const fresh = await setInvitees(trx, id, input);
    if (m.state === 'published') {
      const moved = { ...m, ...set } as MeetingRow;
      // Invitees added after publishing hear of it like the others did; the others hear of a move.
      await notifyInvitees(trx, moved, fresh);
      if (moved.starts_at !== m.starts_at || moved.ends_at !== m.ends_at || moved.place !== m.place) {
        const all = await invitees(trx, id);
        await notifyInvitees(trx, moved, { members: all.members.filter((x) => !fresh.members.includes(x)), users: all.users.filter((x) => !fresh.users.includes(x)), units: all.units.filter((x) => !fresh.units.includes(x)) }, 'changed');
      }
    }
    const before = Object.fromEntries(Object.keys(set).map((k) => [k, (m as unknown as Record<string, unknown>)[k]]));
    await record(trx, ctx, ENTITY, id, m.organization_id, 'update', before, { ...set, ...(input.agenda && { agenda: input.agenda.map((a) => a.title) }), ...(fresh.members.length + fresh.users.length + fresh.units.length > 0 && { invited: fresh }) });
  });
}

export type MeetingEvent = 'publish' | 'start' | 'end' | 'cancel';

export async function meetingEvent(ctx: Ctx, id: number, event: MeetingEvent, reason?: string) {
  const to = await ctx.db.transaction().execute(async (trx) => {
    const m = await loadMeeting(ctx, trx, id, { lock: true });
    const to = checkEvent(ctx, meetingFlow, event, { state: m.state, organizationId: m.organization_id });
    await trx
      .updateTable('consultation_meetings')
      .set({ state: to, updated_at: now(), ...(event === 'end' && { speaking_speech_id: null }), ...(event === 'cancel' && { cancel_reason: reason ?? null }) })
      .where('id', '=', id)
      .execute();
    if (event === 'publish') await notifyInvitees(trx, m, await invitees(trx, id));
    // Invitees of a published meeting were told it would take place; they hear that it will not.
    if (event === 'cancel' && m.state === 'published') await notifyInvitees(trx, { ...m, cancel_reason: reason ?? null }, await invitees(trx, id), 'cancelled');
    await record(trx, ctx, ENTITY, id, m.organization_id, event, { state: m.state }, { state: to, ...(reason ? { reason } : {}) });
    return to;
  });
  await publish(ctx, MEETING_TOPIC, { meetingId: id, state: to });
  if (event === 'end') await publish(ctx, SPEAKER_TOPIC, { meetingId: id, speechId: null });
  return to;
}

export async function addMaterial(ctx: Ctx, files: FileStore, maxBytes: number, id: number, input: { name: string; declaredMime: string; data: Buffer }) {
  const m = await loadMeeting(ctx, ctx.db, id);
  requireOffice(ctx, m.organization_id, { zh: '上传会议材料', en: 'upload meeting materials' });
  if (m.state === 'cancelled') throw stateConflict(meetingFlow, m.state, { zh: '上传会议材料', en: 'Uploading materials' });
  const file = await files.write({ ...input, organizationId: m.organization_id, ownerId: ctx.actor!.userId }, { maxBytes, allowed: DOCUMENTS });
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await files.record(trx, file, { kind: 'meeting_material', id });
      await trx.insertInto('consultation_materials').values({ meeting_id: id, file_id: file.id, created_by: ctx.actor!.userId, created_at: now() }).execute();
      await record(trx, ctx, ENTITY, id, m.organization_id, 'add_material', undefined, { fileId: file.id, name: file.name });
    });
  } catch (err) {
    await files.remove(file.id);
    throw err;
  }
  return { id: file.id, name: file.name, mime: file.mime, size: file.size };
}

const replyLabel = { zh: '回复参会', en: 'Replying' };

export async function reply(ctx: Ctx, id: number, input: z.infer<typeof s.replyIn>) {
  if (input.answer === 'leave' && !input.reason) throw invalid('body.reason', { zh: '请假须说明理由', en: 'A leave request needs a reason' });
  await ctx.db.transaction().execute(async (trx) => {
    const m = await loadMeeting(ctx, trx, id);
    const inv = await myInvitation(ctx, trx, id, true);
    if (m.state !== 'published' && m.state !== 'in_progress') throw stateConflict(meetingFlow, m.state as MeetingState, replyLabel);
    if (input.answer === 'leave' && inv.checked_in_at) throw conflict({ zh: '您已签到，不能再请假', en: 'You have checked in and can no longer ask for leave' });
    const answer = input.answer === 'accept' ? 'accepted' : 'leave';
    const reason = answer === 'leave' ? input.reason! : null;
    await trx.updateTable('consultation_invitations').set({ answer, reason, answered_at: now() }).where('id', '=', inv.id).execute();
    await record(trx, ctx, ENTITY, id, m.organization_id, 'reply', { memberId: inv.member_id, answer: inv.answer }, { memberId: inv.member_id, answer, reason });
  });
}
