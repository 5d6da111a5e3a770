// Member lounges (委员会客厅): themed events whose participations are counted by QR check-in (the
// shared attendance service) or by a headcount entered with a reason; the published rota of
// members on duty; residents' questions, moderated before publication and answered by the member
// on duty in that lounge; the star level from the organization's rules, confirmed per year.
// Each command: permission, one transaction, audit entry.
import type { z } from 'zod';
import { audit } from '../../platform/audit.js';
import { conflict, forbidden, invalid, notFound } from '../../platform/errors.js';
import { hasRole, hasRoleAt, visibleOrgs, type Ctx, type Trx } from '../../platform/context.js';
import { insertRow } from '../../platform/db/insert.js';
import { chinaDate, chinaYear, clock, yearRange } from '../../platform/time.js';
import { membersByIds, placeById, unitsByIds } from '../orgs/service.js';
import { headcount } from '../attendance/store.js';
import { replaceDuty } from '../duty/service.js';
import { loungeEventsDuty, loungeQuestionsDuty } from './lounges-duty.js';
import type * as s from './lounges-schema.js';

const now = () => clock.now().toISOString();
export const noLounge = () => notFound({ zh: '委员会客厅不存在', en: 'No such lounge' });
const noEvent = () => notFound({ zh: '客厅活动不存在', en: 'No such lounge event' });
const noQuestion = () => notFound({ zh: '问题不存在', en: 'No such question' });

/** A lounge is a place of kind 'lounge' that is in use. */
export async function requireLounge(db: Trx, placeId: number) {
  const place = await placeById(db, placeId);
  if (!place || !place.active || place.kind !== 'lounge') throw noLounge();
  return place;
}

function requireOffice(ctx: Ctx, organizationId: number, label: { zh: string; en: string }) {
  if (!hasRoleAt(ctx, ctx.actor!, ['admin', 'staff'], organizationId)) throw forbidden({ zh: `无权${label.zh}`, en: `You may not ${label.en}` });
}

/** A lounge of the actor's organizations, for the office: unknown and foreign lounges read as 404. */
export async function officeLounge(ctx: Ctx, placeId: number, label: { zh: string; en: string }) {
  const place = await requireLounge(ctx.db, placeId);
  if (!visibleOrgs(ctx, ctx.actor!).includes(place.organization_id)) throw noLounge();
  requireOffice(ctx, place.organization_id, label);
  return place;
}

// ---- events ----

export async function planEvent(ctx: Ctx, placeId: number, input: z.infer<typeof s.eventIn>) {
  return ctx.db.transaction().execute(async (trx) => {
    const place = await requireLounge(trx, placeId);
    if (!visibleOrgs(ctx, ctx.actor!).includes(place.organization_id)) throw noLounge();
    requireOffice(ctx, place.organization_id, { zh: '安排客厅活动', en: 'plan lounge events' });
    const visible = visibleOrgs(ctx, ctx.actor!);
    const memberIds = [...new Set(input.memberIds)];
    const members = await membersByIds(trx, memberIds);
    if (members.length !== memberIds.length || members.some((m) => m.status !== 'active' || !visible.includes(m.organization_id)))
      throw invalid('body.memberIds', { zh: '参加委员须为在任委员', en: 'Members must be serving members' });
    const unitIds = [...new Set(input.unitIds)];
    const units = await unitsByIds(trx, unitIds);
    if (units.length !== unitIds.length || units.some((u) => !u.active || !visible.includes(u.organization_id)))
      throw invalid('body.unitIds', { zh: '承办单位不存在或已停用', en: 'No such handling unit, or it is retired' });
    if (input.endsAt !== undefined && Date.parse(input.endsAt) <= Date.parse(input.startsAt))
      throw invalid('body.endsAt', { zh: '结束时间须晚于开始时间', en: 'The end must come after the start' });
    const at = now();
    const id = await insertRow(trx, 'lounge_events', {
      organization_id: place.organization_id, place_id: place.id, title: input.title, theme: input.theme, starts_at: new Date(input.startsAt).toISOString(),
      ends_at: input.endsAt === undefined ? null : new Date(input.endsAt).toISOString(), residents: input.residents, state: 'planned', headcount: null, headcount_reason: null,
      created_by: ctx.actor!.userId, created_at: at, updated_at: at,
    }, true);
    const rows = [
      ...memberIds.map((m) => ({ event_id: id, kind: 'member' as const, member_id: m, unit_id: null })),
      ...unitIds.map((u) => ({ event_id: id, kind: 'unit' as const, member_id: null, unit_id: u })),
    ];
    if (rows.length) await trx.insertInto('lounge_event_invitees').values(rows).execute();
    await audit(trx, ctx, { action: 'lounge_event_plan', entityType: 'lounge_event', entityId: id, organizationId: place.organization_id, after: { state: 'planned', title: input.title, placeId } });
    return id;
  });
}

async function lockEvent(ctx: Ctx, trx: Trx, id: number) {
  let q = trx.selectFrom('lounge_events').selectAll().where('id', '=', id);
  if (ctx.dialect === 'postgres') q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row || !visibleOrgs(ctx, ctx.actor!).includes(row.organization_id)) throw noEvent();
  return row;
}

/** Records a planned event as held; its participations are then final. */
export async function holdEvent(ctx: Ctx, id: number) {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await lockEvent(ctx, trx, id);
    requireOffice(ctx, row.organization_id, { zh: '登记客厅活动', en: 'record lounge events' });
    if (row.state !== 'planned') throw conflict({ zh: `活动状态为 ${row.state}，不能再次登记举行`, en: `You cannot record the event as held in state ${row.state}` });
    if (Date.parse(row.starts_at) > clock.now().getTime()) throw conflict({ zh: '活动尚未开始（状态 planned），不能登记举行', en: 'The event has not started yet (state planned)' });
    await trx.updateTable('lounge_events').set({ state: 'held', updated_at: now() }).where('id', '=', id).execute();
    await audit(trx, ctx, { action: 'lounge_event_hold', entityType: 'lounge_event', entityId: id, organizationId: row.organization_id, before: { state: row.state }, after: { state: 'held' } });
    // The members who checked in count the event in their duty record once it is held.
    await replaceDuty(trx, loungeEventsDuty, [id]);
  });
}

/** A headcount with its reason counts instead of the check-ins (residents who came without scanning). */
export async function enterHeadcount(ctx: Ctx, id: number, input: z.infer<typeof s.headcountIn>) {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await lockEvent(ctx, trx, id);
    requireOffice(ctx, row.organization_id, { zh: '登记参与人数', en: 'enter headcounts' });
    if (Date.parse(row.starts_at) > clock.now().getTime()) throw conflict({ zh: '活动尚未开始（状态 planned），不能登记参与人数', en: 'The event has not started yet (state planned)' });
    const checkedIn = await headcount(trx, 'lounge_event', id);
    if (input.count < checkedIn) throw invalid('body.count', { zh: `人数不能少于已扫码签到的 ${checkedIn} 人`, en: `The headcount cannot be below the ${checkedIn} who checked in` });
    await trx.updateTable('lounge_events').set({ headcount: input.count, headcount_reason: input.reason, updated_at: now() }).where('id', '=', id).execute();
    await audit(trx, ctx, { action: 'lounge_headcount', entityType: 'lounge_event', entityId: id, organizationId: row.organization_id, before: { headcount: row.headcount }, after: { headcount: input.count, reason: input.reason } });
  });
}

/** Participations: the entered headcount if there is one, else the check-ins. */
export async function participationsOf(db: Trx, ids: number[]) {
  const out = new Map<number, { checkins: number; participations: number }>();
  if (!ids.length) return out;
  const events = await db.selectFrom('lounge_events').select(['id', 'headcount']).where('id', 'in', ids).execute();
  const counts = await db.selectFrom('attendance_checkins').select(['source_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('source_type', '=', 'lounge_event').where('source_id', 'in', ids).groupBy('source_id').execute();
  const byId = new Map(counts.map((c) => [c.source_id, Number(c.n)]));
  for (const e of events) {
    const checkins = byId.get(e.id) ?? 0;
    out.set(e.id, { checkins, participations: e.headcount ?? checkins });
  }
  return out;
}

export async function eventsOfLounge(ctx: Ctx, placeId: number) {
  const place = await officeLounge(ctx, placeId, { zh: '查看客厅活动', en: 'see lounge events' });
  const rows = await ctx.db.selectFrom('lounge_events').select(['id', 'title', 'theme', 'starts_at as startsAt', 'ends_at as endsAt', 'residents', 'state', 'headcount', 'headcount_reason as headcountReason'])
    .where('place_id', '=', place.id).orderBy('starts_at', 'desc').limit(500).execute();
  const p = await participationsOf(ctx.db, rows.map((r) => r.id));
  return rows.map((r) => ({ ...r, ...p.get(r.id)! }));
}

export async function eventForOffice(ctx: Ctx, id: number) {
  const row = await ctx.db.selectFrom('lounge_events').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || !visibleOrgs(ctx, ctx.actor!).includes(row.organization_id)) throw noEvent();
  requireOffice(ctx, row.organization_id, { zh: '查看客厅活动', en: 'see lounge events' });
  const invitees = await ctx.db.selectFrom('lounge_event_invitees as v').leftJoin('members as m', 'm.id', 'v.member_id').leftJoin('handling_units as u', 'u.id', 'v.unit_id')
    .select(['v.kind', 'v.member_id as memberId', 'v.unit_id as unitId', 'm.name as memberName', 'u.name as unitName']).where('v.event_id', '=', id).orderBy('v.id').execute();
  const p = (await participationsOf(ctx.db, [id])).get(id)!;
  const timeline = await ctx.db.selectFrom('audit_log').select(['at', 'action', 'actor_name as actor', 'after']).where('entity_type', '=', 'lounge_event').where('entity_id', '=', String(id)).orderBy('id').execute();
  return {
    id: row.id, placeId: row.place_id, title: row.title, theme: row.theme, startsAt: row.starts_at, endsAt: row.ends_at, residents: row.residents, state: row.state,
    headcount: row.headcount, headcountReason: row.headcount_reason, ...p,
    members: invitees.filter((v) => v.kind === 'member').map((v) => ({ id: v.memberId, name: v.memberName })),
    units: invitees.filter((v) => v.kind === 'unit').map((v) => ({ id: v.unitId, name: v.unitName })),
    timeline: timeline.map((r) => ({ at: r.at, action: r.action, actor: r.actor, detail: r.after ? (JSON.parse(r.after) as Record<string, unknown>) : null })),
  };
}

// ---- rota ----

export async function addRota(ctx: Ctx, placeId: number, input: z.infer<typeof s.rotaIn>) {
  return ctx.db.transaction().execute(async (trx) => {
    const place = await requireLounge(trx, placeId);
    if (!visibleOrgs(ctx, ctx.actor!).includes(place.organization_id)) throw noLounge();
    requireOffice(ctx, place.organization_id, { zh: '安排客厅值班', en: 'publish the lounge rota' });
    const [m] = await membersByIds(trx, [input.memberId]);
    if (!m || m.status !== 'active' || !visibleOrgs(ctx, ctx.actor!).includes(m.organization_id))
      throw invalid('body.memberId', { zh: '值班委员须为在任委员', en: 'The member on duty must be a serving member' });
    if (input.to < input.from) throw invalid('body.to', { zh: '结束日期不能早于开始日期', en: 'The last day cannot come before the first' });
    const id = await insertRow(trx, 'lounge_rota', {
      organization_id: place.organization_id, place_id: place.id, member_id: m.id, from_date: input.from, to_date: input.to, created_by: ctx.actor!.userId, created_at: now(),
    }, true);
    await audit(trx, ctx, { action: 'rota_publish', entityType: 'lounge_rota', entityId: id, organizationId: place.organization_id, after: { placeId, memberId: m.id, from: input.from, to: input.to } });
    return id;
  });
}

export async function removeRota(ctx: Ctx, id: number) {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('lounge_rota').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row || !visibleOrgs(ctx, ctx.actor!).includes(row.organization_id)) throw notFound({ zh: '值班安排不存在', en: 'No such rota entry' });
    requireOffice(ctx, row.organization_id, { zh: '调整客厅值班', en: 'change the lounge rota' });
    if (row.to_date < chinaDate()) throw conflict({ zh: '已结束的值班（状态 past）不能撤下', en: 'A rota entry in state past cannot be removed' });
    await trx.deleteFrom('lounge_rota').where('id', '=', id).execute();
    await audit(trx, ctx, { action: 'rota_remove', entityType: 'lounge_rota', entityId: id, organizationId: row.organization_id, before: { memberId: row.member_id, from: row.from_date, to: row.to_date } });
  });
}

export const rotaOf = (db: Trx, placeId: number, fromDate: string) =>
  db.selectFrom('lounge_rota').innerJoin('members', 'members.id', 'lounge_rota.member_id')
    .select(['lounge_rota.id', 'lounge_rota.member_id as memberId', 'members.name as member', 'lounge_rota.from_date as from', 'lounge_rota.to_date as to'])
    .where('lounge_rota.place_id', '=', placeId).where('lounge_rota.to_date', '>=', fromDate).orderBy('lounge_rota.from_date').limit(200).execute();

/** The members on duty at a lounge on a day (China time). */
export async function onDuty(db: Trx, placeId: number, day = chinaDate()) {
  const rows = await db.selectFrom('lounge_rota').select('member_id').where('place_id', '=', placeId).where('from_date', '<=', day).where('to_date', '>=', day).execute();
  return [...new Set(rows.map((r) => r.member_id))];
}

// ---- questions ----

/** A resident (a signed-in public account) asks in a lounge's public thread; it shows once the office publishes it. */
export async function ask(ctx: Ctx, placeId: number, input: z.infer<typeof s.questionIn>) {
  if (!hasRole(ctx.actor, ['public'])) throw forbidden({ zh: '请使用群众账号提问', en: 'Questions are asked with a public account' });
  return ctx.db.transaction().execute(async (trx) => {
    const place = await requireLounge(trx, placeId);
    const id = await insertRow(trx, 'lounge_questions', {
      organization_id: place.organization_id, place_id: place.id, user_id: ctx.actor!.userId, text: input.text, state: 'pending', reject_reason: null, published_at: null,
      answer: null, answered_by: null, answered_at: null, reminded_at: null, rating: null, created_at: now(),
    }, true);
    await audit(trx, ctx, { action: 'ask', entityType: 'lounge_question', entityId: id, organizationId: place.organization_id, after: { state: 'pending', placeId } });
    return id;
  });
}

async function lockQuestion(ctx: Ctx, trx: Trx, id: number) {
  let q = trx.selectFrom('lounge_questions').selectAll().where('id', '=', id);
  if (ctx.dialect === 'postgres') q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw noQuestion();
  return row;
}

export async function moderateQuestion(ctx: Ctx, id: number, input: z.infer<typeof s.moderateIn>) {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await lockQuestion(ctx, trx, id);
    if (!visibleOrgs(ctx, ctx.actor!).includes(row.organization_id)) throw noQuestion();
    requireOffice(ctx, row.organization_id, { zh: '审核客厅问题', en: 'moderate lounge questions' });
    if (row.state !== 'pending') throw conflict({ zh: `问题状态为 ${row.state}，已审核过`, en: `This question was already moderated (state ${row.state})` });
    const at = now();
    if (input.decision === 'publish') {
      await trx.updateTable('lounge_questions').set({ state: 'published', published_at: at }).where('id', '=', id).execute();
      await audit(trx, ctx, { action: 'question_publish', entityType: 'lounge_question', entityId: id, organizationId: row.organization_id, before: { state: row.state }, after: { state: 'published' } });
    } else {
      await trx.updateTable('lounge_questions').set({ state: 'rejected', reject_reason: input.reason }).where('id', '=', id).execute();
      await audit(trx, ctx, { action: 'question_reject', entityType: 'lounge_question', entityId: id, organizationId: row.organization_id, before: { state: row.state }, after: { state: 'rejected', reason: input.reason } });
    }
  });
}

/** The member on duty answers, only in their own lounge and only while the rota has them on duty. */
export async function answer(ctx: Ctx, id: number, input: z.infer<typeof s.answerIn>) {
  const actor = ctx.actor!;
  await ctx.db.transaction().execute(async (trx) => {
    const row = await lockQuestion(ctx, trx, id);
    if (row.state === 'pending' || row.state === 'rejected') throw noQuestion();
    if (actor.memberId === null || !hasRole(actor, ['member'])) throw forbidden({ zh: '只有值班委员可以答复', en: 'Only the member on duty answers' });
    if (!(await onDuty(trx, row.place_id)).includes(actor.memberId)) throw forbidden({ zh: '您今天不在该客厅值班，不能答复', en: 'You are not on duty at this lounge today and cannot answer' });
    if (row.state !== 'published') throw conflict({ zh: `问题状态为 ${row.state}，已答复过`, en: `This question was already answered (state ${row.state})` });
    const at = now();
    await trx.updateTable('lounge_questions').set({ state: 'answered', answer: input.answer, answered_by: actor.memberId, answered_at: at }).where('id', '=', id).execute();
    await audit(trx, ctx, { action: 'question_answer', entityType: 'lounge_question', entityId: id, organizationId: row.organization_id, before: { state: row.state }, after: { state: 'answered', memberId: actor.memberId } });
    await replaceDuty(trx, loungeQuestionsDuty, [id]);
  });
}

/** The asker rates the answer once. */
export async function rateAnswer(ctx: Ctx, id: number, stars: number) {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await lockQuestion(ctx, trx, id);
    if (row.user_id !== ctx.actor!.userId) throw noQuestion();
    if (row.state !== 'answered') throw conflict({ zh: `问题状态为 ${row.state}，答复后才能评价`, en: `A question can be rated once answered (state ${row.state})` });
    if (row.rating !== null) throw conflict({ zh: '您已评价过该答复（状态 rated）', en: 'You have already rated this answer (state rated)' });
    await trx.updateTable('lounge_questions').set({ rating: stars }).where('id', '=', id).execute();
    await audit(trx, ctx, { action: 'question_rate', entityType: 'lounge_question', entityId: id, organizationId: row.organization_id, after: { stars } });
  });
}

export async function questionsOfLounge(ctx: Ctx, placeId: number, state?: string) {
  const place = await officeLounge(ctx, placeId, { zh: '审核客厅问题', en: 'moderate lounge questions' });
  let q = ctx.db.selectFrom('lounge_questions').innerJoin('users', 'users.id', 'lounge_questions.user_id').leftJoin('members', 'members.id', 'lounge_questions.answered_by')
    .select(['lounge_questions.id', 'lounge_questions.text', 'lounge_questions.state', 'lounge_questions.reject_reason as rejectReason', 'lounge_questions.created_at as createdAt',
      'lounge_questions.published_at as publishedAt', 'lounge_questions.answer', 'lounge_questions.answered_at as answeredAt', 'members.name as answeredBy', 'users.display_name as asker',
      'lounge_questions.reminded_at as remindedAt', 'lounge_questions.rating'])
    .where('lounge_questions.place_id', '=', place.id);
  if (state) q = q.where('lounge_questions.state', '=', state as 'pending');
  return q.orderBy('lounge_questions.id', 'desc').limit(500).execute();
}

/** The questions waiting for the member: published in the lounges they are on duty at today. */
export async function myDutyQuestions(ctx: Ctx) {
  const memberId = ctx.actor!.memberId;
  if (memberId === null) return { lounges: [], questions: [] };
  const day = chinaDate();
  const duty = await ctx.db.selectFrom('lounge_rota').innerJoin('places', 'places.id', 'lounge_rota.place_id')
    .select(['places.id', 'places.name', 'lounge_rota.from_date as from', 'lounge_rota.to_date as to'])
    .where('lounge_rota.member_id', '=', memberId).where('lounge_rota.to_date', '>=', day).orderBy('lounge_rota.from_date').execute();
  const today = [...new Set(duty.filter((d) => d.from <= day).map((d) => d.id))];
  const questions = today.length
    ? await ctx.db.selectFrom('lounge_questions').select(['id', 'place_id as placeId', 'text', 'published_at as publishedAt']).where('place_id', 'in', today).where('state', '=', 'published').orderBy('id').limit(200).execute()
    : [];
  return { lounges: duty, questions };
}

// ---- the public page ----

export async function publicLounge(db: Trx, placeId: number, userId: number | null) {
  const place = await requireLounge(db, placeId);
  const today = chinaDate();
  const questions = await db.selectFrom('lounge_questions').leftJoin('members', 'members.id', 'lounge_questions.answered_by')
    .select(['lounge_questions.id', 'lounge_questions.text', 'lounge_questions.state', 'lounge_questions.published_at as publishedAt', 'lounge_questions.answer',
      'lounge_questions.answered_at as answeredAt', 'members.name as answeredBy'])
    .where('lounge_questions.place_id', '=', place.id).where('lounge_questions.state', 'in', ['published', 'answered'])
    .orderBy('lounge_questions.id', 'desc').limit(200).execute();
  const mine = userId === null ? [] : await db.selectFrom('lounge_questions')
    .select(['id', 'text', 'state', 'reject_reason as rejectReason', 'answer', 'rating', 'created_at as createdAt'])
    .where('place_id', '=', place.id).where('user_id', '=', userId).orderBy('id', 'desc').limit(50).execute();
  const events = await db.selectFrom('lounge_events').select(['id', 'title', 'theme', 'starts_at as startsAt', 'ends_at as endsAt', 'state'])
    .where('place_id', '=', place.id).where('state', '=', 'planned').where('starts_at', '>=', new Date(clock.now().getTime() - 86_400_000).toISOString())
    .orderBy('starts_at').limit(50).execute();
  const star = await db.selectFrom('lounge_star_levels').select(['year', 'level']).where('place_id', '=', place.id).orderBy('year', 'desc').executeTakeFirst();
  return {
    lounge: { id: place.id, name: place.name, organizationName: place.organization_name },
    star: star ?? null,
    rota: (await rotaOf(db, place.id, today)).map(({ memberId: _m, ...r }) => ({ ...r, onDuty: r.from <= today })),
    events,
    questions,
    mine,
  };
}

// ---- star levels ----

export const DEFAULT_RULES = [
  { level: 1, events: 0, participations: 0, answered: 0, rating: 0 },
  { level: 2, events: 2, participations: 50, answered: 5, rating: 3 },
  { level: 3, events: 4, participations: 150, answered: 10, rating: 3.5 },
  { level: 4, events: 6, participations: 300, answered: 20, rating: 4 },
  { level: 5, events: 10, participations: 500, answered: 40, rating: 4.5 },
];

export async function starRules(db: Trx, organizationId: number) {
  const rows = await db.selectFrom('lounge_star_rules').select(['level', 'events', 'participations', 'answered', 'rating']).where('organization_id', '=', organizationId).orderBy('level').execute();
  return rows.length === 5 ? rows.map((r) => ({ ...r, rating: Number(r.rating) })) : DEFAULT_RULES;
}

export function rulesOrg(ctx: Ctx, organizationId: number | undefined) {
  const org = organizationId ?? ctx.actor!.organizationId;
  if (!visibleOrgs(ctx, ctx.actor!).includes(org)) throw notFound({ zh: '组织不存在', en: 'No such organization' });
  return org;
}

/** An admin sets the five levels' thresholds; each level asks at least what the one below does. */
export async function setStarRules(ctx: Ctx, input: z.infer<typeof s.rulesIn>) {
  const org = rulesOrg(ctx, input.organizationId);
  if (!hasRoleAt(ctx, ctx.actor!, ['admin'], org)) throw forbidden({ zh: '只有管理员可以修改星级规则', en: 'Only an admin sets the star level rules' });
  const levels = [...input.levels].sort((a, b) => a.level - b.level);
  if (levels.some((l, i) => l.level !== i + 1)) throw invalid('body.levels', { zh: '须为 1 到 5 星各一条', en: 'One rule for each level 1 to 5' });
  for (let i = 1; i < levels.length; i++) {
    const [lo, hi] = [levels[i - 1]!, levels[i]!];
    if (hi.events < lo.events || hi.participations < lo.participations || hi.answered < lo.answered || hi.rating < lo.rating)
      throw invalid(`body.levels.${i}`, { zh: `${hi.level} 星的要求不能低于 ${lo.level} 星`, en: `Level ${hi.level} cannot ask less than level ${lo.level}` });
  }
  await ctx.db.transaction().execute(async (trx) => {
    const before = await starRules(trx, org);
    await trx.deleteFrom('lounge_star_rules').where('organization_id', '=', org).execute();
    const at = now();
    await trx.insertInto('lounge_star_rules').values(levels.map((l) => ({ organization_id: org, ...l, updated_by: ctx.actor!.userId, updated_at: at }))).execute();
    await audit(trx, ctx, { action: 'star_rules', entityType: 'lounge_star_rules', entityId: org, organizationId: org, before: { levels: before }, after: { levels } });
  });
  return levels;
}

/** A lounge's figures of a year (China time) and the highest level whose every threshold they meet. */
export async function computeLevel(db: Trx, place: { id: number; organization_id: number }, year: number) {
  const { from, to } = yearRange(year);
  const held = await db.selectFrom('lounge_events').select('id').where('place_id', '=', place.id).where('state', '=', 'held').where('starts_at', '>=', from).where('starts_at', '<', to).execute();
  const p = await participationsOf(db, held.map((e) => e.id));
  const participations = [...p.values()].reduce((n, x) => n + x.participations, 0);
  const answered = await db.selectFrom('lounge_questions').select([(eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.avg<number>('rating').as('rating')])
    .where('place_id', '=', place.id).where('state', '=', 'answered').where('answered_at', '>=', from).where('answered_at', '<', to).executeTakeFirstOrThrow();
  const rating = answered.rating === null || answered.rating === undefined ? 0 : Math.round(Number(answered.rating) * 10) / 10;
  const figures = { events: held.length, participations, answered: Number(answered.n), rating };
  const rules = await starRules(db, place.organization_id);
  let level = 1;
  for (const r of rules)
    if (figures.events >= r.events && figures.participations >= r.participations && figures.answered >= r.answered && figures.rating >= r.rating) level = Math.max(level, r.level);
  return { figures, level, rules };
}

export async function loungeStar(ctx: Ctx, placeId: number, year = chinaYear()) {
  const place = await officeLounge(ctx, placeId, { zh: '查看客厅星级', en: 'see star levels' });
  const computed = await computeLevel(ctx.db, place, year);
  const confirmed = await ctx.db.selectFrom('lounge_star_levels').leftJoin('users', 'users.id', 'lounge_star_levels.confirmed_by')
    .select(['lounge_star_levels.level', 'lounge_star_levels.figures', 'lounge_star_levels.confirmed_at as confirmedAt', 'users.display_name as confirmedBy'])
    .where('place_id', '=', place.id).where('year', '=', year).executeTakeFirst();
  return { placeId: place.id, name: place.name, year, ...computed, confirmed: confirmed ? { ...confirmed, figures: JSON.parse(confirmed.figures) as Record<string, number> } : null };
}

/** The office confirms the computed level of a year, once; the public page then shows it. */
export async function confirmStar(ctx: Ctx, placeId: number, year: number) {
  const place = await officeLounge(ctx, placeId, { zh: '确认客厅星级', en: 'confirm star levels' });
  if (year > chinaYear()) throw invalid('body.year', { zh: '不能确认未来年度的星级', en: 'A future year cannot be confirmed' });
  return ctx.db.transaction().execute(async (trx) => {
    const { figures, level } = await computeLevel(trx, place, year);
    const res = await trx.insertInto('lounge_star_levels').values({ place_id: place.id, year, organization_id: place.organization_id, level, figures: JSON.stringify(figures), confirmed_by: ctx.actor!.userId, confirmed_at: now() })
      .onConflict((oc) => oc.columns(['place_id', 'year']).doNothing()).executeTakeFirst();
    if (Number(res.numInsertedOrUpdatedRows ?? 0) === 0) throw conflict({ zh: `${year} 年度星级已确认（状态 confirmed）`, en: `The ${year} level is already confirmed (state confirmed)` });
    // The place's stars follow the latest confirmed year.
    const latest = await trx.selectFrom('lounge_star_levels').select(['year', 'level']).where('place_id', '=', place.id).orderBy('year', 'desc').executeTakeFirstOrThrow();
    await trx.updateTable('places').set({ stars: latest.level, updated_at: now() }).where('id', '=', place.id).execute();
    await audit(trx, ctx, { action: 'star_confirm', entityType: 'lounge_star_level', entityId: place.id, organizationId: place.organization_id, after: { year, level, ...figures } });
    return { year, level, figures };
  });
}

/** The lounges the office sees, with their latest confirmed level. */
export async function loungesForOffice(ctx: Ctx) {
  const orgs = visibleOrgs(ctx, ctx.actor!);
  return ctx.db.selectFrom('places').select(['id', 'name', 'organization_id as organizationId', 'stars']).where('kind', '=', 'lounge').where('active', '=', 1)
    .where('organization_id', 'in', orgs.length ? orgs : [0]).orderBy('id').limit(1000).execute();
}
