// The figures of a year: suggestions made, assigned, answered, adopted, and those with a unit past
// its deadline still to answer (overdue today), by source and by organization. A suggestion
// belongs to the year (Asia/Shanghai) in which it was made; the organizations are one, or it and
// every one below it (scope 'system').
import { sql } from 'kysely';
import type { Trx } from '../../platform/context.js';
import type { OrgScope } from '../../platform/scope.js';
import { chinaDate, yearRange } from '../../platform/time.js';

const ASSIGNED = ['assigned', 'answered', 'adopted', 'not_adopted'];
/** A suggestion every assigned unit has answered, adopted or not. */
export const ANSWERED_STATES = ['answered', 'adopted', 'not_adopted'] as const;
const ANSWERED: readonly string[] = ANSWERED_STATES;

type Figures = { made: number; assigned: number; answered: number; adopted: number; overdue: number };
const zero = (): Figures => ({ made: 0, assigned: 0, answered: 0, adopted: 0, overdue: 0 });

export async function suggestionStats(db: Trx, organizationId: number, scope: OrgScope, orgs: number[], year: number) {
  const { from, to } = yearRange(year);
  const today = chinaDate();
  const rows = await db
    .selectFrom('suggestions as sg')
    .select((eb) => [
      'sg.organization_id', 'sg.source_type', 'sg.state', sql<number>`count(*)`.as('n'),
      sql<number>`sum(case when ${eb.exists(eb.selectFrom('suggestion_units as su').select('su.unit_id').whereRef('su.suggestion_id', '=', 'sg.id').where('su.answered_at', 'is', null).where('su.deadline', '<', today))} then 1 else 0 end)`.as('late'),
    ])
    .where('sg.organization_id', 'in', orgs)
    .where('sg.created_at', '>=', from)
    .where('sg.created_at', '<', to)
    .groupBy(['sg.organization_id', 'sg.source_type', 'sg.state'])
    .execute();
  const total = zero();
  const bySource: Record<string, Figures> = { consultation_meeting: zero(), hall_session: zero() };
  const byOrg = new Map<number, Figures>(orgs.map((o) => [o, zero()]));
  for (const r of rows) {
    const n = Number(r.n);
    for (const f of [total, bySource[r.source_type]!, byOrg.get(r.organization_id)!]) {
      f.made += n;
      if (ASSIGNED.includes(r.state)) f.assigned += n;
      if (ANSWERED.includes(r.state)) f.answered += n;
      if (r.state === 'adopted') f.adopted += n;
      f.overdue += Number(r.late ?? 0);
    }
  }
  const names = await db.selectFrom('organizations').select(['id', 'name']).where('id', 'in', orgs).execute();
  return {
    year, organizationId, scope, organizationIds: orgs, ...total, bySource,
    byOrganization: names.map((o) => ({ organizationId: o.id, name: o.name, ...byOrg.get(o.id)! })),
    headline: {
      zh: `全年形成意见建议${total.made}条，已交办${total.assigned}条，已答复${total.answered}条，已采纳${total.adopted}条，超期未答复${total.overdue}条。`,
      en: `${total.made} suggestions made in ${year}: ${total.assigned} assigned, ${total.answered} answered, ${total.adopted} adopted, ${total.overdue} overdue.`,
    },
  };
}
