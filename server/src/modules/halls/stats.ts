// The halls' figures of a year for the work report ("全年民生议事堂开展议事活动…次"): places with
// activity by kind, topics, sessions held, participations, suggestions and the residents' rating.
// A year is the calendar year in China; the figures are of one organization, or of it and every
// organization below it (scope 'system'), as the opinions and consultations figures are.
import { sql } from 'kysely';
import type { Trx } from '../../platform/context.js';
import type { OrgScope } from '../../platform/scope.js';
import { chinaMonth, yearRange } from '../../platform/time.js';
import { counted } from '../../platform/plural.js';
import { stageCounts } from '../suggestions/service.js';

const KINDS = ['hall', 'station', 'studio', 'lounge'] as const;
type Kind = (typeof KINDS)[number];
const n = (v: unknown) => Number(v ?? 0);

export async function hallStats(db: Trx, organizationId: number, scope: OrgScope, orgs: number[], year: number) {
  const { from, to } = yearRange(year);
  const inOrgs = orgs.length ? orgs : [0];
  // Held: recorded as held or closed. Planned sessions and published notices are not work done yet.
  const sessions = await db.selectFrom('hall_sessions').select(['id', 'place_id', 'starts_at'])
    .where('organization_id', 'in', inOrgs).where('starts_at', '>=', from).where('starts_at', '<', to).where('state', 'in', ['held', 'closed']).execute();
  const sessionIds = sessions.map((x) => x.id);
  const sessionsByMonth = Array.from({ length: 12 }, () => 0);
  for (const x of sessions) sessionsByMonth[chinaMonth(x.starts_at)]!++;

  // Topics raised in the year, and what screening made of them: an adopted topic stays adopted once its session closes it.
  const topics = await db.selectFrom('hall_topics').select(['state', 'place_id', sql<number>`count(*)`.as('n')])
    .where('organization_id', 'in', inOrgs).where('created_at', '>=', from).where('created_at', '<', to).groupBy(['state', 'place_id']).execute();
  const topicsIn = (states: string[]) => topics.filter((r) => states.includes(r.state)).reduce((s, r) => s + n(r.n), 0);

  // Participations: each check-in at a held session, and each resident representative invited by
  // name only (they have no account to check in with; those invited by account are among the check-ins).
  const checkins = sessionIds.length
    ? n((await db.selectFrom('attendance_checkins').select(sql<number>`count(*)`.as('n')).where('source_type', '=', 'hall_session').where('source_id', 'in', sessionIds).executeTakeFirstOrThrow()).n)
    : 0;
  const representatives = sessionIds.length
    ? n((await db.selectFrom('hall_session_invitees').select(sql<number>`count(*)`.as('n')).where('session_id', 'in', sessionIds).where('kind', '=', 'resident').where('user_id', 'is', null).executeTakeFirstOrThrow()).n)
    : 0;

  // Suggestions of the year's sessions, whatever became of them since (an answer often comes the next year).
  const sg = await stageCounts(db, 'hall_session', sessionIds, orgs);
  const rating = await db.selectFrom('hall_ratings').innerJoin('hall_topics', 'hall_topics.id', 'hall_ratings.topic_id')
    .select([sql<number>`avg(hall_ratings.stars)`.as('a'), sql<number>`count(*)`.as('n')])
    .where('hall_topics.organization_id', 'in', inOrgs).where('hall_ratings.state', '=', 'approved')
    .where('hall_ratings.created_at', '>=', from).where('hall_ratings.created_at', '<', to).executeTakeFirstOrThrow();

  const places = await placesByKind(db, inOrgs, year, new Set([...sessions.map((x) => x.place_id), ...topics.map((r) => r.place_id)]));
  const held = sessions.length;
  const participations = checkins + representatives;
  const average = n(rating.n) ? Math.round(Number(rating.a) * 10) / 10 : null;
  return {
    year, organizationId, scope, organizationIds: orgs,
    places,
    topics: { raised: topicsIn(['open', 'adopted', 'merged', 'declined', 'closed']), adopted: topicsIn(['adopted', 'closed']), declined: topicsIn(['declined']) },
    sessions: held, sessionsByMonth,
    participations: { checkins, representatives, total: participations },
    suggestions: { made: sg.total, answered: sg.answered, adopted: sg.adopted },
    rating: { average, ratings: n(rating.n) },
    headline: {
      zh: `全年民生议事堂等阵地${places.hall.active + places.station.active + places.studio.active + places.lounge.active}个开展活动，收集议题${topicsIn(['open', 'adopted', 'merged', 'declined', 'closed'])}个，开展议事活动${held}场，参与${participations}人次，形成意见建议${sg.total}条，已答复${sg.answered}条，已采纳${sg.adopted}条${average === null ? '' : `，群众评价平均${average}星`}。`,
      en: `${counted(held, 'session')} held in ${year}, ${counted(participations, 'participation')}, ${counted(sg.total, 'suggestion')} (${sg.answered} answered, ${sg.adopted} adopted)${average === null ? '' : `, rated ${average} stars on average`}.`,
    },
  };
}

/** Active places of each kind, and how many of them saw a topic, a held session or a recorded activity in the year. */
async function placesByKind(db: Trx, orgs: number[], year: number, busy: Set<number>) {
  const rows = await db.selectFrom('places').select(['id', 'kind']).where('organization_id', 'in', orgs).where('active', '=', 1).where('kind', 'in', [...KINDS]).execute();
  const logged = rows.length
    ? await db.selectFrom('place_activities').select('place_id').distinct().where('organization_id', 'in', orgs)
        .where('held_on', '>=', `${year}-01-01`).where('held_on', '<=', `${year}-12-31`).execute()
    : [];
  for (const r of logged) busy.add(r.place_id);
  const out = Object.fromEntries(KINDS.map((k) => [k, { total: 0, active: 0 }])) as Record<Kind, { total: number; active: number }>;
  for (const r of rows) {
    const k = out[r.kind as Kind];
    k.total++;
    if (busy.has(r.id)) k.active++;
  }
  return out;
}
