// Quality: the proposal committee rates each accepted proposal (0–100) and selects the year's
// excellent proposals (优秀提案); the office rates how each unit handled each assignment. Both
// read as lists and as .xlsx workbooks.
import { sql } from 'kysely';
import type { z } from 'zod';
import { visibleOrgs, type Ctx } from '../../platform/context.js';
import { conflict, notFound } from '../../platform/errors.js';
import { isOffice } from './access.js';
import { ACCEPTED_STATES, auditProposal, officeProposal, requireAccepted } from './followup.js';
import type * as s from './followup-schema.js';
import { numberLabel, numberLabelEn } from './numbering.js';

async function qualityOf(ctx: Ctx, id: number) {
  const [q, e] = await Promise.all([
    ctx.db.selectFrom('proposal_quality').select(['score', 'comment']).where('proposal_id', '=', id).executeTakeFirst(),
    ctx.db.selectFrom('proposal_excellent').select(['citation']).where('proposal_id', '=', id).executeTakeFirst(),
  ]);
  return { proposalId: id, score: q?.score ?? null, comment: q?.comment ?? null, excellent: !!e, citation: e?.citation ?? null };
}

export async function getQuality(ctx: Ctx, id: number) {
  await officeProposal(ctx, ctx.db, id);
  return qualityOf(ctx, id);
}

export async function rateProposal(ctx: Ctx, id: number, input: z.infer<typeof s.qualityIn>) {
  await ctx.db.transaction().execute(async (trx) => {
    const p = await officeProposal(ctx, trx, id, { committee: true, forUpdate: true });
    requireAccepted(p);
    const before = await trx.selectFrom('proposal_quality').select(['score', 'comment']).where('proposal_id', '=', id).executeTakeFirst();
    const values = { score: input.score, comment: input.comment || null, rated_by: ctx.actor!.userId, rated_at: new Date().toISOString() };
    await trx.insertInto('proposal_quality').values({ proposal_id: id, ...values }).onConflict((oc) => oc.column('proposal_id').doUpdateSet(values)).execute();
    await auditProposal(trx, ctx, p, 'rate_quality', before ?? null, { score: values.score, comment: values.comment });
  });
  return qualityOf(ctx, id);
}

export async function selectExcellent(ctx: Ctx, id: number, input: z.infer<typeof s.excellentIn>) {
  await ctx.db.transaction().execute(async (trx) => {
    const p = await officeProposal(ctx, trx, id, { committee: true, forUpdate: true });
    requireAccepted(p);
    const before = await trx.selectFrom('proposal_excellent').select(['citation']).where('proposal_id', '=', id).executeTakeFirst();
    if (!input.selected) {
      if (!before) return;
      await trx.deleteFrom('proposal_excellent').where('proposal_id', '=', id).execute();
      return auditProposal(trx, ctx, p, 'unselect_excellent', { excellent: true }, { excellent: false });
    }
    // Excellent proposals are chosen among those the committee has rated.
    const rated = await trx.selectFrom('proposal_quality').select('score').where('proposal_id', '=', id).executeTakeFirst();
    if (!rated) throw conflict({ zh: '请先评定该提案的质量', en: 'Rate the proposal before selecting it' });
    const values = { citation: input.citation || null, selected_by: ctx.actor!.userId, selected_at: new Date().toISOString() };
    await trx.insertInto('proposal_excellent').values({ proposal_id: id, organization_id: p.organization_id, year: p.year, ...values }).onConflict((oc) => oc.column('proposal_id').doUpdateSet(values)).execute();
    await auditProposal(trx, ctx, p, 'select_excellent', { excellent: !!before, citation: before?.citation ?? null }, { excellent: true, citation: values.citation });
  });
  return qualityOf(ctx, id);
}

/** One organization the caller sees: their own unless they name another one they see. */
export function oneOrg(ctx: Ctx, organizationId?: number) {
  const id = organizationId ?? ctx.actor!.organizationId;
  if (!visibleOrgs(ctx, ctx.actor!).includes(id)) throw notFound({ zh: '组织不存在', en: 'No such organization' });
  return id;
}

/** Every accepted proposal of the year with its rating, by number; `excellentOnly` for the year's list. */
export async function qualityList(ctx: Ctx, organizationId: number, year: number, excellentOnly = false) {
  let q = ctx.db
    .selectFrom('proposals as p')
    .leftJoin('proposal_quality as q', 'q.proposal_id', 'p.id')
    .leftJoin('proposal_excellent as e', 'e.proposal_id', 'p.id')
    .leftJoin('sectors as s', 's.id', 'p.sector_id')
    .leftJoin('sessions as se', 'se.id', 'p.session_id')
    .leftJoin('terms as t', 't.id', 'se.term_id')
    .select(['p.id', 'p.number', 'p.title', 'p.proposer_name', 's.name as sector_name', 'q.score', 'q.comment', 'e.proposal_id as excellent'])
    .select(['se.number as session_number', 't.number as term_number'])
    .where('p.organization_id', '=', organizationId)
    .where('p.year', '=', year)
    .where('p.state', 'in', ACCEPTED_STATES);
  if (excellentOnly) q = q.where('e.proposal_id', 'is not', null);
  const rows = await q.orderBy('p.number').orderBy('p.id').execute();
  const labelled = (r: (typeof rows)[number], label: typeof numberLabel) =>
    r.number !== null && r.term_number !== null && r.session_number !== null ? label(r.term_number, r.session_number, r.number) : null;
  return rows.map((r) => ({ id: r.id, number: r.number, numberLabel: labelled(r, numberLabel), numberLabel_en: labelled(r, numberLabelEn), title: r.title, proposerName: r.proposer_name, sectorName: r.sector_name, score: r.score, comment: r.comment, excellent: r.excellent !== null }));
}

export async function rateUnit(ctx: Ctx, assignmentId: number, input: z.infer<typeof s.qualityIn>) {
  return ctx.db.transaction().execute(async (trx) => {
    const a = await trx.selectFrom('proposal_assignments as a').innerJoin('proposals as p', 'p.id', 'a.proposal_id')
      .select(['a.id', 'a.state', 'a.unit_id', 'p.id as proposal_id', 'p.organization_id']).where('a.id', '=', assignmentId).executeTakeFirst();
    if (!a || !isOffice(ctx, a.organization_id)) throw notFound({ zh: '交办记录不存在', en: 'No such assignment' });
    if (a.state !== 'replied') throw conflict({ zh: '承办单位答复后才能评价办理质量', en: "A unit's handling is rated after it replied" });
    const before = await trx.selectFrom('proposal_unit_quality').select(['score', 'comment']).where('assignment_id', '=', assignmentId).executeTakeFirst();
    const values = { score: input.score, comment: input.comment || null, rated_by: ctx.actor!.userId, rated_at: new Date().toISOString() };
    await trx.insertInto('proposal_unit_quality').values({ assignment_id: assignmentId, ...values }).onConflict((oc) => oc.column('assignment_id').doUpdateSet(values)).execute();
    await auditProposal(trx, ctx, { id: a.proposal_id, organization_id: a.organization_id }, 'rate_unit', { assignmentId, ...(before ?? {}) }, { assignmentId, unitId: a.unit_id, score: values.score, comment: values.comment });
    return { assignmentId, score: values.score, comment: values.comment };
  });
}

/** Each unit's year: assignments, replies, replies on time, ratings and their average (one grouped query). */
export async function unitQualityList(ctx: Ctx, organizationId: number, year: number) {
  const rows = await ctx.db
    .selectFrom('proposal_assignments as a')
    .innerJoin('proposals as p', 'p.id', 'a.proposal_id')
    .innerJoin('handling_units as u', 'u.id', 'a.unit_id')
    .leftJoin('proposal_unit_quality as q', 'q.assignment_id', 'a.id')
    .select([
      'u.id', 'u.name',
      sql<number>`count(*)`.as('assignments'),
      sql<number>`sum(case when a.replied_at is not null then 1 else 0 end)`.as('replied'),
      // A deadline is a Shanghai date: it ends at 16:00 UTC.
      sql<number>`sum(case when a.replied_at is not null and a.replied_at < (a.deadline || 'T16:00:00.000Z') then 1 else 0 end)`.as('on_time'),
      sql<number>`count(q.score)`.as('rated'),
      sql<number | null>`avg(q.score)`.as('average'),
    ])
    .where('p.organization_id', '=', organizationId)
    .where('p.year', '=', year)
    .where('a.state', '!=', 'withdrawn')
    .groupBy(['u.id', 'u.name'])
    .orderBy('u.name')
    .execute();
  return rows.map((r) => ({
    unitId: r.id, unitName: r.name, assignments: Number(r.assignments), replied: Number(r.replied ?? 0), onTime: Number(r.on_time ?? 0), rated: Number(r.rated),
    averageScore: r.average === null ? null : Math.round(Number(r.average) * 10) / 10,
  }));
}
