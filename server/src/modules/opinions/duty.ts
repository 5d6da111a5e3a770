// The duty kinds public-opinion reports produce for their members, read from the reports' own
// records: submitted, compiled into a bulletin, adopted at each level, given a leader's instruction.
// Each counts in the year (in China) it happened.
import type { DutyDeclaration, DutyFact, DutyScope } from '../../platform/duty.js';
import type { Trx } from '../../platform/context.js';
import { chinaYear } from '../../platform/time.js';

/** A date's year; a timestamp's year in China. */
const yearOf = (at: string) => (at.length === 10 ? Number(at.slice(0, 4)) : chinaYear(at));

async function derive(trx: Trx, scope: DutyScope): Promise<DutyFact[]> {
  let q = trx
    .selectFrom('opinion_reporters as r')
    .innerJoin('opinions as o', 'o.id', 'r.opinion_id')
    .innerJoin('members as m', 'm.id', 'r.member_id')
    .select(['o.id', 'o.submitted_at', 'r.member_id', 'm.organization_id']);
  if (scope.sourceIds) q = q.where('o.id', 'in', scope.sourceIds);
  if (scope.memberIds) q = q.where('r.member_id', 'in', scope.memberIds);
  const reporters = await q.execute();
  if (!reporters.length) return [];
  const ids = [...new Set(reporters.map((r) => r.id))];
  const compiled = new Map<number, string>();
  const adopted = new Map<number, { level: string; on: string }[]>();
  const instructed = new Map<number, string>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    for (const c of await trx.selectFrom('opinion_issue_items as it').innerJoin('opinion_issues as iss', 'iss.id', 'it.issue_id').select(['it.opinion_id', 'iss.published_on']).where('it.opinion_id', 'in', chunk).execute())
      if (!compiled.has(c.opinion_id) || compiled.get(c.opinion_id)! > c.published_on) compiled.set(c.opinion_id, c.published_on);
    for (const a of await trx.selectFrom('opinion_adoptions').select(['opinion_id', 'level', 'adopted_on']).where('opinion_id', 'in', chunk).execute())
      adopted.set(a.opinion_id, [...(adopted.get(a.opinion_id) ?? []), { level: a.level, on: a.adopted_on }]);
    for (const n of await trx.selectFrom('opinion_instructions').select(['opinion_id', 'instructed_on']).where('opinion_id', 'in', chunk).execute())
      if (!instructed.has(n.opinion_id) || instructed.get(n.opinion_id)! > n.instructed_on) instructed.set(n.opinion_id, n.instructed_on);
  }
  const facts: DutyFact[] = [];
  for (const r of reporters) {
    const fact = (kind: string, occurredAt: string) => facts.push({ memberId: r.member_id, organizationId: r.organization_id, year: yearOf(occurredAt), kind, sourceId: r.id, occurredAt });
    fact('opinion_submitted', r.submitted_at);
    if (compiled.has(r.id)) fact('opinion_compiled', compiled.get(r.id)!);
    for (const a of adopted.get(r.id) ?? []) fact(`opinion_adopted_${a.level}`, a.on);
    if (instructed.has(r.id)) fact('opinion_instructed', instructed.get(r.id)!);
  }
  return scope.year === undefined ? facts : facts.filter((f) => f.year === scope.year);
}

export const opinionsDuty: DutyDeclaration = {
  sourceType: 'opinion',
  kinds: [
    { code: 'opinion_submitted', zh: '报送社情民意信息', en: 'Public-opinion report submitted', points: 2 },
    { code: 'opinion_compiled', zh: '社情民意信息被编报', en: 'Report compiled into a bulletin', points: 3 },
    { code: 'opinion_adopted_city', zh: '社情民意信息被市级采用', en: 'Report adopted at city level', points: 5 },
    { code: 'opinion_adopted_province', zh: '社情民意信息被省级采用', en: 'Report adopted at provincial level', points: 10 },
    { code: 'opinion_adopted_national', zh: '社情民意信息被全国政协采用', en: 'Report adopted at national level', points: 20 },
    { code: 'opinion_instructed', zh: '社情民意信息获领导批示', en: 'Report given a leader’s instruction', points: 10 },
  ],
  link: (id) => `/opinions/${id}`,
  derive,
};
