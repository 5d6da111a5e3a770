// What every use case of consultations shares: who counts as the office, loading a meeting in the
// caller's scope (locked on PostgreSQL), audit entries that make up the timelines, and bus events.
import { replaceDuty } from '../duty/service.js';
import { consultationsDuty } from './duty.js';
import { audit, type AuditAction } from '../../platform/audit.js';
import { hasRoleAt, visibleOrgs, type Ctx, type Trx } from '../../platform/context.js';
import type { ConsultationMeetingTable } from '../../platform/db/consultation-types.js';
import { forbidden, notFound, type Text } from '../../platform/errors.js';
import { clock } from '../../platform/time.js';

export const now = () => clock.now().toISOString();
export type MeetingRow = Omit<ConsultationMeetingTable, 'id'> & { id: number };

/** Staff and admins of the organization or one above it run its consultations. */
export const isOffice = (ctx: Ctx, organizationId: number) => !!ctx.actor && hasRoleAt(ctx, ctx.actor, ['admin', 'staff'], organizationId);
/** The office and its leaders read everything of the organization (attendance, statistics). */
export const isReader = (ctx: Ctx, organizationId: number) => !!ctx.actor && hasRoleAt(ctx, ctx.actor, ['admin', 'staff', 'leader'], organizationId);
/**
 * What the caller sees of a speech of a meeting they may see: anyone, an approved speech; the office
 * and the speaker, any. Of those, its full text and document go to the office, the leaders and the speaker.
 */
export function speechAccess(ctx: Ctx, organizationId: number, speech: { state: string; member_id: number }) {
  const mine = !!ctx.actor && ctx.actor.memberId !== null && speech.member_id === ctx.actor.memberId;
  const listed = speech.state === 'approved' || mine || isOffice(ctx, organizationId);
  return { mine, listed, full: listed && (mine || isReader(ctx, organizationId)) };
}
export const inScope = (ctx: Ctx, organizationId: number) => !!ctx.actor && visibleOrgs(ctx, ctx.actor).includes(organizationId);

export function requireOffice(ctx: Ctx, organizationId: number, what: Text = { zh: '管理该组织的协商活动', en: "manage this organization's consultations" }) {
  if (!isOffice(ctx, organizationId)) throw forbidden({ zh: `无权${what.zh}`, en: `You may not ${what.en}` });
}

export const noMeeting = () => notFound({ zh: '协商活动不存在', en: 'No such consultation meeting' });

/** Whether the caller may see the meeting at all: the office and leaders in scope, invitees once published, everyone for published online meetings. */
export async function maySeeMeeting(ctx: Ctx, db: Trx, m: MeetingRow): Promise<boolean> {
  if (!ctx.actor) return false;
  if (isReader(ctx, m.organization_id)) return true;
  if (m.state === 'draft') return false;
  if (m.online === 1 && m.state !== 'cancelled') return true;
  return isInvited(ctx, db, m.id);
}

export async function isInvited(ctx: Ctx, db: Trx, meetingId: number): Promise<boolean> {
  const a = ctx.actor!;
  if (a.memberId !== null) {
    const inv = await db.selectFrom('consultation_invitations').select('id').where('meeting_id', '=', meetingId).where('member_id', '=', a.memberId).executeTakeFirst();
    if (inv) return true;
  }
  let q = db.selectFrom('consultation_guests').select('id').where('meeting_id', '=', meetingId);
  q = q.where((eb) => eb.or([eb('user_id', '=', a.userId), ...(a.handlingUnitId !== null ? [eb('unit_id', '=', a.handlingUnitId)] : [])]));
  return !!(await q.executeTakeFirst());
}

/** The meeting, or 404 when it does not exist or the caller may not see it; locked for the transaction on PostgreSQL. */
export async function loadMeeting(ctx: Ctx, trx: Trx, id: number, opts: { lock?: boolean } = {}): Promise<MeetingRow> {
  let q = trx.selectFrom('consultation_meetings').selectAll().where('id', '=', id);
  if (opts.lock && ctx.dialect === 'postgres') q = q.forUpdate();
  const row = (await q.executeTakeFirst()) as MeetingRow | undefined;
  if (!row || !(await maySeeMeeting(ctx, trx, row))) throw noMeeting();
  return row;
}

/** The invitation of the calling member to this meeting, or 403. */
export async function myInvitation(ctx: Ctx, trx: Trx, meetingId: number, lock = false) {
  const memberId = ctx.actor!.memberId;
  if (memberId === null) throw forbidden({ zh: '只有受邀委员可以进行此操作', en: 'Only invited members may do this' });
  let q = trx.selectFrom('consultation_invitations').selectAll().where('meeting_id', '=', meetingId).where('member_id', '=', memberId);
  if (lock && ctx.dialect === 'postgres') q = q.forUpdate();
  const inv = await q.executeTakeFirst();
  if (!inv) throw forbidden({ zh: '您未受邀参加该协商活动', en: 'You are not invited to this meeting' });
  return inv;
}

/** One audit entry per change: the timelines of plans, meetings and outcomes are read from them. */
export async function record(trx: Trx, ctx: Ctx, entityType: 'consultation_plan' | 'consultation_meeting' | 'consultation_outcome', entityId: number, organizationId: number, action: AuditAction, before?: unknown, after?: unknown) {
  await audit(trx, ctx, { action, entityType, entityId, organizationId, before, after });
  // The members' duty records follow the meeting's attendance and speeches in the same transaction.
  if (entityType === 'consultation_meeting' && DUTY_ACTIONS.has(action)) await replaceDuty(trx, consultationsDuty, [entityId]);
}

/** The meeting changes that can change what it counts for its members. */
const DUTY_ACTIONS = new Set<AuditAction>(['create', 'update', 'import', 'start', 'end', 'cancel', 'reply', 'checkin', 'speech_register', 'speech_withdraw', 'speech_approve', 'speech_reject', 'speech_speak', 'speaking', 'best_speeches']);

const actionLabels: Record<string, [string, string]> = {
  create: ['创建', 'Created'], add_item: ['增加协商事项', 'Item added'], update_item: ['修改协商事项', 'Item changed'], delete_item: ['删除协商事项', 'Item deleted'],
  submit: ['报送审定', 'Submitted for approval'], approve: ['审定', 'Approved'], return: ['退回修改', 'Returned for changes'], publish: ['发布', 'Published'],
  update: ['修改', 'Changed'], start: ['开始', 'Started'], end: ['结束', 'Ended'], cancel: ['取消', 'Cancelled'], add_material: ['上传材料', 'Material added'], add_guest: ['登记特邀人员', 'Guest recorded'], remove_guest: ['移除特邀人员', 'Guest removed'],
  reply: ['回复参会', 'Replied'], checkin: ['签到', 'Checked in'], speech_register: ['报名发言', 'Registered to speak'], speech_file: ['上传讲稿', 'Speech file uploaded'], speech_withdraw: ['撤回发言', 'Speech withdrawn'],
  speech_approve: ['安排发言', 'Speech approved'], speech_reject: ['不安排发言', 'Speech not approved'], speech_order: ['调整发言顺序', 'Speeches ordered'],
  speaking: ['正在发言', 'Speaking now'], speaking_clear: ['发言结束', 'Speaker cleared'], vote_settings: ['设置评选投票', 'Vote set up'], vote: ['投票', 'Voted'],
  best_speeches: ['确认最佳发言', 'Best speeches confirmed'], suggestion: ['整理意见建议', 'Suggestion made'], outcome: ['形成协商成果', 'Outcome compiled'],
  assign: ['交办', 'Assigned'], answer: ['答复', 'Answered'], adopt: ['采纳', 'Adopted'], not_adopt: ['未采纳', 'Not adopted'],
  import: ['导入历史数据', 'Imported from past records'],
  forwarding: ['报送', 'Forwarded'], instruction: ['批示', 'Instruction'], adoption: ['采用', 'Adoption'],
};

export async function timeline(db: Trx, entityType: string, id: number) {
  const rows = await db.selectFrom('audit_log').select(['at', 'action', 'actor_name', 'before', 'after']).where('entity_type', '=', entityType).where('entity_id', '=', String(id)).orderBy('id').execute();
  return rows.map((r) => ({
    at: r.at, actorName: r.actor_name, action: r.action, label: actionLabels[r.action]?.[0] ?? r.action, label_en: actionLabels[r.action]?.[1] ?? r.action,
    before: r.before ? JSON.parse(r.before) : null, after: r.after ? JSON.parse(r.after) : null,
  }));
}

export const MEETING_TOPIC = 'consultations.meeting';
export const SPEAKER_TOPIC = 'consultations.speaker';
/** Raised after the commit; a lost event only delays open pages until they reload. */
export const publish = (ctx: Ctx, topic: string, payload: unknown) => ctx.bus.publish(topic, payload).catch(() => {});


export const count = (v: unknown) => Number(v ?? 0);
