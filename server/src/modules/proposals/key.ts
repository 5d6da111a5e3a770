// Key proposals (重点提案) and their sponsors (领办): the office marks an accepted proposal key and
// links the leaders who sponsor it; progress meetings and notes are logged; each leader's page
// lists the key proposals they sponsor with how far their handling has come.
import type { z } from 'zod';
import { hasRoleAt, type Ctx, type Trx } from '../../platform/context.js';
import { conflict, invalid, notFound } from '../../platform/errors.js';
import { chinaDate, clock } from '../../platform/time.js';
import { notAfterToday, notBefore } from '../../platform/dates.js';
import { notifyUsers } from '../notifications/service.js';
import { isOffice } from './access.js';
import { oneOrg } from './quality.js';
import { ACCEPTED_STATES, auditProposal, officeProposal, requireAccepted } from './followup.js';
import type * as s from './followup-schema.js';
import { stateLabels } from './workflow.js';

async function keyDetail(db: Trx, proposalId: number) {
  const [p, sponsors, progress] = await Promise.all([
    db.selectFrom('proposals').select(['id', 'is_key']).where('id', '=', proposalId).executeTakeFirstOrThrow(),
    db.selectFrom('proposal_sponsors as s').innerJoin('users as u', 'u.id', 's.user_id').select(['u.id', 'u.display_name']).where('s.proposal_id', '=', proposalId).orderBy('s.created_at').orderBy('u.id').execute(),
    progressOf(db, [proposalId]),
  ]);
  return { proposalId, isKey: !!p.is_key, sponsors: sponsors.map((u) => ({ userId: u.id, name: u.display_name })), progress: progress.map(presentProgress) };
}

const progressOf = (db: Trx, ids: number[]) =>
  db.selectFrom('proposal_progress as g').leftJoin('users as u', 'u.id', 'g.created_by').selectAll('g').select('u.display_name').where('g.proposal_id', 'in', ids).orderBy('g.held_on', 'desc').orderBy('g.id', 'desc').execute();
type ProgressRow = Awaited<ReturnType<typeof progressOf>>[number];
const presentProgress = (g: ProgressRow) => ({ id: g.id, kind: g.kind, heldOn: g.held_on, text: g.text, createdBy: g.display_name, createdAt: g.created_at });

/** Who may read a key proposal's sponsors and progress: its office, its leaders and its sponsors. */
async function readable(ctx: Ctx, id: number) {
  const p = await ctx.db.selectFrom('proposals').select(['id', 'organization_id']).where('id', '=', id).executeTakeFirst();
  const actor = ctx.actor!;
  if (p && (isOffice(ctx, p.organization_id) || hasRoleAt(ctx, actor, ['leader'], p.organization_id))) return p;
  if (p && (await ctx.db.selectFrom('proposal_sponsors').select('user_id').where('proposal_id', '=', id).where('user_id', '=', actor.userId).executeTakeFirst())) return p;
  throw notFound({ zh: '提案不存在', en: 'No such proposal' });
}

export async function getKey(ctx: Ctx, id: number) {
  await readable(ctx, id);
  return keyDetail(ctx.db, id);
}

export async function setKey(ctx: Ctx, id: number, input: z.infer<typeof s.keyIn>) {
  await ctx.db.transaction().execute(async (trx) => {
    const p = await officeProposal(ctx, trx, id, { forUpdate: true });
    requireAccepted(p);
    if (!!p.is_key === input.key) return;
    const sponsors = await trx.selectFrom('proposal_sponsors').select('user_id').where('proposal_id', '=', id).execute();
    if (!input.key && sponsors.length > 0)
      throw conflict({ zh: '该提案有领办领导，请先移除领办领导', en: 'The proposal has sponsors; remove them first' });
    await trx.updateTable('proposals').set({ is_key: input.key ? 1 : 0, updated_at: clock.now().toISOString() }).where('id', '=', id).execute();
    await auditProposal(trx, ctx, p, input.key ? 'mark_key' : 'unmark_key', { isKey: !!p.is_key }, { isKey: input.key });
  });
  return keyDetail(ctx.db, id);
}

export async function setSponsors(ctx: Ctx, id: number, input: z.infer<typeof s.sponsorsIn>) {
  await ctx.db.transaction().execute(async (trx) => {
    const p = await officeProposal(ctx, trx, id, { forUpdate: true });
    if (!p.is_key) throw conflict({ zh: '只有重点提案可以确定领办领导', en: 'Only key proposals have sponsors' });
    const wanted = [...new Set(input.userIds)];
    const leaders = wanted.length
      ? await trx.selectFrom('user_roles as r').innerJoin('users as u', 'u.id', 'r.user_id').select(['u.id', 'r.organization_id']).where('r.user_id', 'in', wanted).where('r.role', '=', 'leader').where('u.status', '=', 'active').execute()
      : [];
    // A sponsor is a leader of the proposal's organization or of one above it.
    const ok = new Set(leaders.filter((l) => ctx.orgTree.within(p.organization_id, l.organization_id)).map((l) => l.id));
    const bad = wanted.findIndex((u) => !ok.has(u));
    if (bad >= 0) throw invalid(`body.userIds.${bad}`, { zh: '领办人必须是本级或上级政协的领导', en: 'A sponsor must be a leader of this organization or one above it' }, 'not_a_leader');
    const before = (await trx.selectFrom('proposal_sponsors').select('user_id').where('proposal_id', '=', id).orderBy('user_id').execute()).map((r) => r.user_id);
    const added = wanted.filter((u) => !before.includes(u));
    const removed = before.filter((u) => !wanted.includes(u));
    if (added.length === 0 && removed.length === 0) return;
    const at = clock.now().toISOString();
    if (removed.length) await trx.deleteFrom('proposal_sponsors').where('proposal_id', '=', id).where('user_id', 'in', removed).execute();
    if (added.length) await trx.insertInto('proposal_sponsors').values(added.map((user_id) => ({ proposal_id: id, user_id, created_by: ctx.actor!.userId, created_at: at }))).execute();
    await auditProposal(trx, ctx, p, 'set_sponsors', { sponsors: before }, { sponsors: [...wanted].sort((a, b) => a - b) });
    await notifyUsers(trx, added, {
      kind: 'proposal.sponsor',
      organizationId: p.organization_id,
      title: { zh: '请您领办一件重点提案', en: 'You sponsor a key proposal' },
      body: { zh: `重点提案《${p.title}》请您领办。`, en: `You were asked to sponsor the key proposal "${p.title}".` },
      link: `/proposals/${id}`,
      entityType: 'proposal',
      entityId: id,
    });
  });
  return keyDetail(ctx.db, id);
}

/** The sponsor picker: active leaders of the organization or of one above it (whom setSponsors accepts). */
export async function sponsorCandidates(ctx: Ctx, organizationId?: number) {
  const org = oneOrg(ctx, organizationId);
  const rows = await ctx.db
    .selectFrom('user_roles as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select(['u.id', 'u.display_name', 'r.organization_id'])
    .where('r.role', '=', 'leader')
    .where('u.status', '=', 'active')
    .orderBy('u.display_name')
    .orderBy('u.id')
    .execute();
  const seen = new Set<number>();
  return rows
    .filter((r) => ctx.orgTree.within(org, r.organization_id) && !seen.has(r.id) && seen.add(r.id))
    .map((r) => ({ id: r.id, displayName: r.display_name }));
}

export async function logProgress(ctx: Ctx, id: number, input: z.infer<typeof s.progressIn>) {
  notAfterToday('body.heldOn', input.heldOn);
  await ctx.db.transaction().execute(async (trx) => {
    const p = await readable({ ...ctx, db: trx }, id);
    const actor = ctx.actor!;
    const sponsor = await trx.selectFrom('proposal_sponsors').select('user_id').where('proposal_id', '=', id).where('user_id', '=', actor.userId).executeTakeFirst();
    // The office and the proposal's sponsors log progress; other leaders only read it.
    if (!isOffice(ctx, p.organization_id) && !sponsor) throw notFound({ zh: '提案不存在', en: 'No such proposal' });
    const row = await trx.selectFrom('proposals').select(['state', 'is_key', 'filed_at']).where('id', '=', id).executeTakeFirstOrThrow();
    if (!row.is_key) throw conflict({ zh: '只有重点提案记录督办进展', en: 'Progress is logged on key proposals only' });
    notBefore('body.heldOn', input.heldOn, row.filed_at, { zh: '提案的提交日期', en: "the proposal's filing date" });
    const at = clock.now().toISOString();
    const { id: progressId } = await trx
      .insertInto('proposal_progress')
      .values({ proposal_id: id, kind: input.kind, held_on: input.heldOn, text: input.text, created_by: actor.userId, created_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    await auditProposal(trx, ctx, p, input.kind === 'meeting' ? 'progress_meeting' : 'progress_note', null, { progressId, heldOn: input.heldOn, text: input.text });
  });
  return keyDetail(ctx.db, id);
}

/**
 * The leader's page: the key proposals the caller sponsors, with their handling's progress; `open`
 * leaves out those closed (办结), `overdue` keeps those with a unit past its deadline (the leader's
 * home counts both through here).
 */
export async function sponsoredByMe(ctx: Ctx, filter: { open?: boolean; overdue?: boolean } = {}) {
  const today = chinaDate();
  let q = ctx.db
    .selectFrom('proposal_sponsors as s')
    .innerJoin('proposals as p', 'p.id', 's.proposal_id')
    .select(['p.id', 'p.title', 'p.number', 'p.proposer_name', 'p.state', 'p.round'])
    .where('s.user_id', '=', ctx.actor!.userId)
    .where('p.is_key', '=', 1);
  if (filter.open) q = q.where('p.state', '!=', 'closed');
  const rows = await q.orderBy('p.id', 'desc').execute();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [units, replies, progress] = await Promise.all([
    ctx.db.selectFrom('proposal_assignments as a').innerJoin('handling_units as u', 'u.id', 'a.unit_id')
      .select(['a.proposal_id', 'u.name', 'a.role', 'a.state', 'a.deadline']).where('a.proposal_id', 'in', ids).where('a.state', '!=', 'withdrawn').orderBy('a.id').execute(),
    ctx.db.selectFrom('proposal_replies').select(['proposal_id', 'round']).where('proposal_id', 'in', ids).execute(),
    progressOf(ctx.db, ids),
  ]);
  const out = rows.map((p) => {
    const mine = units.filter((u) => u.proposal_id === p.id);
    const log = progress.filter((g) => g.proposal_id === p.id);
    return {
      id: p.id, title: p.title, number: p.number, proposerName: p.proposer_name, state: p.state,
      stateLabel: stateLabels[p.state].zh, stateLabelEn: stateLabels[p.state].en,
      units: mine.map((u) => ({ name: u.name, role: u.role, state: u.state, deadline: u.deadline, overdue: u.state !== 'replied' && u.deadline < today && ACCEPTED_STATES.includes(p.state) })),
      // Lead and separate units owe a reply; assisting units send their opinion to the lead.
      replying: mine.filter((u) => u.role !== 'assisting').length,
      replied: replies.filter((r) => r.proposal_id === p.id && r.round === p.round).length,
      progressCount: log.length,
      lastProgress: log[0] ? presentProgress(log[0]) : null,
    };
  });
  return filter.overdue ? out.filter((p) => p.units.some((u) => u.overdue)) : out;
}
