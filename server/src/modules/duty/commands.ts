// Changing duty records: the points rules of a year (which re-price that year's events at once),
// its minimums and grade bands, and the office's entries of acts no module sees. Each in one
// transaction, audited. A change of a year's rules recomputes its evaluation; a published year is frozen.
import type { z } from 'zod';
import { audit } from '../../platform/audit.js';
import type { Ctx, Trx } from '../../platform/context.js';
import type { DutyDeclaration } from '../../platform/duty.js';
import { invalid } from '../../platform/errors.js';
import { chinaDate, clock } from '../../platform/time.js';
import { requireEditor } from './access.js';
import { computeIn, requireOpenYear } from './evaluation.js';
import { allKinds, ENTRY_SOURCE, entryKinds, kindMap } from './kinds.js';
import { loadGrading } from './grading.js';
import { loadRules } from './rules.js';
import { refreshTotals, refreshYear } from './totals.js';
import type * as s from './schema.js';
import { touchDuty } from './versions.js';

export async function setRules(ctx: Ctx, decls: DutyDeclaration[], input: z.infer<typeof s.rulesIn>) {
  requireEditor(ctx, input.organizationId);
  const kinds = kindMap(decls);
  input.rules.forEach((r, i) => {
    if (!kinds.has(r.kind)) throw invalid(`body.rules.${i}.kind`, { zh: `没有这种履职类型：${r.kind}`, en: `No such duty kind: ${r.kind}` });
  });
  if (new Set(input.rules.map((r) => r.kind)).size !== input.rules.length) throw invalid('body.rules', { zh: '同一类型只能出现一次', en: 'A kind appears twice' });
  await ctx.db.transaction().execute(async (trx) => {
    const evaluation = await requireOpenYear(ctx, trx, input.organizationId, input.year);
    const before = await loadRules(trx, allKinds(decls), input.organizationId, input.year);
    const at = clock.now().toISOString();
    for (const r of input.rules) {
      const values = { points: r.points, cap: r.cap ?? null, updated_by: ctx.actor!.userId, updated_at: at };
      await trx
        .insertInto('duty_rules')
        .values({ organization_id: input.organizationId, year: input.year, kind: r.kind, ...values })
        .onConflict((oc) => oc.columns(['organization_id', 'year', 'kind']).doUpdateSet(values))
        .execute();
      // The year's events are re-priced with the rule, so lists sorted by points stay right.
      await trx.updateTable('duty_events').set({ points: r.points }).where('organization_id', '=', input.organizationId).where('year', '=', input.year).where('kind', '=', r.kind).execute();
    }
    await refreshYear(trx, input.organizationId, input.year);
    await audit(trx, ctx, {
      action: 'update', entityType: 'duty_rules', entityId: `${input.organizationId}:${input.year}`, organizationId: input.organizationId,
      before: Object.fromEntries(input.rules.map((r) => [r.kind, before.get(r.kind)])),
      after: Object.fromEntries(input.rules.map((r) => [r.kind, { points: r.points, cap: r.cap ?? null }])),
    });
    if (evaluation) await computeIn(ctx, trx, decls, input.organizationId, input.year);
  });
}

/** Sets a year's minimums and grade bands as a whole; recomputes the year's evaluation when there is one. */
export async function setGrading(ctx: Ctx, decls: DutyDeclaration[], input: z.infer<typeof s.gradingIn>) {
  requireEditor(ctx, input.organizationId);
  const kinds = kindMap(decls);
  input.minimums.forEach((m, i) => m.kinds.forEach((k, j) => {
    if (!kinds.has(k)) throw invalid(`body.minimums.${i}.kinds.${j}`, { zh: `没有这种履职类型：${k}`, en: `No such duty kind: ${k}` });
  }));
  const { excellent, competent, basic } = input.bands;
  if (excellent <= competent) throw invalid('body.bands.excellent', { zh: '优秀分数线应高于称职分数线', en: 'The excellent band starts above the competent one' });
  if (basic !== null && basic >= competent) throw invalid('body.bands.basic', { zh: '基本称职分数线应低于称职分数线', en: 'The basic band starts below the competent one' });
  await ctx.db.transaction().execute(async (trx) => {
    const evaluation = await requireOpenYear(ctx, trx, input.organizationId, input.year);
    const before = await loadGrading(trx, input.organizationId, input.year);
    await trx.deleteFrom('duty_minimums').where('organization_id', '=', input.organizationId).where('year', '=', input.year).execute();
    await trx.deleteFrom('duty_bands').where('organization_id', '=', input.organizationId).where('year', '=', input.year).execute();
    if (input.minimums.length)
      await trx.insertInto('duty_minimums').values(input.minimums.map((m, position) => ({ organization_id: input.organizationId, year: input.year, kinds: [...new Set(m.kinds)].join(','), min_count: m.count, position }))).execute();
    const at = clock.now().toISOString();
    const bands = (['excellent', 'competent', 'basic'] as const).filter((g) => input.bands[g] !== null);
    await trx.insertInto('duty_bands').values(bands.map((grade) => ({ organization_id: input.organizationId, year: input.year, grade, min_points: input.bands[grade]!, updated_by: ctx.actor!.userId, updated_at: at }))).execute();
    await touchDuty(trx, [input.organizationId]);
    await audit(trx, ctx, { action: 'update', entityType: 'duty_rules', entityId: `${input.organizationId}:${input.year}`, organizationId: input.organizationId, before, after: { minimums: input.minimums, bands: input.bands } });
    if (evaluation) await computeIn(ctx, trx, decls, input.organizationId, input.year);
  });
}

/** What an entry is: one act of some members, with the reason it was not recorded elsewhere. */
export interface EntryInput {
  organizationId: number;
  memberIds: number[];
  kind: string;
  title: string;
  occurredOn: string;
  reason: string;
}

/** Checks an entry's kind and date before anything is read or written. */
export function checkEntry(input: Pick<EntryInput, 'kind' | 'occurredOn'>) {
  if (!entryKinds.some((k) => k.code === input.kind))
    throw invalid('body.kind', { zh: '只能录入线下履职类型', en: 'Only offline duty kinds are entered by hand' });
  if (input.occurredOn > chinaDate()) throw invalid('body.occurredOn', { zh: '日期不能晚于今天', en: 'The date cannot be after today' });
}

/** Writes the entry and one event per member, inside the caller's transaction; audited. */
export async function writeEntry(ctx: Ctx, trx: Trx, input: EntryInput): Promise<number> {
  const memberIds = [...new Set(input.memberIds)];
  const members = await trx.selectFrom('members').select(['id', 'organization_id', 'status']).where('id', 'in', memberIds).execute();
  if (members.length !== memberIds.length || members.some((m) => m.organization_id !== input.organizationId || m.status !== 'active'))
    throw invalid('body.memberIds', { zh: '委员须为该政协组织的在任委员', en: 'Members must be serving members of this organization' });
  const at = clock.now().toISOString();
  const entry = await trx
    .insertInto('duty_entries')
    .values({ organization_id: input.organizationId, kind: input.kind, title: input.title, occurred_on: input.occurredOn, reason: input.reason, entered_by: ctx.actor!.userId, created_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  const year = Number(input.occurredOn.slice(0, 4));
  const rules = await loadRules(trx, entryKinds, input.organizationId, year);
  await trx
    .insertInto('duty_events')
    .values(memberIds.map((member_id) => ({
      member_id, organization_id: input.organizationId, year, kind: input.kind, source_type: ENTRY_SOURCE, source_id: entry.id, occurred_at: input.occurredOn,
      points: rules.get(input.kind)!.points, origin: 'entered' as const, note: input.reason, entered_by: ctx.actor!.userId, created_at: at,
    })))
    .execute();
  await refreshTotals(trx, memberIds.map((memberId) => ({ memberId, organizationId: input.organizationId, year })));
  await audit(trx, ctx, { action: 'create', entityType: 'duty_entry', entityId: entry.id, organizationId: input.organizationId, after: { kind: input.kind, title: input.title, occurredOn: input.occurredOn, reason: input.reason, memberIds } });
  return entry.id;
}

/** The office enters one act for one or many members, with the reason it was not recorded elsewhere. */
export async function enterDuty(ctx: Ctx, input: z.infer<typeof s.entryIn>) {
  requireEditor(ctx, input.organizationId);
  checkEntry(input);
  return { id: await ctx.db.transaction().execute((trx) => writeEntry(ctx, trx, input)) };
}
