// The command engine of proposals (load, check against the workflow table, apply with a
// conditional UPDATE, audit, publish after commit) and the use cases of drafting and filing.
import type { z } from 'zod';
import type { Updateable } from 'kysely';
import { audit } from '../../platform/audit.js';
import { enqueue, nudgeOutbox } from '../../platform/outbox.js';
import { AppError, forbidden, invalid, notFound, type Text } from '../../platform/errors.js';
import type { Ctx, Trx } from '../../platform/context.js';
import type { ProposalKind, ProposalState, ProposalTable } from '../../platform/db/types.js';
import { attachFiles, detachFiles } from '../../platform/files.js';
import { indexDocuments, removeDocument } from '../../platform/search.js';
import { chinaDate, chinaYear, clock } from '../../platform/time.js';
import type * as s from './schema.js';
import { replaceDuty } from '../duty/service.js';
import { proposalsDuty } from './duty.js';
import { mayRead, standing, type ProposalRow, type Standing } from './access.js';
import { stateLabels, target, workflow, type ProposalEvent } from './workflow.js';

export const now = () => clock.now().toISOString();
/** Today's date in China: deadlines are dates there. */
export const today = () => chinaDate();

/** What changed, published once the transaction committed (reminders, notifications, pages). */
export const TOPIC = 'proposals.proposal.changed';
export interface ChangeEvent {
  proposalId: number;
  event: string;
  from: ProposalState;
  to: ProposalState;
  /** Extra facts for the listeners, e.g. the co-signers asked, the proposals merged. */
  detail?: Record<string, unknown>;
}

export interface Tx {
  trx: Trx;
  outbox: ChangeEvent[];
}

/** The outbox topic of the notifications that follow a change (followup-notify.ts). */
export const NOTIFY_TOPIC = 'proposals.notify';

/**
 * One transaction per use case; its change events go out only after it committed. What must
 * follow each change exactly once (the notifications) is written to the outbox in the same
 * transaction, so that no restart or lost event can drop it.
 */
export async function run<T>(ctx: Ctx, work: (tx: Tx) => Promise<T>): Promise<T> {
  const outbox: ChangeEvent[] = [];
  const result = await ctx.db.transaction().execute(async (trx) => {
    const r = await work({ trx, outbox });
    // The members' duty records follow the proposals' moves in the same transaction.
    await replaceDuty(trx, proposalsDuty, outbox.map((e) => e.proposalId));
    await enqueue(trx, outbox.map((payload) => ({ topic: NOTIFY_TOPIC, payload })));
    return r;
  });
  if (outbox.length) nudgeOutbox(ctx);
  for (const e of outbox) await ctx.bus.publish(TOPIC, e).catch(() => {});
  return result;
}

export function stateConflict(state: ProposalState, label: Text): AppError {
  return new AppError(
    'conflict',
    { zh: `提案当前状态为“${stateLabels[state].zh}”，不能${label.zh}`, en: `${label.en} is not possible: the proposal is ${stateLabels[state].en.toLowerCase()}` },
    undefined,
    { state },
  );
}

/** The proposal as the caller may see it, locked for the transaction on PostgreSQL. */
export async function loadProposal(ctx: Ctx, trx: Trx, id: number): Promise<{ row: ProposalRow; standing: Standing }> {
  let q = trx.selectFrom('proposals').selectAll().where('id', '=', id);
  if (ctx.dialect === 'postgres') q = q.forUpdate();
  const row = (await q.executeTakeFirst()) as ProposalRow | undefined;
  if (!row) throw notFound({ zh: '提案不存在', en: 'No such proposal' });
  const st = await standing(ctx, trx, row);
  if (!mayRead(st)) throw notFound({ zh: '提案不存在', en: 'No such proposal' });
  return { row, standing: st };
}

/** Checks the workflow table: who may fire the event, and from which state. */
export function check(p: { row: ProposalRow; standing: Standing }, event: ProposalEvent): ProposalState {
  const t = workflow[event];
  if (!t.who.includes('system') && !t.who.some((r) => p.standing.relations.has(r)))
    throw forbidden({ zh: `无权${t.label.zh}`, en: `You may not do this: ${t.label.en}` });
  const to = target(event, { state: p.row.state, kind: p.row.kind, pendingCosigners: p.standing.pendingCosigners });
  if (!to) throw stateConflict(p.row.state, t.label);
  return to;
}

/**
 * Moves the proposal, only if it is still in the state it was read in: of two conflicting events
 * at the same moment exactly one applies, the other gets the 409. Audited (the timeline) and queued
 * for publishing.
 */
export async function apply(
  ctx: Ctx,
  tx: Tx,
  p: { row: ProposalRow; standing: Standing },
  event: ProposalEvent,
  set: Updateable<ProposalTable> = {},
  detail: Record<string, unknown> = {},
): Promise<ProposalState> {
  const to = check(p, event);
  const { row } = p;
  const res = await tx.trx
    .updateTable('proposals')
    .set({ ...set, state: to, updated_at: now() })
    .where('id', '=', row.id)
    .where('state', '=', row.state)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) {
    const current = await tx.trx.selectFrom('proposals').select('state').where('id', '=', row.id).executeTakeFirstOrThrow();
    throw stateConflict(current.state, workflow[event].label);
  }
  await audit(tx.trx, ctx, { action: event, entityType: 'proposal', entityId: row.id, organizationId: row.organization_id, before: { state: row.state }, after: { state: to, ...detail } });
  tx.outbox.push({ proposalId: row.id, event, from: row.state, to, detail });
  p.row.state = to;
  return to;
}

export const indexProposal = (trx: Trx, row: { id: number; title: string; reasons: string; suggestions: string }) =>
  indexDocuments(trx, [{ entityType: 'proposal', entityId: row.id, fields: [row.title, row.reasons, row.suggestions] }]);

// ---- Who files ----------------------------------------------------------------------------------

interface Filer {
  organizationId: number;
  memberId: number | null;
  sectorId: number | null;
  name: string;
  collective: { kind: 'party_group' | 'sector' | 'committee'; id: number } | null;
}

/** The member behind the account, or the body a collective account files for. */
export async function filerOf(ctx: Ctx, trx: Trx, kind: ProposalKind): Promise<Filer> {
  const actor = ctx.actor!;
  if (kind === 'collective') {
    const body = await collectiveBody(trx, actor.userId);
    if (!body) throw invalid('body.kind', { zh: '只有党派团体、界别或专委会的账号可以提交集体提案', en: 'Only the account of a party group, sector or committee files collective proposals' });
    return { organizationId: body.organizationId, memberId: null, sectorId: body.kind === 'sector' ? body.id : null, name: body.name, collective: { kind: body.kind, id: body.id } };
  }
  const member = actor.memberId === null ? undefined : await trx.selectFrom('members').select(['id', 'organization_id', 'sector_id', 'name', 'status']).where('id', '=', actor.memberId).executeTakeFirst();
  if (!member || member.status !== 'active') throw forbidden({ zh: '只有在任委员可以提交个人或联名提案', en: 'Only serving members file individual or joint proposals' });
  return { organizationId: member.organization_id, memberId: member.id, sectorId: member.sector_id, name: member.name, collective: null };
}

export async function collectiveBody(db: Trx, userId: number) {
  const link = await db.selectFrom('proposal_collective_accounts').selectAll().where('user_id', '=', userId).executeTakeFirst();
  if (!link) return null;
  const table = link.body_kind === 'party_group' ? 'party_groups' : link.body_kind === 'sector' ? 'sectors' : 'committees';
  const body = await db.selectFrom(table).select(['id', 'name', 'organization_id']).where('id', '=', link.body_id).executeTakeFirst();
  return body ? { kind: link.body_kind, id: body.id, name: body.name, organizationId: body.organization_id } : null;
}

// ---- Checks of the draft's references -----------------------------------------------------------

type DraftInput = z.infer<typeof s.draftPatch>;

async function checkReferences(ctx: Ctx, trx: Trx, organizationId: number, kind: ProposalKind, memberId: number | null, input: DraftInput) {
  if (input.categoryId != null) {
    const c = await trx.selectFrom('proposal_categories').select(['organization_id', 'active']).where('id', '=', input.categoryId).executeTakeFirst();
    if (!c || c.organization_id !== organizationId || !c.active) throw invalid('body.categoryId', { zh: '类别不存在或已停用', en: 'No such category in this organization' });
  }
  if (input.sessionId != null) await checkSession(trx, organizationId, input.sessionId, 'body.sessionId');
  if (input.cosignerIds?.length) {
    if (kind !== 'joint') throw invalid('body.cosignerIds', { zh: '只有联名提案有附议人', en: 'Only joint proposals have co-signers' });
    const ids = [...new Set(input.cosignerIds)];
    const members = await trx.selectFrom('members').select(['id', 'organization_id', 'status']).where('id', 'in', ids).execute();
    if (ids.includes(memberId ?? -1) || members.length !== ids.length || members.some((m) => m.organization_id !== organizationId || m.status !== 'active'))
      throw invalid('body.cosignerIds', { zh: '附议人须为本政协的在任委员（不含提案人本人）', en: 'Co-signers must be serving members of this organization, other than the proposer' });
  }
  if (input.unitIds?.length) {
    const ids = [...new Set(input.unitIds)];
    const units = await trx.selectFrom('handling_units').select(['id', 'organization_id', 'active']).where('id', 'in', ids).execute();
    if (units.length !== ids.length || units.some((u) => u.organization_id !== organizationId || !u.active))
      throw invalid('body.unitIds', { zh: '建议承办单位不存在或不属于本政协', en: 'A suggested unit does not exist or belongs to another organization' });
  }
  if (input.attachmentIds?.length) {
    const ids = [...new Set(input.attachmentIds)];
    const files = await trx.selectFrom('files').select(['id', 'owner_id']).where('id', 'in', ids).execute();
    if (files.length !== ids.length || files.some((f) => f.owner_id !== ctx.actor!.userId))
      throw invalid('body.attachmentIds', { zh: '附件不存在或不是本人上传', en: 'An attachment does not exist or was not uploaded by you' });
  }
}

/** A session of the organization's current term. */
export async function checkSession(trx: Trx, organizationId: number, sessionId: number, field: string) {
  const found = await trx
    .selectFrom('sessions as s')
    .innerJoin('terms as t', 't.id', 's.term_id')
    .select('s.id')
    .where('s.id', '=', sessionId)
    .where('t.organization_id', '=', organizationId)
    .where('t.current', '=', 1)
    .where('s.closed_at', 'is', null)
    .executeTakeFirst();
  if (!found) throw invalid(field, { zh: '会议不存在、已闭幕或不属于本届', en: 'No such open session in the current term' });
}

async function writeLinks(trx: Trx, proposalId: number, input: DraftInput) {
  if (input.cosignerIds) {
    const keep = await trx.selectFrom('proposal_cosigners').selectAll().where('proposal_id', '=', proposalId).execute();
    await trx.deleteFrom('proposal_cosigners').where('proposal_id', '=', proposalId).execute();
    const ids = [...new Set(input.cosignerIds)];
    // A co-signer who already answered keeps the answer when the draft is edited again.
    if (ids.length)
      await trx.insertInto('proposal_cosigners').values(ids.map((m) => keep.find((k) => k.member_id === m) ?? { proposal_id: proposalId, member_id: m, state: 'pending' as const, answered_at: null })).execute();
  }
  if (input.unitIds) {
    await trx.deleteFrom('proposal_suggested_units').where('proposal_id', '=', proposalId).execute();
    const ids = [...new Set(input.unitIds)];
    if (ids.length) await trx.insertInto('proposal_suggested_units').values(ids.map((u) => ({ proposal_id: proposalId, unit_id: u }))).execute();
  }
  if (input.attachmentIds) {
    await trx.deleteFrom('proposal_files').where('proposal_id', '=', proposalId).execute();
    const ids = [...new Set(input.attachmentIds)];
    // Each attachment belongs to this proposal alone: its readers read it (file-access.ts).
    await detachFiles(trx, { kind: 'proposal', id: proposalId }, ids);
    if (!(await attachFiles(trx, ids, { kind: 'proposal', id: proposalId })))
      throw invalid('body.attachmentIds', { zh: '附件已属于另一条记录', en: 'An attachment already belongs to another record' });
    if (ids.length) await trx.insertInto('proposal_files').values(ids.map((f) => ({ proposal_id: proposalId, file_id: f }))).execute();
  }
}

// ---- Use cases ----------------------------------------------------------------------------------

export async function createDraft(ctx: Ctx, input: z.infer<typeof s.draftIn>): Promise<number> {
  return run(ctx, async ({ trx }) => {
    const filer = await filerOf(ctx, trx, input.kind);
    await checkReferences(ctx, trx, filer.organizationId, input.kind, filer.memberId, input);
    const at = now();
    const row = await trx
      .insertInto('proposals')
      .values({
        organization_id: filer.organizationId, session_id: input.sessionId ?? null, year: chinaYear(at), kind: input.kind, state: 'draft',
        author_user_id: ctx.actor!.userId, member_id: filer.memberId, collective_kind: filer.collective?.kind ?? null, collective_id: filer.collective?.id ?? null,
        proposer_name: filer.name, sector_id: filer.sectorId, category_id: input.categoryId ?? null, title: input.title, reasons: input.reasons, suggestions: input.suggestions,
        number: null, round: 1, is_key: 0, is_public: 0, reject_reason_id: null, reject_text: null, filed_at: null, reviewed_at: null, reviewed_by: null, assigned_at: null, closed_at: null, created_at: at, updated_at: at,
      })
      .returning(['id', 'organization_id'])
      .executeTakeFirstOrThrow();
    await writeLinks(trx, row.id, input);
    await audit(trx, ctx, { action: 'create', entityType: 'proposal', entityId: row.id, organizationId: row.organization_id, after: { state: 'draft', kind: input.kind, title: input.title } });
    return row.id;
  });
}

export async function updateDraft(ctx: Ctx, id: number, input: DraftInput): Promise<void> {
  await run(ctx, async ({ trx }) => {
    const p = await loadProposal(ctx, trx, id);
    if (!p.standing.relations.has('author')) throw forbidden({ zh: '只有提案人可以修改草稿', en: 'Only the author edits a draft' });
    if (p.row.state !== 'draft') throw stateConflict(p.row.state, { zh: '修改', en: 'Editing' });
    const kind = input.kind ?? p.row.kind;
    if ((kind === 'collective') !== (p.row.kind === 'collective')) throw invalid('body.kind', { zh: '个人或联名提案与集体提案不能互换', en: 'A member’s proposal cannot become a collective one, or back' });
    await checkReferences(ctx, trx, p.row.organization_id, kind, p.row.member_id, input);
    // A proposal that stops being joint loses its co-signers.
    const links = kind !== 'joint' && p.row.kind === 'joint' ? { ...input, cosignerIds: [] } : input;
    const set = {
      kind,
      ...(input.title !== undefined && { title: input.title }),
      ...(input.reasons !== undefined && { reasons: input.reasons }),
      ...(input.suggestions !== undefined && { suggestions: input.suggestions }),
      ...(input.categoryId !== undefined && { category_id: input.categoryId }),
      ...(input.sessionId !== undefined && { session_id: input.sessionId }),
    };
    const res = await trx.updateTable('proposals').set({ ...set, updated_at: now() }).where('id', '=', id).where('state', '=', 'draft').executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw stateConflict(p.row.state, { zh: '修改', en: 'Editing' });
    await writeLinks(trx, id, links);
    await audit(trx, ctx, { action: 'edit', entityType: 'proposal', entityId: id, organizationId: p.row.organization_id, after: { fields: Object.keys(input) } });
  });
}

/** The latest session of the organization's current term. */
async function currentSession(trx: Trx, organizationId: number) {
  return trx
    .selectFrom('sessions as s')
    .innerJoin('terms as t', 't.id', 's.term_id')
    .select('s.id')
    .where('t.organization_id', '=', organizationId)
    .where('t.current', '=', 1)
    .where('s.closed_at', 'is', null)
    .orderBy('s.opens_on', 'desc')
    .orderBy('s.id', 'desc')
    .executeTakeFirst();
}

export async function file(ctx: Ctx, id: number, input: z.infer<typeof s.fileIn>): Promise<void> {
  await run(ctx, async (tx) => {
    const p = await loadProposal(ctx, tx.trx, id);
    check(p, 'file');
    const { row } = p;
    const sessionId = input.sessionId ?? row.session_id ?? (await currentSession(tx.trx, row.organization_id))?.id;
    if (!sessionId) throw invalid('body.sessionId', { zh: '本届尚无会议，无法提交', en: 'The current term has no session to file to' });
    await checkSession(tx.trx, row.organization_id, sessionId, 'body.sessionId');
    if (row.category_id === null) throw invalid('categoryId', { zh: '请先选择提案类别', en: 'Choose a category first' });
    const cosigners = await tx.trx.selectFrom('proposal_cosigners').select(['member_id', 'state']).where('proposal_id', '=', id).execute();
    if (row.kind === 'joint' && !cosigners.some((c) => c.state !== 'declined'))
      throw invalid('cosignerIds', { zh: '联名提案至少需要一位附议人', en: 'A joint proposal needs at least one co-signer' });
    const at = now();
    const to = await apply(ctx, tx, p, 'file', { session_id: sessionId, filed_at: at, year: chinaYear(at) }, {
      sessionId,
      cosignersAsked: cosigners.filter((c) => c.state === 'pending').map((c) => c.member_id),
    });
    if (to !== 'draft') await indexProposal(tx.trx, row);
  });
}

export async function withdraw(ctx: Ctx, id: number): Promise<void> {
  await run(ctx, async (tx) => {
    const p = await loadProposal(ctx, tx.trx, id);
    await apply(ctx, tx, p, 'withdraw', { filed_at: null });
    await removeDocument(tx.trx, 'proposal', id);
  });
}

/** A co-signer confirms or declines; the last answer sends the proposal on to review. */
export async function cosign(ctx: Ctx, id: number, input: z.infer<typeof s.cosignIn>): Promise<ProposalState> {
  return run(ctx, async (tx) => {
    const p = await loadProposal(ctx, tx.trx, id);
    const label = { zh: '附议', en: 'Co-signing' };
    if (p.row.state !== 'cosigning') throw stateConflict(p.row.state, label);
    if (!p.standing.relations.has('cosigner')) throw forbidden({ zh: '您不是待答复的附议人', en: 'You are not a co-signer asked to answer' });
    const state = input.decision === 'confirm' ? 'confirmed' : 'declined';
    const res = await tx.trx
      .updateTable('proposal_cosigners')
      .set({ state, answered_at: now() })
      .where('proposal_id', '=', id)
      .where('member_id', '=', ctx.actor!.memberId!)
      .where('state', '=', 'pending')
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw stateConflict(p.row.state, label);
    await audit(tx.trx, ctx, { action: `cosign_${input.decision}`, entityType: 'proposal', entityId: id, organizationId: p.row.organization_id, after: { memberId: ctx.actor!.memberId, state } });
    await replaceDuty(tx.trx, proposalsDuty, [id]);
    const rest = await tx.trx.selectFrom('proposal_cosigners').select('state').where('proposal_id', '=', id).execute();
    if (rest.some((c) => c.state === 'pending')) return p.row.state;
    // Everyone answered. With nobody left who confirmed, it goes on as an individual proposal.
    const alone = !rest.some((c) => c.state === 'confirmed');
    return apply(ctx, tx, { row: p.row, standing: { ...p.standing, pendingCosigners: 0 } }, 'cosign_complete', alone ? { kind: 'individual' } : {}, alone ? { kind: 'individual' } : {});
  });
}
