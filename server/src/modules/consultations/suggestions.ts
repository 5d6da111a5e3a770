// Suggestions (意见建议) of consultation meetings: made by the office from a speech passage, a
// live-room comment or by hand. Each keeps where it came from, so its page traces it back to the
// speech or comment. Their tracking (units, deadlines, answers, adoption, reminders) is the shared
// suggestion tracker's; the routes under /api/consultations/suggestions stay for the meeting
// pages and answer in the meeting's terms.
import type { z } from 'zod';
import { conflict, invalid, notFound } from '../../platform/errors.js';
import type { Ctx } from '../../platform/context.js';
import * as tracker from '../suggestions/service.js';
import { commentForSuggestion } from './room-service.js';
import { loadMeeting, publish, record, requireOffice } from './commands.js';
import type * as s from './schema.js';

const EXCERPT = 300;
const SOURCE = 'consultation_meeting';
const changed = (ctx: Ctx, id: number) => publish(ctx, 'consultations.suggestion', { id });

tracker.defineSource(SOURCE, {
  label: { zh: '协商', en: 'consultation' },
  titles: (db, ids) => db.selectFrom('consultation_meetings').select(['id', 'topic as title']).where('id', 'in', ids.length ? ids : [0]).execute(),
  link: (id) => `/consultations/suggestions/${id}`,
  assignedKind: 'consultation.suggestion.assigned',
});

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
    const id = await tracker.insertSuggestion(trx, ctx, {
      organizationId: meeting.organization_id, sourceType: SOURCE, sourceId: meeting.id,
      origin: { kind: input.sourceKind, id: sourceId, passage, author }, title: input.title, text: input.text,
    });
    // The meeting's timeline shows the suggestions drawn from it as well.
    await record(trx, ctx, 'consultation_meeting', meeting.id, meeting.organization_id, 'suggestion', undefined, { suggestionId: id, source: input.sourceKind, sourceId });
    return id;
  });
  await changed(ctx, id);
  return { id };
}

const squash = (t: string) => t.replace(/\s+/g, '');

export async function assign(ctx: Ctx, id: number, input: z.infer<typeof s.assignIn>) {
  await tracker.assign(ctx, id, input);
  await changed(ctx, id);
}

export async function answer(ctx: Ctx, id: number, input: z.infer<typeof s.answerIn>) {
  await tracker.answer(ctx, id, input);
  await changed(ctx, id);
}

export async function adoption(ctx: Ctx, id: number, input: z.infer<typeof s.adoptionIn>) {
  await tracker.adoption(ctx, id, input);
  await changed(ctx, id);
}

/** The meeting's suggestions, listed with the meeting's topic. */
export async function listSuggestions(ctx: Ctx, q: z.infer<typeof s.suggestionsQuery>) {
  const page = await tracker.listSuggestions(ctx, { sourceType: SOURCE, sourceId: q.meetingId, state: q.state, cursor: q.cursor, limit: q.limit });
  return {
    ...page,
    items: page.items.map((r) => ({ id: r.id, title: r.title, state: r.state, sourceKind: r.originKind, sourceAuthor: r.originAuthor, meeting: { id: r.source.id, topic: r.source.title ?? '' }, createdAt: r.createdAt })),
  };
}

/** A suggestion of a meeting as the meeting pages show it; another source's is not found here. */
export async function suggestionDetail(ctx: Ctx, id: number) {
  const d = await tracker.suggestionDetail(ctx, id);
  if (d.source.type !== SOURCE) throw notFound({ zh: '意见建议不存在', en: 'No such suggestion' });
  const meeting = await ctx.db.selectFrom('consultation_meetings').select(['id', 'topic', 'starts_at']).where('id', '=', d.source.id).executeTakeFirstOrThrow();
  return {
    id: d.id, title: d.title, text: d.text, state: d.state, stateLabel: d.stateLabel,
    meeting: { id: meeting.id, topic: meeting.topic, startsAt: meeting.starts_at },
    source: d.origin,
    assignments: d.assignments.map(({ remindedAt: _r, ...a }) => a),
    adopted: d.adopted, adoptionNote: d.adoptionNote, createdAt: d.createdAt, abilities: d.abilities, timeline: d.timeline,
  };
}
