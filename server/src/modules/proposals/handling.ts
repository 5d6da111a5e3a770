// A unit's work on its assignment (sign for, ask for reassignment, record contacts, send an
// assisting opinion, reply), the office's reassignment, and the proposers' evaluation of replies.
import type { z } from 'zod';
import { audit } from '../../platform/audit.js';
import { conflict, forbidden, invalid, notFound } from '../../platform/errors.js';
import type { Ctx, Trx } from '../../platform/context.js';
import { notAfterToday, notBefore } from '../../platform/dates.js';
import { attachFiles, type OwnerRecord } from '../../platform/files.js';
import type { Updateable } from 'kysely';
import type { AssignmentState, ProposalAssignmentTable } from '../../platform/db/types.js';
import type * as s from './schema.js';
import { assignmentRelations, type ProposalRow, type Standing } from './access.js';
import { apply, check, loadProposal, now, run, stateConflict, type Tx } from './commands.js';
import { checkDeadline, checkUnit, defaultDeadline } from './review.js';
import { assignmentTarget, assignmentWorkflow, handlingStates, type AssignmentEvent } from './workflow.js';

type AssignmentRow = Omit<ProposalAssignmentTable, 'id'> & { id: number };
interface Loaded {
  row: ProposalRow;
  standing: Standing;
  a: AssignmentRow;
}

const assignmentStateLabels: Record<AssignmentState, { zh: string; en: string }> = {
  assigned: { zh: '待签收', en: 'awaiting signature' },
  signed: { zh: '办理中', en: 'being handled' },
  reassign_requested: { zh: '申请退回调整', en: 'reassignment requested' },
  replied: { zh: '已答复', en: 'replied' },
  withdrawn: { zh: '已调整', en: 'withdrawn' },
};

async function load(ctx: Ctx, trx: Trx, proposalId: number, assignmentId: number): Promise<Loaded> {
  const p = await loadProposal(ctx, trx, proposalId);
  let q = trx.selectFrom('proposal_assignments').selectAll().where('id', '=', assignmentId).where('proposal_id', '=', proposalId);
  if (ctx.dialect === 'postgres') q = q.forUpdate();
  const a = await q.executeTakeFirst();
  if (!a) throw notFound({ zh: '交办记录不存在', en: 'No such assignment' });
  return { ...p, a };
}

/** Checks the assignment table, moves the assignment only from the state it was read in, audits on the proposal. */
async function applyAssignment(ctx: Ctx, tx: Tx, l: Loaded, event: AssignmentEvent, set: Updateable<ProposalAssignmentTable> = {}, detail: Record<string, unknown> = {}) {
  const t = assignmentWorkflow[event];
  if (!t.who.includes('system') && !t.who.some((r) => assignmentRelations(ctx, l.row, l.a.unit_id).has(r)))
    throw forbidden({ zh: `无权${t.label.zh}`, en: `You may not do this: ${t.label.en}` });
  if (!handlingStates.includes(l.row.state)) throw stateConflict(l.row.state, t.label);
  const to = assignmentTarget(event, l.a);
  if (!to)
    throw conflict({ zh: `该交办当前为“${assignmentStateLabels[l.a.state].zh}”，不能${t.label.zh}`, en: `${t.label.en} is not possible: the assignment is ${assignmentStateLabels[l.a.state].en}` });
  const res = await tx.trx.updateTable('proposal_assignments').set({ ...set, state: to, updated_at: now() }).where('id', '=', l.a.id).where('state', '=', l.a.state).executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw conflict({ zh: '该交办已被他人处理，请刷新', en: 'Someone else changed this assignment; reload' });
  const unit = await tx.trx.selectFrom('handling_units').select('name').where('id', '=', l.a.unit_id).executeTakeFirst();
  await audit(tx.trx, ctx, {
    action: `assignment.${event}`, entityType: 'proposal', entityId: l.row.id, organizationId: l.row.organization_id,
    before: { assignmentId: l.a.id, state: l.a.state }, after: { assignmentId: l.a.id, unitId: l.a.unit_id, unitName: unit?.name ?? null, role: l.a.role, state: to, ...detail },
  });
  tx.outbox.push({ proposalId: l.row.id, event: `assignment.${event}`, from: l.row.state, to: l.row.state, detail: { assignmentId: l.a.id, unitId: l.a.unit_id, ...detail } });
  l.a.state = to;
}

export async function sign(ctx: Ctx, id: number, assignmentId: number) {
  await run(ctx, async (tx) => applyAssignment(ctx, tx, await load(ctx, tx.trx, id, assignmentId), 'sign', { signed_at: now() }));
}

export async function requestReassign(ctx: Ctx, id: number, assignmentId: number, input: z.infer<typeof s.reasonIn>) {
  await run(ctx, async (tx) =>
    applyAssignment(ctx, tx, await load(ctx, tx.trx, id, assignmentId), 'request_reassign', { reassign_reason: input.reason }, { reason: input.reason }),
  );
}

/** The office moves an assignment to another unit: the old one is withdrawn, the new one starts afresh. */
export async function reassign(ctx: Ctx, id: number, assignmentId: number, input: z.infer<typeof s.reassignIn>) {
  await run(ctx, async (tx) => {
    const l = await load(ctx, tx.trx, id, assignmentId);
    if (!assignmentRelations(ctx, l.row, l.a.unit_id).has('office')) throw forbidden({ zh: '无权调整交办', en: 'You may not reassign' });
    await checkUnit(tx.trx, l.row.organization_id, input.unitId, 'body.unitId');
    checkDeadline(input.deadline, 'body.deadline');
    const busy = await tx.trx.selectFrom('proposal_assignments').select('id').where('proposal_id', '=', id).where('unit_id', '=', input.unitId).where('state', '!=', 'withdrawn').executeTakeFirst();
    if (busy) throw invalid('body.unitId', { zh: '该单位已承办本提案', en: 'This unit already handles the proposal' });
    const deadline = input.deadline ?? (await defaultDeadline(tx.trx, l.row.organization_id));
    await applyAssignment(ctx, tx, l, 'reassign', {}, { toUnitId: input.unitId, deadline });
    const at = now();
    await tx.trx
      .insertInto('proposal_assignments')
      .values({
        proposal_id: id, organization_id: l.row.organization_id, unit_id: input.unitId, role: l.a.role, state: 'assigned', round: l.a.round, deadline,
        reassign_reason: null, assigned_by: ctx.actor!.userId, assigned_at: at, signed_at: null, replied_at: null, updated_at: at,
      })
      .execute();
  });
}

export async function recordContact(ctx: Ctx, id: number, assignmentId: number, input: z.infer<typeof s.contactIn>) {
  await run(ctx, async (tx) => {
    const l = await load(ctx, tx.trx, id, assignmentId);
    await applyAssignment(ctx, tx, l, 'contact', {}, { contactedOn: input.contactedOn, way: input.way });
    // Checked once the caller may record a contact here; a refusal rolls the transaction back.
    notAfterToday('body.contactedOn', input.contactedOn);
    notBefore('body.contactedOn', input.contactedOn, l.a.assigned_at, { zh: '交办日期', en: 'the assignment date' });
    await tx.trx
      .insertInto('proposal_contacts')
      .values({ assignment_id: l.a.id, proposal_id: id, contacted_on: input.contactedOn, way: input.way, summary: input.summary, created_by: ctx.actor!.userId, created_at: now() })
      .execute();
  });
}

async function checkOwnFile(trx: Trx, ctx: Ctx, fileId: string | undefined, field: string) {
  if (!fileId) return;
  const f = await trx.selectFrom('files').select('owner_id').where('id', '=', fileId).executeTakeFirst();
  if (!f || f.owner_id !== ctx.actor!.userId) throw invalid(field, { zh: '附件不存在或不是本人上传', en: 'The attachment does not exist or was not uploaded by you' });
}

/** The file now belongs to the opinion or reply just written: its readers read it (file-access.ts). */
async function attachOwnFile(trx: Trx, fileId: string | undefined, owner: OwnerRecord, field: string) {
  if (fileId && !(await attachFiles(trx, [fileId], owner))) throw invalid(field, { zh: '附件已属于另一条记录', en: 'The attachment already belongs to another record' });
}

export async function sendOpinion(ctx: Ctx, id: number, assignmentId: number, input: z.infer<typeof s.assistOpinionIn>) {
  await run(ctx, async (tx) => {
    const l = await load(ctx, tx.trx, id, assignmentId);
    await checkOwnFile(tx.trx, ctx, input.fileId, 'body.fileId');
    await applyAssignment(ctx, tx, l, 'send_opinion', { replied_at: now() });
    const row = await tx.trx
      .insertInto('proposal_assist_opinions')
      .values({ assignment_id: l.a.id, proposal_id: id, round: l.a.round, text: input.text, file_id: input.fileId ?? null, created_by: ctx.actor!.userId, created_at: now() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await attachOwnFile(tx.trx, input.fileId, { kind: 'proposal_assist', id: row.id }, 'body.fileId');
  });
}

/** The lead or a separate unit replies; when the last of them has, the proposal is `replied`. */
export async function reply(ctx: Ctx, id: number, assignmentId: number, input: z.infer<typeof s.replyIn>) {
  await run(ctx, async (tx) => {
    const l = await load(ctx, tx.trx, id, assignmentId);
    if (input.class === 'C' && !input.classReason) throw invalid('body.classReason', { zh: 'C 类答复须说明留作参考的理由', en: 'A class C reply gives the reason it is kept for reference' });
    await checkOwnFile(tx.trx, ctx, input.letterFileId, 'body.letterFileId');
    const at = now();
    await applyAssignment(ctx, tx, l, 'reply', { replied_at: at }, { class: input.class, round: l.a.round });
    const row = await tx.trx
      .insertInto('proposal_replies')
      .values({
        assignment_id: l.a.id, proposal_id: id, round: l.a.round, class: input.class, class_reason: input.classReason || null, letter_text: input.letterText,
        letter_file_id: input.letterFileId ?? null, replied_by: ctx.actor!.userId, replied_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await attachOwnFile(tx.trx, input.letterFileId, { kind: 'proposal_reply', id: row.id }, 'body.letterFileId');
    const waiting = await tx.trx
      .selectFrom('proposal_assignments')
      .select('id')
      .where('proposal_id', '=', id)
      .where('role', 'in', ['lead', 'separate'])
      .where('state', 'in', ['assigned', 'signed', 'reassign_requested'])
      .executeTakeFirst();
    if (!waiting) await apply(ctx, tx, l, 'all_replied');
  });
}

/** A proposer rates one reply of the current round; the author's last rating decides the outcome. */
export async function evaluate(ctx: Ctx, id: number, assignmentId: number, input: z.infer<typeof s.evaluateIn>) {
  await run(ctx, async (tx) => {
    const l = await load(ctx, tx.trx, id, assignmentId);
    check(l, 'evaluate');
    const answer = await tx.trx.selectFrom('proposal_replies').select('round').where('assignment_id', '=', l.a.id).orderBy('round', 'desc').executeTakeFirst();
    if (!answer || l.a.state !== 'replied' || l.a.role === 'assisting')
      throw conflict({ zh: '该单位尚未答复，不能测评', en: 'This unit has not replied; there is nothing to rate' });
    const done = await tx.trx.selectFrom('proposal_evaluations').select('id').where('assignment_id', '=', l.a.id).where('round', '=', answer.round).where('user_id', '=', ctx.actor!.userId).executeTakeFirst();
    if (done) throw conflict({ zh: '您已对该答复作出测评', en: 'You have already rated this reply' });
    await tx.trx
      .insertInto('proposal_evaluations')
      .values({ assignment_id: l.a.id, proposal_id: id, round: answer.round, user_id: ctx.actor!.userId, result: input.result, comment: input.comment || null, created_at: now() })
      .execute();
    await audit(tx.trx, ctx, { action: 'evaluate', entityType: 'proposal', entityId: id, organizationId: l.row.organization_id, after: { assignmentId: l.a.id, round: answer.round, result: input.result, comment: input.comment ?? null } });
    tx.outbox.push({ proposalId: id, event: 'evaluate', from: l.row.state, to: l.row.state, detail: { assignmentId: l.a.id, result: input.result } });
    if (l.row.state !== 'replied') return;
    // Complete when the author has rated every reply given in this round.
    const replies = await tx.trx.selectFrom('proposal_replies').select('assignment_id').where('proposal_id', '=', id).where('round', '=', l.row.round).execute();
    const rated = await tx.trx.selectFrom('proposal_evaluations').select(['assignment_id', 'user_id', 'result']).where('proposal_id', '=', id).where('round', '=', l.row.round).execute();
    const byAuthor = new Set(rated.filter((r) => r.user_id === l.row.author_user_id).map((r) => r.assignment_id));
    if (!replies.every((r) => byAuthor.has(r.assignment_id))) return;
    const unsatisfied = rated.some((r) => r.result === 'unsatisfied');
    await apply(ctx, tx, { row: l.row, standing: l.standing }, unsatisfied ? 'evaluation_unsatisfied' : 'evaluation_complete', unsatisfied ? {} : { closed_at: now() });
  });
}
