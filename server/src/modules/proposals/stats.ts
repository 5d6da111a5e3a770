// Statistics of one organization's proposals of one year, for the dashboard. Every figure is one
// grouped query (no per-proposal work), so the cost grows with the index, not with a loop.
//   filed             proposals that reached the office (every state but draft and co-signing)
//   accepted          proposals accepted (立案) that are their own case: accepted … closed
//   answered          accepted proposals whose units all replied: replied, evaluated, closed, or
//                     back in handling for another round
//   by stage          the filed proposals split into review, accepted, handling, answered (the
//                     figure above) and not accepted (rejected, merged, converted): the chart
//   acceptance rate   accepted / reviewed (accepted + rejected + merged + converted)
//   on-time replies   replies of lead and separate units by the end of their deadline (a
//                     Shanghai date) / those replies plus the open assignments already past it
//   satisfaction      satisfied and basically satisfied ratings / every rating
import { sql } from 'kysely';
import type { Trx } from '../../platform/context.js';
import { chinaDate } from '../../platform/time.js';
import { ACCEPTED_STATES, OPEN_ASSIGNMENT_STATES } from './followup.js';
import { sessionLabel } from './numbering.js';
import { counted } from '../../platform/plural.js';

type N = number | string | bigint | null;
const num = (n: N) => Number(n ?? 0);
const counts = (rows: { k: string | null; n: N }[]) => Object.fromEntries(rows.map((r) => [r.k ?? '', num(r.n)]));
const rate = (numerator: number, denominator: number) => ({ numerator, denominator, rate: denominator ? Math.round((numerator / denominator) * 10000) / 10000 : null });
const percent = (r: { rate: number | null }) => (r.rate === null ? '—' : `${(r.rate * 100).toFixed(1)}%`);
const END_OF_DEADLINE = sql`(a.deadline || 'T16:00:00.000Z')`;

export async function proposalStats(db: Trx, organizationId: number, year: number, now = new Date()) {
  const today = chinaDate(now);
  const n = sql<number>`count(*)`.as('n');
  const filed = db.selectFrom('proposals as p').where('p.organization_id', '=', organizationId).where('p.year', '=', year).where('p.state', 'not in', ['draft', 'cosigning']);
  const assignments = db
    .selectFrom('proposal_assignments as a')
    .innerJoin('proposals as p', 'p.id', 'a.proposal_id')
    .where('p.organization_id', '=', organizationId)
    .where('p.year', '=', year)
    .where('a.state', '!=', 'withdrawn');
  const open = sql.join(OPEN_ASSIGNMENT_STATES.map((s) => sql.lit(s)));
  const [byState, byKind, bySession, byCategory, bySector, byUnit, timely, classes, ratings, answered] = await Promise.all([
    filed.select(['p.state as k', n]).groupBy('p.state').execute(),
    filed.select(['p.kind as k', n]).groupBy('p.kind').execute(),
    filed.leftJoin('sessions as ss', 'ss.id', 'p.session_id').leftJoin('terms as t', 't.id', 'ss.term_id')
      .select(['p.session_id', 't.number as term', 'ss.number as session', n]).groupBy(['p.session_id', 't.number', 'ss.number']).orderBy('p.session_id').execute(),
    filed.leftJoin('proposal_categories as c', 'c.id', 'p.category_id').select(['p.category_id', 'c.name', n]).groupBy(['p.category_id', 'c.name']).orderBy('n', 'desc').execute(),
    filed.leftJoin('sectors as s', 's.id', 'p.sector_id').select(['p.sector_id', 's.name', n]).groupBy(['p.sector_id', 's.name']).orderBy('n', 'desc').execute(),
    assignments
      .innerJoin('handling_units as u', 'u.id', 'a.unit_id')
      .select([
        'u.id', 'u.name', n,
        sql<number>`sum(case when a.replied_at is not null then 1 else 0 end)`.as('replied'),
        sql<number>`sum(case when a.replied_at is not null and a.replied_at < ${END_OF_DEADLINE} then 1 else 0 end)`.as('on_time'),
        sql<number>`sum(case when a.state in (${open}) and a.deadline < ${today} then 1 else 0 end)`.as('overdue'),
      ])
      .groupBy(['u.id', 'u.name'])
      .orderBy('n', 'desc')
      .orderBy('u.name')
      .execute(),
    assignments
      .where('a.role', '!=', 'assisting')
      .select([
        sql<number>`sum(case when a.replied_at is not null and a.replied_at < ${END_OF_DEADLINE} then 1 else 0 end)`.as('on_time'),
        sql<number>`sum(case when a.replied_at is not null or (a.state in (${open}) and a.deadline < ${today}) then 1 else 0 end)`.as('due'),
      ])
      .executeTakeFirstOrThrow(),
    db.selectFrom('proposal_replies as r').innerJoin('proposals as p', 'p.id', 'r.proposal_id').where('p.organization_id', '=', organizationId).where('p.year', '=', year)
      .select(['r.class as k', n]).groupBy('r.class').execute(),
    db.selectFrom('proposal_evaluations as e').innerJoin('proposals as p', 'p.id', 'e.proposal_id').where('p.organization_id', '=', organizationId).where('p.year', '=', year)
      .select(['e.result as k', n]).groupBy('e.result').execute(),
    filed.where((eb) => eb.or([eb('p.state', 'in', ['replied', 'evaluated', 'closed']), eb.and([eb('p.state', '=', 'handling'), eb('p.round', '>', 1)])])).select(n).executeTakeFirstOrThrow(),
  ]);
  const states = counts(byState);
  const total = Object.values(states).reduce((a, b) => a + b, 0);
  const accepted = ACCEPTED_STATES.reduce((a, s) => a + (states[s] ?? 0), 0);
  const reviewed = accepted + (states.rejected ?? 0) + (states.merged ?? 0) + (states.converted ?? 0);
  const rated = counts(ratings);
  const ratedAll = Object.values(rated).reduce((a, b) => a + b, 0);
  const acceptanceRate = rate(accepted, reviewed);
  const onTimeReplyRate = rate(num(timely.on_time), num(timely.due));
  const satisfactionRate = rate((rated.satisfied ?? 0) + (rated.basically_satisfied ?? 0), ratedAll);
  const answeredCount = num(answered.n);
  // The page's chart shows stages, not raw states: the state 'replied' is only the answered
  // proposals still awaiting their rating, and shown as 已答复 beside the figure 已答复 (all answered)
  // it made the two disagree. The stages split the filed proposals so that 已答复 is that figure.
  const repliedStates = (states.replied ?? 0) + (states.evaluated ?? 0) + (states.closed ?? 0);
  const byStage = {
    review: states.submitted ?? 0,
    accepted: states.accepted ?? 0,
    handling: (states.handling ?? 0) - (answeredCount - repliedStates),
    answered: answeredCount,
    notAccepted: (states.rejected ?? 0) + (states.merged ?? 0) + (states.converted ?? 0),
  };
  return {
    organizationId,
    year,
    filed: total,
    accepted,
    answered: answeredCount,
    byState: states,
    byStage,
    byKind: counts(byKind),
    bySession: bySession.map((r) => ({ sessionId: r.session_id, label: r.term !== null && r.session !== null ? sessionLabel(r.term, r.session) : null, count: num(r.n) })),
    byCategory: byCategory.map((r) => ({ categoryId: r.category_id, name: r.name, count: num(r.n) })),
    bySector: bySector.map((r) => ({ sectorId: r.sector_id, name: r.name, count: num(r.n) })),
    byUnit: byUnit.map((r) => ({ unitId: r.id, name: r.name, assigned: num(r.n), replied: num(r.replied), onTime: num(r.on_time), overdue: num(r.overdue) })),
    byReplyClass: counts(classes),
    acceptanceRate,
    onTimeReplyRate,
    satisfactionRate,
    headline: {
      zh: `${year}年共收到提案 ${total} 件，立案 ${accepted} 件，已答复 ${answeredCount} 件；按时答复率 ${percent(onTimeReplyRate)}，满意和基本满意率 ${percent(satisfactionRate)}`,
      en: `${year}: ${counted(total, 'proposal')} filed, ${accepted} accepted, ${answeredCount} answered; ${percent(onTimeReplyRate)} replied on time, ${percent(satisfactionRate)} satisfied or basically satisfied`,
    },
  };
}
