// Suggestions (意见建议): made by the office from a speech passage, a live-room comment or by
// hand, assigned to departments, answered by them and marked adopted or not. Each keeps where it
// came from, so its page traces it back to the speech or comment.
import type { z } from 'zod';
import { sql } from 'kysely';
import { conflict, forbidden, invalid, notFound } from '../../platform/errors.js';
import { hasRoleAt, type Ctx, type Trx } from '../../platform/context.js';
import type { ConsultationSuggestionTable, SuggestionState } from '../../platform/db/consultation-types.js';
import { toPage } from '../../platform/paging.js';
import { notBefore } from '../../platform/dates.js';
import { chinaDate } from '../../platform/time.js';
import { notifyUnits } from '../notifications/service.js';
import { commentForSuggestion } from './room-service.js';
import { isOffice, isReader, loadMeeting, now, publish, record, requireOffice, timeline } from './commands.js';
import { checkEvent, mayFire, suggestionFlow } from './workflow.js';
import type * as s from './schema.js';

type Row = Omit<ConsultationSuggestionTable, 'id'> & { id: number };
const ENTITY = 'consultation_suggestion';
const EXCERPT = 300;
const noSuggestion = () => notFound({ zh: '意见建议不存在', en: 'No such suggestion' });
const changed = (ctx: Ctx, id: number) => publish(ctx, 'consultations.suggestion', { id });

export async function createSuggestion(
  ctx: Ctx,
  input: { meetingId: number; sourceKind: 'speech' | 'comment' | 'manual'; sourceId?: number; passage?: string; title: string; text: string },
): Promise<{ id: number }> {
  const id = await ctx.db.transaction().execute(async (trx) => {
    const meeting = await loadMeeting(ctx, trx, input.meetingId);
    requireOffice(ctx, meeting.organization_id, { zh: '整理该协商活动的意见建议', en: 'make suggestions of this meeting' });
    if (meeting.state === 'draft' || meeting.state === 'cancelled')
      throw conflict({ zh: '草稿或已取消的协商活动不能整理意见建议', en: 'A draft or cancelled meeting has no suggestions' });
    let sourceId: number | null = null;
    let passage: string | null = null;
    let author: string | null = null;
    if (input.sourceKind === 'speech') {
      if (!input.sourceId) throw invalid('body.sourceId', { zh: '请指明发言', en: 'Name the speech' });
      const speech = await trx
        .selectFrom('consultation_speeches as sp')
        .innerJoin('members as m', 'm.id', 'sp.member_id')
        .select(['sp.id', 'sp.meeting_id', 'sp.text', 'sp.state', 'm.name'])
        .where('sp.id', '=', input.sourceId)
        .executeTakeFirst();
      if (!speech || speech.meeting_id !== meeting.id || speech.state === 'withdrawn' || speech.state === 'rejected')
        throw invalid('body.sourceId', { zh: '该发言不属于此协商活动', en: 'The speech is not one of this meeting' });
      const wanted = (input.passage ?? '').trim();
      // The passage is a quotation: it must be found in the speech as the member wrote it.
      if (wanted && !squash(speech.text).includes(squash(wanted)))
        throw invalid('body.passage', { zh: '摘录的段落不在该发言稿中', en: 'The passage is not found in the speech' });
      sourceId = speech.id;
      passage = wanted || speech.text.slice(0, EXCERPT);
      author = speech.name;
    } else if (input.sourceKind === 'comment') {
      if (!input.sourceId) throw invalid('body.sourceId', { zh: '请指明评论', en: 'Name the comment' });
      const comment = await commentForSuggestion(trx, input.sourceId);
      if (!comment || comment.meetingId !== meeting.id) throw invalid('body.sourceId', { zh: '该评论不属于此协商活动', en: 'The comment is not one of this meeting' });
      sourceId = comment.id;
      passage = comment.body;
      author = comment.authorName;
    } else if (input.sourceId !== undefined) {
      throw invalid('body.sourceId', { zh: '手工录入的意见建议没有来源编号', en: 'A suggestion entered by hand has no source id' });
    }
    const at = now();
    const row = await trx
      .insertInto('consultation_suggestions')
      .values({
        organization_id: meeting.organization_id, meeting_id: meeting.id, source_kind: input.sourceKind, source_id: sourceId, passage, source_author: author,
        title: input.title, text: input.text, state: 'open', adoption_note: null, created_by: ctx.actor!.userId, created_at: at, updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await record(trx, ctx, ENTITY, row.id, meeting.organization_id, 'create', undefined, { state: 'open', meetingId: meeting.id, source: input.sourceKind, sourceId, title: input.title });
    // The meeting's timeline shows the suggestions drawn from it as well.
    await record(trx, ctx, 'consultation_meeting', meeting.id, meeting.organization_id, 'suggestion', undefined, { suggestionId: row.id, source: input.sourceKind, sourceId });
    return row.id;
  });
  await changed(ctx, id);
  return { id };
}

const squash = (t: string) => t.replace(/\s+/g, '');

async function lockSuggestion(ctx: Ctx, trx: Trx, id: number): Promise<Row> {
  let q = trx.selectFrom('consultation_suggestions').selectAll().where('id', '=', id);
  if (ctx.dialect === 'postgres') q = q.forUpdate();
  const row = (await q.executeTakeFirst()) as Row | undefined;
  if (!row || !(await maySee(ctx, trx, row))) throw noSuggestion();
  return row;
}

async function maySee(ctx: Ctx, db: Trx, row: { id: number; organization_id: number }) {
  if (isReader(ctx, row.organization_id)) return true;
  const unit = ctx.actor?.handlingUnitId;
  if (unit == null || !hasRoleAt(ctx, ctx.actor!, ['unit'], row.organization_id)) return false;
  return !!(await db.selectFrom('consultation_suggestion_units').select('unit_id').where('suggestion_id', '=', row.id).where('unit_id', '=', unit).executeTakeFirst());
}

export async function assign(ctx: Ctx, id: number, input: z.infer<typeof s.assignIn>) {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await lockSuggestion(ctx, trx, id);
    const to = checkEvent(ctx, suggestionFlow, 'assign', { state: row.state, organizationId: row.organization_id });
    // A deadline may lie in the future, but not before the assignment it belongs to, made today.
    if (input.deadline) notBefore('body.deadline', input.deadline, chinaDate(), { zh: '交办日期（今天）', en: 'the assignment date (today)' });
    const unitIds = [...new Set(input.unitIds)];
    const units = await trx.selectFrom('handling_units').select(['id', 'organization_id', 'active']).where('id', 'in', unitIds).execute();
    // The departments of the suggestion's own level answer it (a city's suggestions go to city departments).
    if (units.length !== unitIds.length || units.some((u) => !u.active || u.organization_id !== row.organization_id))
      throw invalid('body.unitIds', { zh: '承办单位不存在、已停用或不属于该组织', en: 'A handling unit does not exist, is inactive or belongs elsewhere' });
    const already = new Set((await trx.selectFrom('consultation_suggestion_units').select('unit_id').where('suggestion_id', '=', id).execute()).map((r) => r.unit_id));
    const fresh = unitIds.filter((u) => !already.has(u));
    if (fresh.length === 0) throw conflict({ zh: '这些单位已经交办过', en: 'These units have already been assigned' });
    const at = now();
    await trx.insertInto('consultation_suggestion_units').values(fresh.map((unit_id) => ({ suggestion_id: id, unit_id, deadline: input.deadline ?? null, answer: null, answered_by: null, answered_at: null, assigned_at: at }))).execute();
    await trx.updateTable('consultation_suggestions').set({ state: to, updated_at: at }).where('id', '=', id).execute();
    await record(trx, ctx, ENTITY, id, row.organization_id, 'assign', { state: row.state }, { state: to, unitIds: fresh, deadline: input.deadline ?? null });
    const note = {
      kind: 'consultation.suggestion.assigned', organizationId: row.organization_id,
      title: { zh: '新交办的协商意见建议', en: 'A consultation suggestion assigned to you' },
      body: { zh: `《${row.title}》已交办贵单位${input.deadline ? `，请于${input.deadline}前答复` : '，请及时答复'}。`, en: `"${row.title}" has been assigned to your unit${input.deadline ? `; please answer by ${input.deadline}` : ''}.` },
      link: `/consultations/suggestions/${id}`, entityType: ENTITY, entityId: id,
    };
    await notifyUnits(trx, fresh.map((unitId) => ({ unitId, note })));
  });
  await changed(ctx, id);
}

export async function answer(ctx: Ctx, id: number, input: z.infer<typeof s.answerIn>) {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await lockSuggestion(ctx, trx, id);
    checkEvent(ctx, suggestionFlow, 'answer', { state: row.state, organizationId: row.organization_id });
    const unit = ctx.actor!.handlingUnitId;
    const mine = unit == null ? undefined : await trx.selectFrom('consultation_suggestion_units').selectAll().where('suggestion_id', '=', id).where('unit_id', '=', unit).executeTakeFirst();
    if (!mine) throw forbidden({ zh: '该意见建议未交办贵单位', en: 'This suggestion is not assigned to your unit' });
    if (mine.answered_at) throw conflict({ zh: '贵单位已经答复过', en: 'Your unit has already answered' });
    const at = now();
    await trx.updateTable('consultation_suggestion_units').set({ answer: input.text, answered_by: ctx.actor!.userId, answered_at: at }).where('suggestion_id', '=', id).where('unit_id', '=', unit!).execute();
    const waiting = await trx.selectFrom('consultation_suggestion_units').select('unit_id').where('suggestion_id', '=', id).where('answered_at', 'is', null).execute();
    const to: SuggestionState = waiting.length === 0 ? 'answered' : row.state;
    await trx.updateTable('consultation_suggestions').set({ state: to, updated_at: at }).where('id', '=', id).execute();
    await record(trx, ctx, ENTITY, id, row.organization_id, 'answer', { state: row.state }, { state: to, unitId: unit, text: input.text });
  });
  await changed(ctx, id);
}

export async function adoption(ctx: Ctx, id: number, input: z.infer<typeof s.adoptionIn>) {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await lockSuggestion(ctx, trx, id);
    const event = input.adopted ? 'adopt' : 'not_adopt';
    const to = checkEvent(ctx, suggestionFlow, event, { state: row.state, organizationId: row.organization_id });
    await trx.updateTable('consultation_suggestions').set({ state: to, adoption_note: input.note ?? null, updated_at: now() }).where('id', '=', id).execute();
    await record(trx, ctx, ENTITY, id, row.organization_id, event, { state: row.state }, { state: to, note: input.note ?? null });
  });
  await changed(ctx, id);
}

export async function listSuggestions(ctx: Ctx, q: z.infer<typeof s.suggestionsQuery>) {
  const actor = ctx.actor!;
  const readable = actor.roles.filter((r) => ['admin', 'staff', 'leader'].includes(r.role)).flatMap((r) => ctx.orgTree.subtree(r.organizationId));
  const unit = actor.handlingUnitId !== null && actor.roles.some((r) => r.role === 'unit') ? actor.handlingUnitId : null;
  if (readable.length === 0 && unit === null) return { items: [], nextCursor: null, total: 0 };
  let base = ctx.db.selectFrom('consultation_suggestions as sg').innerJoin('consultation_meetings as cm', 'cm.id', 'sg.meeting_id');
  base = base.where((eb) =>
    eb.or([
      ...(readable.length ? [eb('sg.organization_id', 'in', [...new Set(readable)])] : []),
      ...(unit !== null ? [eb.exists(eb.selectFrom('consultation_suggestion_units as su').select('su.unit_id').whereRef('su.suggestion_id', '=', 'sg.id').where('su.unit_id', '=', unit))] : []),
    ]),
  );
  if (q.meetingId) base = base.where('sg.meeting_id', '=', q.meetingId);
  if (q.state) base = base.where('sg.state', '=', q.state);
  const total = Number((await base.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
  let page = base.select(['sg.id', 'sg.title', 'sg.state', 'sg.source_kind', 'sg.source_author', 'sg.meeting_id', 'cm.topic', 'sg.created_at']).orderBy('sg.id', 'desc').limit(q.limit + 1);
  if (q.cursor) page = page.where('sg.id', '<', Number(q.cursor));
  const rows = await page.execute();
  return toPage(rows, q.limit, total, (r) => ({ id: r.id, title: r.title, state: r.state, sourceKind: r.source_kind, sourceAuthor: r.source_author, meeting: { id: r.meeting_id, topic: r.topic }, createdAt: r.created_at }));
}

export async function suggestionDetail(ctx: Ctx, id: number) {
  const row = (await ctx.db.selectFrom('consultation_suggestions').selectAll().where('id', '=', id).executeTakeFirst()) as Row | undefined;
  if (!row || !(await maySee(ctx, ctx.db, row))) throw noSuggestion();
  const meeting = await ctx.db.selectFrom('consultation_meetings').select(['id', 'topic', 'starts_at']).where('id', '=', row.meeting_id).executeTakeFirstOrThrow();
  const assignments = await ctx.db
    .selectFrom('consultation_suggestion_units as su')
    .innerJoin('handling_units as u', 'u.id', 'su.unit_id')
    .select(['su.unit_id', 'u.name', 'su.deadline', 'su.answer', 'su.answered_at', 'su.assigned_at'])
    .where('su.suggestion_id', '=', id)
    .orderBy('u.sort')
    .orderBy('u.id')
    .execute();
  const office = isOffice(ctx, row.organization_id);
  const unit = ctx.actor!.handlingUnitId;
  const mine = assignments.find((a) => a.unit_id === unit);
  const org = { state: row.state, organizationId: row.organization_id };
  return {
    id: row.id, title: row.title, text: row.text, state: row.state, stateLabel: suggestionFlow.states[row.state],
    meeting: { id: meeting.id, topic: meeting.topic, startsAt: meeting.starts_at },
    source: { kind: row.source_kind, id: row.source_id, excerpt: row.passage, authorName: row.source_author },
    // A unit sees its own assignment and answer, not what the other departments wrote.
    assignments: assignments
      .filter((a) => office || isReader(ctx, row.organization_id) || a.unit_id === unit)
      .map((a) => ({ unitId: a.unit_id, unitName: a.name, deadline: a.deadline, answer: a.answer, answeredAt: a.answered_at, assignedAt: a.assigned_at })),
    adopted: row.state === 'adopted' ? true : row.state === 'not_adopted' ? false : null,
    adoptionNote: row.adoption_note,
    createdAt: row.created_at,
    abilities: {
      assign: mayFire(ctx, suggestionFlow, 'assign', org),
      answer: mayFire(ctx, suggestionFlow, 'answer', org) && !!mine && !mine.answered_at,
      adopt: mayFire(ctx, suggestionFlow, 'adopt', org) || mayFire(ctx, suggestionFlow, 'not_adopt', org),
    },
    timeline: await timeline(ctx.db, ENTITY, id),
  };
}

