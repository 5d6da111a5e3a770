// Points: each event of a report earns its credited sources the points the organization's rules
// give it (defaults below), written once to the ledger; the yearly ranking sums the ledger.
import { sql } from 'kysely';
import { audit } from '../../platform/audit.js';
import type { Ctx, Trx } from '../../platform/context.js';
import type { AdoptionLevel } from '../../platform/db/types.js';
import { scoringEvents, type ScoringEvent } from './schema.js';
import { membersByIds } from '../orgs/service.js';

export const defaultRules: Record<ScoringEvent, number> = {
  submitted: 1, accepted: 2, compiled: 3,
  adopted_city: 5, adopted_province: 10, adopted_national: 20,
  instruction_city: 5, instruction_province: 10, instruction_national: 20,
};

export async function loadRules(db: Trx, organizationId: number): Promise<Record<ScoringEvent, number>> {
  const rows = await db.selectFrom('opinion_scoring_rules').select(['event', 'points']).where('organization_id', '=', organizationId).execute();
  const rules = { ...defaultRules };
  for (const r of rows) if ((scoringEvents as readonly string[]).includes(r.event)) rules[r.event as ScoringEvent] = r.points;
  return rules;
}

export async function setRules(ctx: Ctx, organizationId: number, changes: Partial<Record<ScoringEvent, number>>) {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await loadRules(trx, organizationId);
    for (const [event, points] of Object.entries(changes) as [ScoringEvent, number][]) {
      await trx
        .insertInto('opinion_scoring_rules')
        .values({ organization_id: organizationId, event, points })
        .onConflict((oc) => oc.columns(['organization_id', 'event']).doUpdateSet({ points }))
        .execute();
    }
    const after = await loadRules(trx, organizationId);
    await audit(trx, ctx, { action: 'update', entityType: 'opinion_scoring_rules', entityId: organizationId, organizationId, before, after });
    return after;
  });
}

export const levelEvent = (kind: 'adopted' | 'instruction', level: AdoptionLevel) => `${kind}_${level}` as ScoringEvent;

/** Credits the report's members (with their sector) and its place, once per event. */
export async function award(trx: Trx, opinion: { id: number; organization_id: number; year: number; place_id: number | null }, event: ScoringEvent) {
  const done = await trx.selectFrom('opinion_points').select('id').where('opinion_id', '=', opinion.id).where('event', '=', event).executeTakeFirst();
  if (done) return;
  const points = (await loadRules(trx, opinion.organization_id))[event];
  const reporters = await trx.selectFrom('opinion_reporters').select('member_id').where('opinion_id', '=', opinion.id).execute();
  const members = await membersByIds(trx, reporters.map((r) => r.member_id));
  const at = new Date().toISOString();
  const base = { organization_id: opinion.organization_id, year: opinion.year, opinion_id: opinion.id, event, points, at };
  const rows = [
    ...members.map((m) => ({ ...base, member_id: m.id, sector_id: m.sector_id, place_id: null })),
    ...(opinion.place_id ? [{ ...base, member_id: null, sector_id: null, place_id: opinion.place_id }] : []),
  ];
  if (rows.length) await trx.insertInto('opinion_points').values(rows).execute();
}

export type RankBy = 'member' | 'contact_point' | 'sector' | 'place';

export async function ranking(db: Trx, organizationIds: number[], year: number, by: RankBy) {
  if (organizationIds.length === 0) return [];
  const base = db.selectFrom('opinion_points as p').where('p.organization_id', 'in', organizationIds).where('p.year', '=', year);
  const totals = [sql<number>`sum(p.points)`.as('points'), sql<number>`count(distinct p.opinion_id)`.as('opinions')] as const;
  const rows =
    by === 'member'
      ? await base.innerJoin('members as m', 'm.id', 'p.member_id').select(['m.id as id', 'm.name as name', ...totals]).groupBy(['m.id', 'm.name']).execute()
      : by === 'sector'
        ? await base.innerJoin('sectors as x', 'x.id', 'p.sector_id').select(['x.id as id', 'x.name as name', ...totals]).groupBy(['x.id', 'x.name']).execute()
        : await base
            .innerJoin('places as x', 'x.id', 'p.place_id')
            .$if(by === 'contact_point', (q) => q.where('x.kind', '=', 'contact_point'))
            .select(['x.id as id', 'x.name as name', ...totals])
            .groupBy(['x.id', 'x.name'])
            .execute();
  const sorted = rows
    .map((r) => ({ id: r.id, name: r.name, points: Number(r.points), opinions: Number(r.opinions) }))
    .sort((a, b) => b.points - a.points || b.opinions - a.opinions || a.id - b.id);
  // Equal points share a rank (1, 2, 2, 4).
  return sorted.map((r) => ({ rank: sorted.findIndex((x) => x.points === r.points) + 1, ...r }));
}
