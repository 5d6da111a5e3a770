// Outcomes (协商成果): the office compiles a report from a meeting's suggestions, exports it as
// .docx and records where it was sent and what came back (leaders' instructions, adoption).
import type { z } from 'zod';
import { conflict, invalid, notFound } from '../../platform/errors.js';
import type { Ctx, Trx } from '../../platform/context.js';
import { yearRange } from '../../platform/time.js';
import { notAfterToday, notBefore } from '../../platform/dates.js';
import { isOffice, isReader, loadMeeting, now, record, requireOffice, timeline } from './commands.js';
import { outcomeDocx } from './docx.js';
import * as suggestionsService from '../suggestions/service.js';
import { meetingTypes } from './schema.js';
import type * as s from './schema.js';

const ENTITY = 'consultation_outcome';
const noOutcome = () => notFound({ zh: '协商成果不存在', en: 'No such outcome' });

export async function createOutcome(ctx: Ctx, meetingId: number, input: z.infer<typeof s.outcomeIn>) {
  return ctx.db.transaction().execute(async (trx) => {
    const m = await loadMeeting(ctx, trx, meetingId);
    requireOffice(ctx, m.organization_id, { zh: '整理协商成果', en: 'compile outcomes' });
    if (m.state === 'draft' || m.state === 'cancelled') throw conflict({ zh: '草稿或已取消的协商活动没有成果', en: 'A draft or cancelled meeting has no outcome' });
    const ids = [...new Set(input.suggestionIds)];
    if (ids.length === 0) throw invalid('body.suggestionIds', { zh: '请至少选择一条意见建议', en: 'Choose at least one suggestion' });
    const found = (await suggestionsService.sourcesOf(trx, ids)).filter((r) => r.sourceType === 'consultation_meeting' && r.sourceId === meetingId);
    if (found.length !== ids.length) throw invalid('body.suggestionIds', { zh: '所选意见建议不属于该协商活动', en: 'A chosen suggestion is not one of this meeting' });
    const row = await trx
      .insertInto('consultation_outcomes')
      .values({ organization_id: m.organization_id, meeting_id: meetingId, title: input.title, summary: input.summary, created_by: ctx.actor!.userId, created_at: now() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.insertInto('consultation_outcome_suggestions').values(ids.map((suggestion_id, i) => ({ outcome_id: row.id, suggestion_id, position: i + 1 }))).execute();
    await record(trx, ctx, ENTITY, row.id, m.organization_id, 'create', undefined, { meetingId, title: input.title, suggestionIds: ids });
    await record(trx, ctx, 'consultation_meeting', meetingId, m.organization_id, 'outcome', undefined, { outcomeId: row.id, title: input.title });
    return { id: row.id };
  });
}

async function loadOutcome(ctx: Ctx, db: Trx, id: number) {
  const o = await db.selectFrom('consultation_outcomes').selectAll().where('id', '=', id).executeTakeFirst();
  if (!o || !isReader(ctx, o.organization_id)) throw noOutcome();
  return o;
}

export async function listOutcomes(ctx: Ctx, year?: number) {
  const orgs = [...new Set(ctx.actor!.roles.filter((r) => ['admin', 'staff', 'leader'].includes(r.role)).flatMap((r) => ctx.orgTree.subtree(r.organizationId)))];
  if (orgs.length === 0) return [];
  let q = ctx.db
    .selectFrom('consultation_outcomes as o')
    .innerJoin('consultation_meetings as cm', 'cm.id', 'o.meeting_id')
    .select(['o.id', 'o.title', 'o.created_at', 'cm.id as meeting_id', 'cm.topic', 'cm.starts_at', 'cm.type'])
    .where('o.organization_id', 'in', orgs);
  if (year) q = q.where('cm.starts_at', '>=', yearRange(year).from).where('cm.starts_at', '<', yearRange(year).to);
  const rows = await q.orderBy('o.id', 'desc').limit(500).execute();
  return rows.map((r) => ({ id: r.id, title: r.title, createdAt: r.created_at, meeting: { id: r.meeting_id, topic: r.topic, startsAt: r.starts_at, type: r.type } }));
}

async function outcomeSuggestions(db: Trx, id: number) {
  const links = await db.selectFrom('consultation_outcome_suggestions').select('suggestion_id').where('outcome_id', '=', id).orderBy('position').execute();
  const order = links.map((l) => l.suggestion_id);
  const rows = await suggestionsService.suggestionsOf(db, 'consultation_meeting', [], order);
  // In the order the office put them in the report.
  return order.flatMap((sid) => rows.filter((r) => r.id === sid)).map((r) => ({
    id: r.id, title: r.title, text: r.text, state: r.state, sourceKind: r.originKind, sourceAuthor: r.originAuthor, answers: r.answers, adopted: r.adopted, adoptionNote: r.adoptionNote,
  }));
}

export async function outcomeDetail(ctx: Ctx, id: number) {
  const o = await loadOutcome(ctx, ctx.db, id);
  const m = await ctx.db.selectFrom('consultation_meetings').select(['id', 'topic', 'starts_at', 'type', 'place']).where('id', '=', o.meeting_id).executeTakeFirstOrThrow();
  const [forwardings, instructions, adoptions] = await Promise.all([
    ctx.db.selectFrom('consultation_outcome_forwardings').select(['id', 'recipient', 'sent_on', 'note']).where('outcome_id', '=', id).orderBy('id').execute(),
    ctx.db.selectFrom('consultation_outcome_instructions').select(['id', 'leader', 'level', 'instructed_on', 'text']).where('outcome_id', '=', id).orderBy('id').execute(),
    ctx.db.selectFrom('consultation_outcome_adoptions').select(['id', 'level', 'adopted_on', 'note']).where('outcome_id', '=', id).orderBy('id').execute(),
  ]);
  const office = isOffice(ctx, o.organization_id);
  return {
    id: o.id, title: o.title, summary: o.summary, createdAt: o.created_at,
    meeting: { id: m.id, topic: m.topic, startsAt: m.starts_at, type: m.type, typeLabel: meetingTypes[m.type], place: m.place },
    suggestions: await outcomeSuggestions(ctx.db, id),
    forwardings: forwardings.map((f) => ({ id: f.id, to: f.recipient, date: f.sent_on, note: f.note })),
    instructions: instructions.map((i) => ({ id: i.id, leaderName: i.leader, level: i.level, date: i.instructed_on, text: i.text })),
    adoptions: adoptions.map((a) => ({ id: a.id, level: a.level, date: a.adopted_on, note: a.note })),
    abilities: { forward: office, instruct: office, adopt: office },
    timeline: await timeline(ctx.db, ENTITY, id),
  };
}

export async function outcomeDocument(ctx: Ctx, id: number) {
  const o = await loadOutcome(ctx, ctx.db, id);
  const m = await ctx.db.selectFrom('consultation_meetings').select(['topic', 'starts_at', 'type', 'place']).where('id', '=', o.meeting_id).executeTakeFirstOrThrow();
  const org = await ctx.db.selectFrom('organizations').select('name').where('id', '=', o.organization_id).executeTakeFirstOrThrow();
  const data = await outcomeDocx({
    organizationName: org.name, title: o.title, meetingTopic: m.topic, meetingType: meetingTypes[m.type].zh, meetingDate: m.starts_at, place: m.place,
    summary: o.summary, suggestions: await outcomeSuggestions(ctx.db, id), compiledOn: o.created_at,
  });
  return { name: `${o.title}.docx`, data };
}

type FollowUp =
  | { kind: 'forwarding'; input: z.infer<typeof s.forwardingIn> }
  | { kind: 'instruction'; input: z.infer<typeof s.instructionIn> }
  | { kind: 'adoption'; input: z.infer<typeof s.outcomeAdoptionIn> };

/**
 * What became of an outcome happened on a day typed by staff: not later than today, not before the
 * outcome was compiled, and an instruction or adoption not before the outcome was first forwarded.
 */
async function checkFollowUpDate(trx: Trx, o: { id: number; created_at: string }, f: FollowUp) {
  notAfterToday('body.date', f.input.date);
  notBefore('body.date', f.input.date, o.created_at, { zh: '该成果的整理日期', en: "the outcome's compilation date" });
  if (f.kind === 'forwarding') return;
  const sent = await trx.selectFrom('consultation_outcome_forwardings').select('sent_on').where('outcome_id', '=', o.id).orderBy('sent_on').executeTakeFirst();
  notBefore('body.date', f.input.date, sent?.sent_on, { zh: '该成果的报送日期', en: "the outcome's forwarding date" });
}

export async function followUp(ctx: Ctx, id: number, f: FollowUp) {
  return ctx.db.transaction().execute(async (trx) => {
    const o = await loadOutcome(ctx, trx, id);
    requireOffice(ctx, o.organization_id, { zh: '登记协商成果的报送和反馈', en: 'record what became of an outcome' });
    await checkFollowUpDate(trx, o, f);
    const base = { outcome_id: id, created_by: ctx.actor!.userId, created_at: now() };
    let rowId: number;
    if (f.kind === 'forwarding')
      rowId = (await trx.insertInto('consultation_outcome_forwardings').values({ ...base, recipient: f.input.to, sent_on: f.input.date, note: f.input.note ?? null }).returning('id').executeTakeFirstOrThrow()).id;
    else if (f.kind === 'instruction')
      rowId = (await trx.insertInto('consultation_outcome_instructions').values({ ...base, leader: f.input.leaderName, level: f.input.level, instructed_on: f.input.date, text: f.input.text }).returning('id').executeTakeFirstOrThrow()).id;
    else rowId = (await trx.insertInto('consultation_outcome_adoptions').values({ ...base, level: f.input.level, adopted_on: f.input.date, note: f.input.note ?? null }).returning('id').executeTakeFirstOrThrow()).id;
    await record(trx, ctx, ENTITY, id, o.organization_id, f.kind, undefined, { id: rowId, ...f.input });
    return { id: rowId };
  });
}
