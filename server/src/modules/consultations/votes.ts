// Best-speech selection: attendees vote within a window (each up to the meeting's limit, once per
// speech); the office then confirms the selection, which every reader of the meeting sees.
// The limit holds under concurrent votes: the voter's invitation row is locked while counting
// (PostgreSQL; SQLite runs one writer at a time) and a unique index refuses a second vote.
import type { z } from 'zod';
import { sql } from 'kysely';
import { conflict, forbidden, invalid } from '../../platform/errors.js';
import type { Ctx } from '../../platform/context.js';
import { isUniqueViolation } from '../../platform/db/dialect.js';
import { loadMeeting, myInvitation, now, record, requireOffice } from './commands.js';
import { meetingFlow, stateConflict } from './workflow.js';
import type * as s from './schema.js';
import { counted } from '../../platform/plural.js';

const ENTITY = 'consultation_meeting';
const twice = () => conflict({ zh: '您已为该发言投过票', en: 'You have already voted for this speech' });

export async function setVoteSettings(ctx: Ctx, meetingId: number, input: z.infer<typeof s.voteSettingsIn>) {
  if (input.closesAt <= input.opensAt) throw invalid('body.closesAt', { zh: '投票截止时间应晚于开始时间', en: 'Voting must close after it opens' });
  await ctx.db.transaction().execute(async (trx) => {
    const m = await loadMeeting(ctx, trx, meetingId, { lock: true });
    requireOffice(ctx, m.organization_id, { zh: '设置最佳发言评选', en: 'set up the best-speech vote' });
    if (m.state === 'draft' || m.state === 'cancelled') throw stateConflict(meetingFlow, m.state, { zh: '设置投票', en: 'Setting up the vote' });
    if (m.best_confirmed_at) throw conflict({ zh: '最佳发言已确认，不能再修改投票设置', en: 'The best speeches are confirmed; the vote can no longer change' });
    const used = await trx.selectFrom('consultation_votes').select(sql<number>`count(*)`.as('n')).where('meeting_id', '=', meetingId).executeTakeFirstOrThrow();
    if (Number(used.n) > 0 && input.votesPerAttendee < m.votes_per_attendee)
      throw conflict({ zh: '已有人投票，不能减少每人可投票数', en: 'Votes have been cast; the number per attendee cannot go down' });
    await trx.updateTable('consultation_meetings').set({ votes_per_attendee: input.votesPerAttendee, vote_opens_at: input.opensAt, vote_closes_at: input.closesAt, updated_at: now() }).where('id', '=', meetingId).execute();
    await record(trx, ctx, ENTITY, meetingId, m.organization_id, 'vote_settings',
      { votesPerAttendee: m.votes_per_attendee, opensAt: m.vote_opens_at, closesAt: m.vote_closes_at }, input);
  });
}

export async function vote(ctx: Ctx, meetingId: number, input: z.infer<typeof s.voteIn>) {
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const m = await loadMeeting(ctx, trx, meetingId);
      const inv = await myInvitation(ctx, trx, meetingId, true);
      if (!inv.checked_in_at) throw forbidden({ zh: '只有到会签到的委员可以投票', en: 'Only members who attended (checked in) may vote' });
      const at = now();
      if (m.state === 'cancelled' || m.best_confirmed_at || !m.vote_opens_at || !m.vote_closes_at || at < m.vote_opens_at || at > m.vote_closes_at)
        throw conflict({ zh: '不在投票时间内', en: 'Voting is not open now' });
      const speech = await trx.selectFrom('consultation_speeches').select(['id', 'meeting_id', 'state']).where('id', '=', input.speechId).executeTakeFirst();
      if (!speech || speech.meeting_id !== meetingId || speech.state !== 'approved') throw invalid('body.speechId', { zh: '该发言不在本次评选之列', en: 'This speech is not one of the meeting’s speeches' });
      const mine = await trx.selectFrom('consultation_votes').select('speech_id').where('invitation_id', '=', inv.id).execute();
      if (mine.some((v) => v.speech_id === input.speechId)) throw twice();
      if (mine.length >= m.votes_per_attendee)
        throw conflict({ zh: `每人最多投 ${m.votes_per_attendee} 票，您的票已投完`, en: `Each attendee has ${counted(m.votes_per_attendee, 'vote')}; you have used them all` });
      await trx.insertInto('consultation_votes').values({ meeting_id: meetingId, speech_id: input.speechId, invitation_id: inv.id, created_at: at }).execute();
      await record(trx, ctx, ENTITY, meetingId, m.organization_id, 'vote', undefined, { speechId: input.speechId });
      return { votesLeft: m.votes_per_attendee - mine.length - 1 };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw twice();
    throw err;
  }
}

export async function voteResults(db: Ctx['db'], meetingId: number) {
  const rows = await db
    .selectFrom('consultation_speeches as sp')
    .innerJoin('members as m', 'm.id', 'sp.member_id')
    .leftJoin('consultation_votes as v', 'v.speech_id', 'sp.id')
    .select(['sp.id', 'sp.title', 'm.name', sql<number>`count(v.id)`.as('votes')])
    .where('sp.meeting_id', '=', meetingId)
    .where('sp.state', '=', 'approved')
    .groupBy(['sp.id', 'sp.title', 'm.name', 'sp.position'])
    .orderBy(sql`count(v.id)`, 'desc')
    .orderBy('sp.position')
    .execute();
  return rows.map((r) => ({ speechId: r.id, title: r.title, memberName: r.name, votes: Number(r.votes) }));
}

export async function results(ctx: Ctx, meetingId: number) {
  const m = await loadMeeting(ctx, ctx.db, meetingId);
  requireOffice(ctx, m.organization_id, { zh: '查看投票结果', en: 'see the vote results' });
  return voteResults(ctx.db, meetingId);
}

export async function confirmBest(ctx: Ctx, meetingId: number, input: z.infer<typeof s.bestIn>) {
  await ctx.db.transaction().execute(async (trx) => {
    const m = await loadMeeting(ctx, trx, meetingId, { lock: true });
    requireOffice(ctx, m.organization_id, { zh: '确认最佳发言', en: 'confirm the best speeches' });
    if (m.state === 'cancelled') throw stateConflict(meetingFlow, m.state, { zh: '确认最佳发言', en: 'Confirming the best speeches' });
    if (!m.vote_closes_at || now() <= m.vote_closes_at) throw conflict({ zh: '投票尚未结束，不能确认最佳发言', en: 'Voting has not closed; the best speeches cannot be confirmed yet' });
    const ids = [...new Set(input.speechIds)];
    const tally = await voteResults(trx, meetingId);
    if (ids.some((id) => !tally.some((t) => t.speechId === id))) throw invalid('body.speechIds', { zh: '所选发言不属于本次评选', en: 'A chosen speech is not one of this meeting’s speeches' });
    await trx.deleteFrom('consultation_best_speeches').where('meeting_id', '=', meetingId).execute();
    if (ids.length)
      await trx.insertInto('consultation_best_speeches').values(ids.map((speech_id, i) => ({ meeting_id: meetingId, speech_id, position: i + 1, votes: tally.find((t) => t.speechId === speech_id)!.votes }))).execute();
    await trx.updateTable('consultation_meetings').set({ best_confirmed_at: now(), updated_at: now() }).where('id', '=', meetingId).execute();
    await record(trx, ctx, ENTITY, meetingId, m.organization_id, 'best_speeches', m.best_confirmed_at ? { confirmedAt: m.best_confirmed_at } : undefined, { speechIds: ids });
  });
}
