// What the halls show: the public hall page (no personal data: support counts, never the
// supporters), the public index of halls with their figures, the staff's topic with its timeline.
import { sql } from 'kysely';
import { notFound } from '../../platform/errors.js';
import { visibleOrgs, type Ctx, type Trx } from '../../platform/context.js';
import { yearRange } from '../../platform/time.js';
import { requirePlace } from './commands.js';
import { similarTopics } from './similar.js';
import { sessionFiles } from './files.js';
import { closesAt as windowEnd } from '../attendance/rules.js';

const closesAt = (row: { starts_at: string; ends_at: string | null }) => windowEnd({ startsAt: row.starts_at, endsAt: row.ends_at });
import { answeredByPlace, publicSessionSuggestions } from './suggestions.js';

const HALL_KINDS = ['hall', 'station', 'studio', 'lounge'] as const;

export async function publicHall(db: Trx, placeId: number, userId: number | null) {
  const place = await requirePlace(db, placeId);
  const topics = await db
    .selectFrom('hall_topics')
    .select([
      'id', 'title', 'text', 'state', 'merged_into as mergedInto', 'decline_reason as declineReason', 'session_id as sessionId', 'created_at as createdAt',
    ])
    .where('place_id', '=', placeId)
    .orderBy('id', 'desc')
    .limit(200)
    .execute();
  const ids = topics.map((t) => t.id);
  // One grouped query each for the support counts and the average approved rating of these topics.
  const supportsOf = new Map<number, number>();
  const ratingOf = new Map<number, number>();
  if (ids.length) {
    const [counts, ratings] = await Promise.all([
      db.selectFrom('hall_supports').select(['topic_id', sql<number>`count(*)`.as('n')]).where('topic_id', 'in', ids).groupBy('topic_id').execute(),
      db.selectFrom('hall_ratings').select(['topic_id', sql<number>`avg(stars)`.as('a')]).where('topic_id', 'in', ids).where('state', '=', 'approved').groupBy('topic_id').execute(),
    ]);
    for (const r of counts) supportsOf.set(r.topic_id, Number(r.n));
    for (const r of ratings) ratingOf.set(r.topic_id, Number(r.a));
  }
  const mine = userId && ids.length ? (await db.selectFrom('hall_supports').select('topic_id').where('user_id', '=', userId).where('topic_id', 'in', ids).execute()).map((r) => r.topic_id) : [];
  const comments = ids.length
    ? await db.selectFrom('hall_ratings').select(['topic_id', 'stars', 'comment', 'created_at']).where('topic_id', 'in', ids).where('state', '=', 'approved').orderBy('id', 'desc').limit(500).execute()
    : [];
  const sessions = await db
    .selectFrom('hall_sessions')
    .leftJoin('members', 'members.id', 'hall_sessions.convener_member_id')
    .select(['hall_sessions.id', 'hall_sessions.title', 'hall_sessions.starts_at as startsAt', 'hall_sessions.state', 'hall_sessions.minutes', 'members.name as convener'])
    .where('hall_sessions.place_id', '=', placeId)
    .where('hall_sessions.state', '!=', 'planned')
    .orderBy('hall_sessions.starts_at', 'desc')
    .limit(100)
    .execute();
  const sessionIds = sessions.map((x) => x.id);
  const speakers = sessionIds.length
    ? await db.selectFrom('hall_session_speakers').select(['session_id', 'name', 'summary']).where('session_id', 'in', sessionIds).orderBy('session_id').orderBy('sort').execute()
    : [];
  const photos = sessionIds.length
    ? await db.selectFrom('files').select(['id', 'name', 'record_id']).where('record_kind', '=', 'hall_session_photo').where('record_id', 'in', sessionIds).orderBy('created_at').execute()
    : [];
  const suggestionsOf = await publicSessionSuggestions(db, sessionIds);
  return {
    place: { id: place.id, name: place.name, kind: place.kind, organizationName: place.organization_name },
    topics: topics.map((t) => ({
      ...t,
      supports: supportsOf.get(t.id) ?? 0,
      rating: ratingOf.has(t.id) ? Math.round(ratingOf.get(t.id)! * 10) / 10 : null,
      supported: mine.includes(t.id),
      comments: comments.filter((c) => c.topic_id === t.id).map((c) => ({ stars: c.stars, comment: c.comment, at: c.created_at })),
    })),
    sessions: sessions.map((x) => ({
      ...x,
      minutes: x.state === 'held' || x.state === 'closed' ? x.minutes : null,
      speakers: speakers.filter((sp) => sp.session_id === x.id).map((sp) => ({ name: sp.name, summary: sp.summary })),
      photos: x.state === 'held' || x.state === 'closed' ? photos.filter((p) => p.record_id === x.id).map((p) => ({ id: p.id, name: p.name })) : [],
      topicIds: topics.filter((t) => t.sessionId === x.id).map((t) => t.id),
      suggestions: suggestionsOf(x.id),
    })),
  };
}

/** Every active hall with this year's figures and its suggestions answered, by county and town (public index and staff ranking). */
export async function hallFigures(db: Trx, year: number, organizationIds?: number[]) {
  const { from, to } = yearRange(year);
  let q = db
    .selectFrom('places')
    .leftJoin('divisions as town', (j) => j.on(sql<boolean>`length(places.division_code) >= 9 and town.code = substr(places.division_code, 1, 9)`))
    .leftJoin('divisions as county', (j) => j.on(sql<boolean>`county.code = substr(places.division_code, 1, 6)`))
    .select(['places.id', 'places.name', 'places.kind', 'places.organization_id as organizationId', 'county.name as county', 'town.name as town'])
    .where('places.active', '=', 1)
    .where('places.kind', 'in', [...HALL_KINDS]);
  if (organizationIds) q = q.where('places.organization_id', 'in', organizationIds.length ? organizationIds : [0]);
  // Each figure is one query grouped by place over every place (fewer than the halls' rows would
  // cost as sub-queries per hall); the halls not listed are simply not looked up.
  const [rows, sessions, closedTopics, ratings, answered] = await Promise.all([
    q.orderBy('places.id').limit(2000).execute(),
    db.selectFrom('hall_sessions').select(['place_id', sql<number>`count(*)`.as('n')])
      .where('state', 'in', ['held', 'closed']).where('starts_at', '>=', from).where('starts_at', '<', to).groupBy('place_id').execute(),
    db.selectFrom('hall_topics').select(['place_id', sql<number>`count(*)`.as('n')]).where('state', '=', 'closed').groupBy('place_id').execute(),
    db.selectFrom('hall_ratings').innerJoin('hall_topics', 'hall_topics.id', 'hall_ratings.topic_id').select(['hall_topics.place_id', sql<number>`avg(hall_ratings.stars)`.as('a')])
      .where('hall_ratings.state', '=', 'approved').groupBy('hall_topics.place_id').execute(),
    // Of every year: an answer often comes in the year after the session.
    answeredByPlace(db),
  ]);
  const byPlace = (list: { place_id: number; n: number }[]) => new Map(list.map((r) => [r.place_id, Number(r.n)]));
  const sessionsOf = byPlace(sessions);
  const closedOf = byPlace(closedTopics);
  const ratingOf = new Map(ratings.map((r) => [r.place_id, Number(r.a)]));
  return rows.map((r) => ({
    ...r,
    sessions: sessionsOf.get(r.id) ?? 0,
    closedTopics: closedOf.get(r.id) ?? 0,
    rating: ratingOf.has(r.id) ? Math.round(ratingOf.get(r.id)! * 10) / 10 : null,
    suggestionsAnswered: answered.get(r.id) ?? 0,
  }));
}

/** A topic as the office sees it: with its supporters' count, the proposer's name and its timeline from the audit log. */
export async function topicForOffice(ctx: Ctx, id: number) {
  const row = await ctx.db.selectFrom('hall_topics').innerJoin('users', 'users.id', 'hall_topics.proposer_id')
    .select(['hall_topics.id', 'hall_topics.organization_id', 'hall_topics.place_id as placeId', 'hall_topics.title', 'hall_topics.text', 'hall_topics.state',
      'hall_topics.merged_into as mergedInto', 'hall_topics.decline_reason as declineReason', 'hall_topics.session_id as sessionId', 'users.display_name as proposer'])
    .where('hall_topics.id', '=', id).executeTakeFirst();
  if (!row || !visibleOrgs(ctx, ctx.actor!).includes(row.organization_id)) throw notFound({ zh: '议题不存在', en: 'No such topic' });
  const supports = Number((await ctx.db.selectFrom('hall_supports').select((e) => e.fn.countAll<number>().as('n')).where('topic_id', '=', id).executeTakeFirstOrThrow()).n);
  const { organization_id: _org, ...rest } = row;
  const similar = await similarTopics(ctx.db, ctx.dialect, row.organization_id, `${row.title} ${row.text}`, row.id);
  return { ...rest, supports, similar, timeline: await timeline(ctx.db, 'hall_topic', id) };
}

export async function sessionForOffice(ctx: Ctx, id: number) {
  const row = await ctx.db.selectFrom('hall_sessions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || !visibleOrgs(ctx, ctx.actor!).includes(row.organization_id)) throw notFound({ zh: '议事活动不存在', en: 'No such session' });
  const topics = await ctx.db.selectFrom('hall_topics').select(['id', 'title', 'state']).where('session_id', '=', id).execute();
  const invitees = await ctx.db.selectFrom('hall_session_invitees')
    .leftJoin('members', 'members.id', 'hall_session_invitees.member_id')
    .leftJoin('handling_units', 'handling_units.id', 'hall_session_invitees.unit_id')
    .select(['hall_session_invitees.kind', 'hall_session_invitees.member_id as memberId', 'hall_session_invitees.unit_id as unitId', 'hall_session_invitees.user_id as userId', 'hall_session_invitees.name', 'members.name as memberName', 'handling_units.name as unitName'])
    .where('session_id', '=', id).orderBy('hall_session_invitees.id').execute();
  const speakers = await ctx.db.selectFrom('hall_session_speakers').select(['name', 'member_id as memberId', 'summary']).where('session_id', '=', id).orderBy('sort').execute();
  return {
    id: row.id, placeId: row.place_id, title: row.title, startsAt: row.starts_at, endsAt: closesAt(row), state: row.state, convenerMemberId: row.convener_member_id,
    researchNotes: row.research_notes, minutes: row.minutes, topics,
    invitees: invitees.map((v) => ({ kind: v.kind, memberId: v.memberId, unitId: v.unitId, userId: v.userId, name: v.memberName ?? v.unitName ?? v.name })),
    speakers, research: await sessionFiles(ctx, id, 'research'), photos: await sessionFiles(ctx, id, 'photo'), timeline: await timeline(ctx.db, 'hall_session', id),
  };
}

async function timeline(db: Trx, entityType: string, id: number) {
  const rows = await db.selectFrom('audit_log').select(['at', 'action', 'actor_name', 'after']).where('entity_type', '=', entityType).where('entity_id', '=', String(id)).orderBy('id').execute();
  return rows.map((r) => ({ at: r.at, action: r.action, actor: r.actor_name, detail: r.after ? (JSON.parse(r.after) as Record<string, unknown>) : null }));
}

export async function pendingRatings(ctx: Ctx, placeId: number) {
  return ctx.db.selectFrom('hall_ratings').innerJoin('hall_topics', 'hall_topics.id', 'hall_ratings.topic_id')
    .select(['hall_ratings.id', 'hall_ratings.topic_id as topicId', 'hall_ratings.stars', 'hall_ratings.comment', 'hall_ratings.created_at as createdAt'])
    .where('hall_topics.place_id', '=', placeId).where('hall_ratings.state', '=', 'pending').orderBy('hall_ratings.id').limit(200).execute();
}
