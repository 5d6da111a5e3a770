// The yearly evaluation (年度考评): computed for every serving member from the year's rules, reviewed
// by the office (a grade adjusted with a written reason), then published, which tells each member
// their result and freezes the year. The results keep the rules they were computed under.
import type { z } from 'zod';
import { audit } from '../../platform/audit.js';
import type { Ctx, Trx } from '../../platform/context.js';
import type { Grade } from '../../platform/db/duty-types.js';
import type { DutyDeclaration } from '../../platform/duty.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import { clock } from '../../platform/time.js';
import { notifyUsers } from '../notifications/service.js';
import { requireEditor } from './access.js';
import { GRADE_LABELS, GRADES, gradeOf, loadGrading, minimumKey, minimumLabel, missingOf } from './grading.js';
import { allKinds, kindMap } from './kinds.js';
import { memberRows, type MemberRow } from './queries.js';
import { loadRules } from './rules.js';
import type * as s from './schema.js';
import { touchDuty } from './versions.js';

type Decls = DutyDeclaration[];
const stateText = { computed: { zh: '已计算、待发布', en: 'computed, not yet published' }, published: { zh: '已发布', en: 'published' } } as const;

async function evaluationRow(ctx: Ctx, trx: Trx, organizationId: number, year: number) {
  let q = trx.selectFrom('duty_evaluations').selectAll().where('organization_id', '=', organizationId).where('year', '=', year);
  if (ctx.dialect === 'postgres') q = q.forUpdate();
  return q.executeTakeFirst();
}

/** A published year is frozen: its rules and results no longer change (409 naming the state). */
export async function requireOpenYear(ctx: Ctx, trx: Trx, organizationId: number, year: number) {
  const ev = await evaluationRow(ctx, trx, organizationId, year);
  if (ev?.state === 'published')
    throw new AppError('conflict', { zh: `${year} 年度考评${stateText.published.zh}，该年度规则和结果已冻结`, en: `The ${year} evaluation is ${stateText.published.en}; that year's rules and results are frozen` }, undefined, { state: ev.state });
  return ev;
}

/** The minimums a member's counts miss, with their keys and labels. */
export function missingFor(decls: Decls, counts: Record<string, number>, minimums: Parameters<typeof missingOf>[1]) {
  const kinds = kindMap(decls);
  return missingOf(counts, minimums).map((m) => ({ key: minimumKey(m), label: minimumLabel(m, kinds) }));
}
export const countsOf = (row: Pick<MemberRow, 'kinds'>) => Object.fromEntries(Object.values(row.kinds).map((k) => [k.kind, k.count]));

/**
 * Scores every serving member under the year's rules and writes their results, inside the caller's
 * transaction (a change of the rules recomputes with it). A grade the office adjusted stays, with
 * its reason: the review was a person's judgement, which a recount does not undo.
 */
export async function computeIn(ctx: Ctx, trx: Trx, decls: Decls, organizationId: number, year: number) {
  const at = clock.now().toISOString();
  const rules = await loadRules(trx, allKinds(decls), organizationId, year);
  const grading = await loadGrading(trx, organizationId, year);
  const snapshot = JSON.stringify({ rules: Object.fromEntries(rules), ...grading });
  const values = { rules: snapshot, computed_by: ctx.actor?.userId ?? null, computed_at: at };
  await trx.insertInto('duty_evaluations').values({ organization_id: organizationId, year, state: 'computed', published_by: null, published_at: null, ...values })
    .onConflict((oc) => oc.columns(['organization_id', 'year']).doNothing()).execute();
  const ev = (await requireOpenYear(ctx, trx, organizationId, year))!;
  await trx.updateTable('duty_evaluations').set(values).where('id', '=', ev.id).execute();
  const kept = new Map((await trx.selectFrom('duty_results').select(['member_id', 'grade', 'adjust_reason', 'adjusted_by', 'adjusted_at']).where('evaluation_id', '=', ev.id).where('adjust_reason', 'is not', null).execute()).map((r) => [r.member_id, r]));
  await trx.deleteFrom('duty_results').where('evaluation_id', '=', ev.id).execute();
  const rows = await memberRows(trx, decls, organizationId, year, { sort: 'total', order: 'desc' });
  const results = rows.map((r) => {
    const missing = missingFor(decls, countsOf(r), grading.minimums);
    const computed = gradeOf(r.total, grading.bands, missing.length);
    const k = kept.get(r.memberId);
    return {
      evaluation_id: ev.id, member_id: r.memberId, points: r.total, missing: JSON.stringify(missing), computed_grade: computed,
      grade: k?.grade ?? computed, adjust_reason: k?.adjust_reason ?? null, adjusted_by: k?.adjusted_by ?? null, adjusted_at: k?.adjusted_at ?? null,
    };
  });
  for (let i = 0; i < results.length; i += 200) await trx.insertInto('duty_results').values(results.slice(i, i + 200)).execute();
  await touchDuty(trx, [organizationId]);
  return { id: ev.id, members: results.length };
}

/** The office computes (or recomputes) a year's evaluation. */
export async function compute(ctx: Ctx, decls: Decls, input: z.infer<typeof s.yearIn>) {
  requireEditor(ctx, input.organizationId);
  return ctx.db.transaction().execute(async (trx) => {
    const r = await computeIn(ctx, trx, decls, input.organizationId, input.year);
    await audit(trx, ctx, { action: 'compute', entityType: 'duty_evaluation', entityId: r.id, organizationId: input.organizationId, after: { year: input.year, members: r.members } });
    return r;
  });
}

/** The evaluation of the year, not yet published: what review and publishing act on. */
async function openEvaluation(ctx: Ctx, trx: Trx, organizationId: number, year: number) {
  const ev = await requireOpenYear(ctx, trx, organizationId, year);
  if (!ev) throw notFound({ zh: `${year} 年度考评尚未计算`, en: `The ${year} evaluation has not been computed` });
  return ev;
}

/** The office sets one member's grade, with the written reason the audit log keeps. */
export async function adjust(ctx: Ctx, input: z.infer<typeof s.adjustIn>) {
  requireEditor(ctx, input.organizationId);
  await ctx.db.transaction().execute(async (trx) => {
    const ev = await openEvaluation(ctx, trx, input.organizationId, input.year);
    const result = await trx.selectFrom('duty_results').select(['id', 'grade']).where('evaluation_id', '=', ev.id).where('member_id', '=', input.memberId).executeTakeFirst();
    if (!result) throw invalid('body.memberId', { zh: '该委员不在本年度考评之中', en: "This member is not in the year's evaluation" });
    await trx.updateTable('duty_results').set({ grade: input.grade, adjust_reason: input.reason, adjusted_by: ctx.actor!.userId, adjusted_at: clock.now().toISOString() }).where('id', '=', result.id).execute();
    await touchDuty(trx, [input.organizationId]);
    await audit(trx, ctx, { action: 'adjust_grade', entityType: 'duty_evaluation', entityId: ev.id, organizationId: input.organizationId, before: { memberId: input.memberId, grade: result.grade }, after: { memberId: input.memberId, grade: input.grade, reason: input.reason } });
  });
}

/** Publishes the year: each member is told their grade, and the year's rules and results are frozen. */
export async function publish(ctx: Ctx, input: z.infer<typeof s.yearIn>) {
  requireEditor(ctx, input.organizationId);
  return ctx.db.transaction().execute(async (trx) => {
    const ev = await openEvaluation(ctx, trx, input.organizationId, input.year);
    const at = clock.now();
    const done = await trx.updateTable('duty_evaluations').set({ state: 'published', published_by: ctx.actor!.userId, published_at: at.toISOString() }).where('id', '=', ev.id).where('state', '=', 'computed').executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) throw new AppError('conflict', { zh: '该年度考评已发布', en: 'The evaluation is already published' }, undefined, { state: 'published' });
    const results = await trx.selectFrom('duty_results').select(['member_id', 'grade']).where('evaluation_id', '=', ev.id).execute();
    let notified = 0;
    // One note per grade, each to the accounts of the members who have it: a digest from one query, not one job per member.
    for (const g of GRADES) {
      const ids = results.filter((r) => r.grade === g).map((r) => r.member_id);
      for (let i = 0; i < ids.length; i += 500) {
        const users = await trx.selectFrom('users').select('id').where('member_id', 'in', ids.slice(i, i + 500)).execute();
        notified += await notifyUsers(trx, users.map((u) => u.id), {
          kind: 'duty.evaluation.published', organizationId: input.organizationId, link: '/duty/mine', entityType: 'duty_evaluation', entityId: ev.id,
          title: { zh: `${input.year} 年度履职考评结果`, en: `Your duty evaluation for ${input.year}` },
          body: { zh: `您 ${input.year} 年度的履职考评等次为：${GRADE_LABELS[g].zh}。`, en: `Your duty grade for ${input.year} is: ${GRADE_LABELS[g].en}.` },
        }, at);
      }
    }
    await touchDuty(trx, [input.organizationId]);
    await audit(trx, ctx, { action: 'publish', entityType: 'duty_evaluation', entityId: ev.id, organizationId: input.organizationId, before: { state: 'computed' }, after: { state: 'published', year: input.year, members: results.length, notified } });
    return { members: results.length, notified };
  });
}

export interface Missing {
  key: string;
  label: { zh: string; en: string };
}

/** A year's evaluation as the office reviews it: its state, the counts by grade and each member's result. */
export async function evaluationOf(db: Trx, organizationId: number, year: number, grade?: Grade) {
  const ev = await db.selectFrom('duty_evaluations').selectAll().where('organization_id', '=', organizationId).where('year', '=', year).executeTakeFirst();
  if (!ev) return { organizationId, year, state: 'none' as const, computedAt: null, publishedAt: null, counts: countGrades([]), results: [] };
  const rows = await db.selectFrom('duty_results as r').innerJoin('members as m', 'm.id', 'r.member_id').innerJoin('sectors as s', 's.id', 'm.sector_id')
    .select(['r.member_id', 'm.name', 's.name as sector', 'r.points', 'r.missing', 'r.computed_grade', 'r.grade', 'r.adjust_reason'])
    .where('r.evaluation_id', '=', ev.id).orderBy('r.points', 'desc').orderBy('r.member_id').execute();
  return {
    organizationId, year, state: ev.state, computedAt: ev.computed_at, publishedAt: ev.published_at, counts: countGrades(rows),
    results: rows.filter((r) => !grade || r.grade === grade).map((r) => ({
      memberId: r.member_id, name: r.name, sector: r.sector, points: Number(r.points), missing: JSON.parse(r.missing) as Missing[],
      computedGrade: r.computed_grade, grade: r.grade, adjustReason: r.adjust_reason,
    })),
  };
}

export const countGrades = (rows: { grade: Grade }[]) => Object.fromEntries(GRADES.map((g) => [g, rows.filter((r) => r.grade === g).length])) as Record<Grade, number>;

/** What a member's own page adds: the minimums still missing this year, and the grades of published years. */
export async function standingOf(db: Trx, decls: Decls, record: { member: { id: number; organizationId: number }; year: number; kinds: { kind: string; count: number }[] }) {
  const grading = await loadGrading(db, record.member.organizationId, record.year);
  const counts = Object.fromEntries(record.kinds.map((k) => [k.kind, k.count]));
  const grades = await db.selectFrom('duty_results as r').innerJoin('duty_evaluations as e', 'e.id', 'r.evaluation_id')
    .select(['e.year', 'r.grade', 'r.points']).where('r.member_id', '=', record.member.id).where('e.state', '=', 'published').orderBy('e.year', 'desc').execute();
  return { missing: missingFor(decls, counts, grading.minimums), grades: grades.map((g) => ({ year: g.year, grade: g.grade, points: Number(g.points) })) };
}

/** Up to this many rows, their results are read by member id; beyond, the evaluation's all at once. */
const PAGE_LOOKUP = 500;

/**
 * The members list's grade and missing minimums: the minimums are counted now; the grade is the
 * evaluation's when the member has a result, else what the points give today (provisional).
 */
export async function gradeRows(db: Trx, decls: Decls, organizationId: number, year: number, rows: MemberRow[]) {
  const grading = await loadGrading(db, organizationId, year);
  const ev = await db.selectFrom('duty_evaluations').select('id').where('organization_id', '=', organizationId).where('year', '=', year).executeTakeFirst();
  // A page reads its own members' results, not the whole organization's (a province has 20,000).
  let results = ev ? db.selectFrom('duty_results').select(['member_id', 'grade']).where('evaluation_id', '=', ev.id) : null;
  if (results && rows.length <= PAGE_LOOKUP) results = results.where('member_id', 'in', rows.length ? rows.map((r) => r.memberId) : [0]);
  const stored = new Map(results ? (await results.execute()).map((r) => [r.member_id, r.grade]) : []);
  return rows.map((r) => {
    const missing = missingFor(decls, countsOf(r), grading.minimums);
    const own = stored.get(r.memberId);
    return { ...r, missing, grade: own ?? gradeOf(r.total, grading.bands, missing.length), provisional: !own };
  });
}
