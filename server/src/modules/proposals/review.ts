// The proposal office's use cases: review (accept, reject, merge, convert), assignment to units,
// another round after an unsatisfied evaluation, and closing.
import type { z } from 'zod';
import { audit } from '../../platform/audit.js';
import { invalid, type Text } from '../../platform/errors.js';
import type { Ctx, Trx } from '../../platform/context.js';
import { notBefore } from '../../platform/dates.js';
import { addMonths } from '../../platform/time.js';
import type { AssignmentRole } from '../../platform/db/types.js';
import { removeDocument } from '../../platform/search.js';
import { createReportFrom } from '../opinions/service.js';
import type * as s from './schema.js';
import { apply, check, loadProposal, now, run, stateConflict, today } from './commands.js';
import { standing } from './access.js';
import { nextNumber } from './numbering.js';
import type { ProposalRow } from './access.js';

const reviewed = (ctx: Ctx) => ({ reviewed_at: now(), reviewed_by: ctx.actor!.userId });

export async function accept(ctx: Ctx, id: number): Promise<void> {
  await run(ctx, async (tx) => {
    const p = await loadProposal(ctx, tx.trx, id);
    // The state moves first (only one of two simultaneous accepts gets past it), then the number.
    await apply(ctx, tx, p, 'accept', reviewed(ctx));
    const number = await nextNumber(tx.trx, p.row.session_id!);
    await tx.trx.updateTable('proposals').set({ number }).where('id', '=', id).execute();
    await audit(tx.trx, ctx, { action: 'number', entityType: 'proposal', entityId: id, organizationId: p.row.organization_id, after: { sessionId: p.row.session_id, number } });
  });
}

export async function reject(ctx: Ctx, id: number, input: z.infer<typeof s.rejectIn>): Promise<void> {
  await run(ctx, async (tx) => {
    const p = await loadProposal(ctx, tx.trx, id);
    check(p, 'reject');
    const reason = await tx.trx.selectFrom('proposal_reject_reasons').select(['id', 'text', 'organization_id', 'active']).where('id', '=', input.reasonId).executeTakeFirst();
    if (!reason || reason.organization_id !== p.row.organization_id || !reason.active)
      throw invalid('body.reasonId', { zh: '不立案理由不存在或已停用', en: 'No such reject reason in this organization' });
    await apply(ctx, tx, p, 'reject', { ...reviewed(ctx), reject_reason_id: reason.id, reject_text: input.text }, { reason: reason.text, text: input.text });
  });
}

export async function reconsider(ctx: Ctx, id: number): Promise<void> {
  await run(ctx, async (tx) => {
    const p = await loadProposal(ctx, tx.trx, id);
    await apply(ctx, tx, p, 'reconsider', { reject_reason_id: null, reject_text: null });
  });
}

/** 并案: the sources are handled as part of the target; each source's proposers see where it went. */
export async function merge(ctx: Ctx, targetId: number, input: z.infer<typeof s.mergeIn>): Promise<void> {
  await run(ctx, async (tx) => {
    const target = await loadProposal(ctx, tx.trx, targetId);
    const label: Text = { zh: '并入其他提案', en: 'Receiving merged proposals' };
    if (!target.standing.relations.has('office')) check(target, 'merge'); // answers 403
    if (!['submitted', 'accepted', 'handling'].includes(target.row.state)) throw stateConflict(target.row.state, label);
    // Locked in id order, so that two merges of overlapping proposals queue instead of deadlocking.
    const ids = [...new Set(input.sourceIds)].sort((x, y) => x - y);
    if (ids.includes(targetId)) throw invalid('body.sourceIds', { zh: '不能与自身并案', en: 'A proposal cannot be merged into itself' });
    const at = now();
    for (const sourceId of ids) {
      let q = tx.trx.selectFrom('proposals').selectAll().where('id', '=', sourceId);
      if (ctx.dialect === 'postgres') q = q.forUpdate();
      const row = (await q.executeTakeFirst()) as ProposalRow | undefined;
      if (!row || row.organization_id !== target.row.organization_id || row.state === 'draft')
        throw invalid('body.sourceIds', { zh: `提案 ${sourceId} 不存在或不属于同一政协`, en: `Proposal ${sourceId} does not exist or belongs to another organization` });
      await apply(ctx, tx, { row, standing: await standing(ctx, tx.trx, row) }, 'merge', {}, { into: targetId });
      await tx.trx.insertInto('proposal_merges').values({ target_id: targetId, source_id: sourceId, merged_by: ctx.actor!.userId, merged_at: at }).execute();
      await removeDocument(tx.trx, 'proposal', sourceId);
    }
    await audit(tx.trx, ctx, { action: 'merge_in', entityType: 'proposal', entityId: targetId, organizationId: target.row.organization_id, after: { sources: ids } });
    tx.outbox.push({ proposalId: targetId, event: 'merge_in', from: target.row.state, to: target.row.state, detail: { sources: ids } });
  });
}

/** 转社情民意: a public-opinion report is made of it, credited to the same members, and linked. */
export async function convert(ctx: Ctx, id: number, input: z.infer<typeof s.convertIn>): Promise<number> {
  return run(ctx, async (tx) => {
    const p = await loadProposal(ctx, tx.trx, id);
    check(p, 'convert');
    const { row } = p;
    const cosigners = await tx.trx.selectFrom('proposal_cosigners').select('member_id').where('proposal_id', '=', id).where('state', '=', 'confirmed').execute();
    const opinionId = await createReportFrom(ctx, tx.trx, {
      organizationId: row.organization_id,
      title: row.title,
      text: `${row.reasons}\n\n${row.suggestions}`,
      category: input.category,
      leadMemberId: row.member_id,
      memberIds: cosigners.map((c) => c.member_id),
      userId: row.author_user_id,
      origin: { proposalId: id },
    });
    await tx.trx.insertInto('proposal_conversions').values({ proposal_id: id, opinion_id: opinionId, converted_by: ctx.actor!.userId, converted_at: now() }).execute();
    await apply(ctx, tx, p, 'convert', reviewed(ctx), { opinionId });
    return opinionId;
  });
}

// ---- Assignment -----------------------------------------------------------------------------------

/** The deadline an assignment gets without one given: the organization's months after today. */
export async function defaultDeadline(trx: Trx, organizationId: number): Promise<string> {
  const settings = await trx.selectFrom('proposal_settings').select('deadline_months').where('organization_id', '=', organizationId).executeTakeFirst();
  // 30 November plus three months is the end of February, not 2 March.
  return addMonths(today(), settings?.deadline_months ?? 3);
}

/** A deadline may lie in the future, but not before the assignment it belongs to, made today. */
export function checkDeadline(deadline: string | undefined, field: string) {
  if (deadline !== undefined) notBefore(field, deadline, today(), { zh: '交办日期（今天）', en: 'the assignment date (today)' });
}

/** A unit of the proposal's organization that is in use. */
export async function checkUnit(trx: Trx, organizationId: number, unitId: number, field: string) {
  const unit = await trx.selectFrom('handling_units').select(['id', 'organization_id', 'active']).where('id', '=', unitId).executeTakeFirst();
  if (!unit || unit.organization_id !== organizationId || !unit.active)
    throw invalid(field, { zh: '承办单位不存在或不属于本政协', en: 'The handling unit does not exist or belongs to another organization' });
}

/** One lead unit with assisting units, or separate units that each reply. */
export async function assign(ctx: Ctx, id: number, input: z.infer<typeof s.assignIn>): Promise<void> {
  await run(ctx, async (tx) => {
    const p = await loadProposal(ctx, tx.trx, id);
    check(p, 'assign');
    const roles = input.units.map((u) => u.role);
    const separate = roles.every((r) => r === 'separate');
    const led = roles.filter((r) => r === 'lead').length === 1 && roles.every((r) => r !== 'separate');
    if (!separate && !led)
      throw invalid('body.units', { zh: '请指定一个主办单位（可加协办单位），或若干分办单位', en: 'Choose one lead unit (with any assisting units), or separate units only' });
    const seen = new Set<number>();
    for (const [i, u] of input.units.entries()) {
      if (seen.has(u.unitId)) throw invalid(`body.units.${i}.unitId`, { zh: '承办单位重复', en: 'The unit is listed twice' });
      seen.add(u.unitId);
      await checkUnit(tx.trx, p.row.organization_id, u.unitId, `body.units.${i}.unitId`);
      checkDeadline(u.deadline, `body.units.${i}.deadline`);
    }
    const fallback = await defaultDeadline(tx.trx, p.row.organization_id);
    const at = now();
    const rows = input.units.map((u) => ({
      proposal_id: id, organization_id: p.row.organization_id, unit_id: u.unitId, role: u.role as AssignmentRole, state: 'assigned' as const, round: p.row.round,
      deadline: u.deadline ?? fallback, reassign_reason: null, assigned_by: ctx.actor!.userId, assigned_at: at, signed_at: null, replied_at: null, updated_at: at,
    }));
    await tx.trx.insertInto('proposal_assignments').values(rows).execute();
    await apply(ctx, tx, p, 'assign', { assigned_at: at }, { units: input.units.map((u, i) => ({ unitId: u.unitId, role: u.role, deadline: rows[i]!.deadline })) });
  });
}

/** After an unsatisfied evaluation: the units rated unsatisfied handle and reply again. */
export async function anotherRound(ctx: Ctx, id: number, input: z.infer<typeof s.anotherRoundIn>): Promise<void> {
  await run(ctx, async (tx) => {
    const p = await loadProposal(ctx, tx.trx, id);
    check(p, 'another_round');
    checkDeadline(input.deadline, 'body.deadline');
    const unsatisfied = await tx.trx
      .selectFrom('proposal_evaluations')
      .select('assignment_id')
      .distinct()
      .where('proposal_id', '=', id)
      .where('round', '=', p.row.round)
      .where('result', '=', 'unsatisfied')
      .execute();
    const ids = unsatisfied.map((u) => u.assignment_id);
    const round = p.row.round + 1;
    const deadline = input.deadline ?? (await defaultDeadline(tx.trx, p.row.organization_id));
    if (ids.length)
      await tx.trx
        .updateTable('proposal_assignments')
        .set({ state: 'signed', round, deadline, replied_at: null, updated_at: now() })
        .where('id', 'in', ids)
        .where('state', '=', 'replied')
        .where('role', 'in', ['lead', 'separate'])
        .execute();
    // Units that satisfied the proposer keep their reply and its rating from the earlier round.
    await apply(ctx, tx, p, 'another_round', { round }, { round, assignments: ids, deadline });
  });
}

export async function close(ctx: Ctx, id: number): Promise<void> {
  await run(ctx, async (tx) => {
    const p = await loadProposal(ctx, tx.trx, id);
    await apply(ctx, tx, p, 'close', { closed_at: now() });
  });
}
