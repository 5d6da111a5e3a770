// Statistics of a year of one organization, or of it and those below it: what came in (by state,
// source, place, category and month, by the date of submission), and what came of it (compiled,
// forwarded, adopted and instructed, by the date of each event), with the year's headline figures.
import { sql } from 'kysely';
import type { Trx } from '../../platform/context.js';
import type { AdoptionLevel } from '../../platform/db/types.js';
import type { OrgScope } from '../../platform/scope.js';
import { monthRanges } from '../../platform/time.js';
import { counted } from '../../platform/plural.js';

const byLevel = (rows: { level: AdoptionLevel; n: number | string | bigint }[]) => {
  const out = { national: 0, province: 0, city: 0 };
  for (const r of rows) out[r.level] = Number(r.n);
  return out;
};
const counts = (rows: { k: string | null; n: number | string | bigint }[]) => Object.fromEntries(rows.map((r) => [r.k ?? '', Number(r.n)]));

export async function opinionStats(db: Trx, organizationId: number, scope: OrgScope, orgs: number[], year: number) {
  const received = db.selectFrom('opinions').where('organization_id', 'in', orgs).where('year', '=', year);
  const n = sql<number>`count(*)`.as('n');
  const inYear = `${year}-%`;
  const [byState, bySource, byCategory, byMonth, byPlace, compiled, issues, forwarded, adopted, instructions] = await Promise.all([
    received.select(['state as k', n]).groupBy('state').execute(),
    received.select(['source_kind as k', n]).groupBy('source_kind').execute(),
    received.select(['category as k', n]).groupBy('category').execute(),
    // Months in China: one count per month, each over its [from, to) in UTC.
    received.select(monthRanges(year).map((m) => sql<number>`sum(case when submitted_at >= ${m.from} and submitted_at < ${m.to} then 1 else 0 end)`.as(`m${m.month}`))).executeTakeFirstOrThrow(),
    db.selectFrom('opinions as o').innerJoin('places as p', 'p.id', 'o.place_id').where('o.organization_id', 'in', orgs).where('o.year', '=', year)
      .select(['p.id', 'p.name', 'p.kind', n]).groupBy(['p.id', 'p.name', 'p.kind']).orderBy('n', 'desc').execute(),
    db.selectFrom('opinion_issue_items as i').innerJoin('opinion_issues as x', 'x.id', 'i.issue_id').where('x.organization_id', 'in', orgs).where('x.year', '=', year).select(n).executeTakeFirstOrThrow(),
    db.selectFrom('opinion_issues').where('organization_id', 'in', orgs).where('year', '=', year).select(n).executeTakeFirstOrThrow(),
    db.selectFrom('opinion_forwardings as f').innerJoin('opinions as o', 'o.id', 'f.opinion_id').where('o.organization_id', 'in', orgs).where('f.sent_on', 'like', inYear)
      .select(sql<number>`count(distinct f.opinion_id)`.as('n')).executeTakeFirstOrThrow(),
    db.selectFrom('opinion_adoptions as a').innerJoin('opinions as o', 'o.id', 'a.opinion_id').where('o.organization_id', 'in', orgs).where('a.adopted_on', 'like', inYear)
      .select(['a.level', sql<number>`count(distinct a.opinion_id)`.as('n')]).groupBy('a.level').execute(),
    db.selectFrom('opinion_instructions as i').innerJoin('opinions as o', 'o.id', 'i.opinion_id').where('o.organization_id', 'in', orgs).where('i.instructed_on', 'like', inYear)
      .select(['i.level', n]).groupBy('i.level').execute(),
  ]);
  const states = counts(byState);
  const total = Object.values(states).reduce((a, b) => a + b, 0);
  const accepted = ['accepted', 'compiled', 'forwarded', 'adopted'].reduce((a, s) => a + (states[s] ?? 0), 0);
  const adoptedBy = byLevel(adopted);
  const instructedBy = byLevel(instructions);
  return {
    organizationId,
    scope,
    organizationIds: orgs,
    year,
    received: total,
    accepted,
    compiled: Number(compiled.n),
    issues: Number(issues.n),
    forwarded: Number(forwarded.n),
    adopted: adoptedBy,
    instructions: instructedBy,
    byState: states,
    bySource: counts(bySource),
    byCategory: counts(byCategory),
    byMonth: Object.fromEntries(
      monthRanges(year)
        .map((m) => [`${year}-${String(m.month).padStart(2, '0')}`, Number((byMonth as Record<string, unknown>)[`m${m.month}`] ?? 0)] as const)
        .filter(([, count]) => count > 0),
    ),
    byPlace: byPlace.map((p) => ({ placeId: p.id, name: p.name, kind: p.kind, count: Number(p.n) })),
    headline: {
      zh: `全年收到社情民意信息 ${total.toLocaleString('en-US')} 条，编报 ${Number(compiled.n).toLocaleString('en-US')} 条，被全国政协采用 ${adoptedBy.national} 条、省政协采用 ${adoptedBy.province} 条、市委市政府采用 ${adoptedBy.city} 条，获领导批示 ${instructedBy.national + instructedBy.province + instructedBy.city} 件`,
      en: `${total.toLocaleString('en-US')} received, ${Number(compiled.n).toLocaleString('en-US')} compiled, ${adoptedBy.national} adopted nationally, ${adoptedBy.province} provincially, ${adoptedBy.city} by the city; ${counted(instructedBy.national + instructedBy.province + instructedBy.city, "leader's instruction", "leaders' instructions")}`,
    },
  };
}
