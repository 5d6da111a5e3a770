// Lists, workbenches, details and the timeline, always limited to what the caller may see:
// the office and leaders their organizations (never drafts), members their own proposals, units
// what is assigned to them.
import type { z } from 'zod';
import { sql, type ExpressionBuilder, type SelectQueryBuilder } from 'kysely';
import { hasRoleAt, visibleOrgs, type Ctx, type Trx } from '../../platform/context.js';
import type { Database, ProposalState } from '../../platform/db/types.js';
import { toPage } from '../../platform/paging.js';
import { matchingIds } from '../../platform/search.js';
import { addDays, chinaDate } from '../../platform/time.js';
import type * as s from './schema.js';
import { assignmentRelations, mayRead, seesWork, standing, type ProposalRow } from './access.js';
import { numberLabel, numberLabelEn, sessionLabel, sessionLabelEn } from './numbering.js';
import { abilities, assignmentAbilities, assignmentWorkflow, stateLabels, workflow, type AssignmentEvent, type ProposalEvent } from './workflow.js';
import { today } from './commands.js';
import { followupActions } from './followup.js';

type Summary = z.infer<typeof s.proposalSummary>;
const OPEN = ['assigned', 'signed', 'reassign_requested'] as const;

const joined = (db: Trx) =>
  db
    .selectFrom('proposals as p')
    .leftJoin('sessions as se', 'se.id', 'p.session_id')
    .leftJoin('terms as t', 't.id', 'se.term_id')
    .leftJoin('sectors as sc', 'sc.id', 'p.sector_id')
    .leftJoin('proposal_categories as c', 'c.id', 'p.category_id')
    .select(['se.number as session_number', 't.number as term_number', 'sc.name as sector_name', 'c.name as category_name']);

/** A proposal with everything, for its own page. */
const summaryQuery = (db: Trx) => joined(db).selectAll('p');

// A list reads only what a summary shows: the reasons and suggestions (kilobytes each) stay on disk.
const listedQuery = (db: Trx) =>
  joined(db).select([
    'p.id', 'p.organization_id', 'p.session_id', 'p.year', 'p.kind', 'p.state', 'p.title', 'p.proposer_name', 'p.member_id', 'p.sector_id',
    'p.category_id', 'p.number', 'p.is_key', 'p.is_public', 'p.round', 'p.filed_at', 'p.created_at',
  ]);

type SummaryRow = Awaited<ReturnType<ReturnType<typeof listedQuery>['executeTakeFirstOrThrow']>>;

async function unitLines(db: Trx, ids: number[]) {
  if (ids.length === 0) return new Map<number, Summary['units']>();
  const rows = await db
    .selectFrom('proposal_assignments as a')
    .innerJoin('handling_units as u', 'u.id', 'a.unit_id')
    .select(['a.id', 'a.proposal_id', 'a.unit_id', 'u.name', 'a.role', 'a.state', 'a.deadline'])
    .where('a.proposal_id', 'in', ids)
    .where('a.state', '!=', 'withdrawn')
    .orderBy('a.id')
    .execute();
  const out = new Map<number, Summary['units']>();
  for (const r of rows) {
    const list = out.get(r.proposal_id) ?? [];
    list.push({ assignmentId: r.id, unitId: r.unit_id, name: r.name, role: r.role, state: r.state, deadline: r.deadline });
    out.set(r.proposal_id, list);
  }
  return out;
}

const isOverdue = (a: { state: string; deadline: string }, day: string) => (OPEN as readonly string[]).includes(a.state) && a.deadline < day;

function present(r: SummaryRow, units: Summary['units']): Summary {
  const day = today();
  const label = r.session_number !== null && r.term_number !== null;
  return {
    id: r.id, organizationId: r.organization_id, sessionId: r.session_id, sessionLabel: label ? sessionLabel(r.term_number!, r.session_number!) : null,
    sessionLabel_en: label ? sessionLabelEn(r.term_number!, r.session_number!) : null,
    year: r.year, kind: r.kind, state: r.state, title: r.title, proposerName: r.proposer_name, memberId: r.member_id,
    sectorId: r.sector_id, sectorName: r.sector_name, categoryId: r.category_id, categoryName: r.category_name,
    number: r.number, numberLabel: label && r.number !== null ? numberLabel(r.term_number!, r.session_number!, r.number) : null,
    numberLabel_en: label && r.number !== null ? numberLabelEn(r.term_number!, r.session_number!, r.number) : null,
    isKey: r.is_key === 1, isPublic: r.is_public === 1, round: r.round, filedAt: r.filed_at, createdAt: r.created_at,
    units, overdue: units.some((u) => isOverdue(u, day)),
  };
}

export const COUNT_CAP = 1_000;

type Base = SelectQueryBuilder<Database & { p: Database['proposals'] }, 'p', object>;

/** A page of summaries of the proposals `base` selects, newest first, keyset by id. */
async function page(db: Trx, base: Base, q: { cursor?: string; limit: number }, order: 'p.id' | 'f.id' = 'p.id') {
  // Counting stops at COUNT_CAP: beyond it a count costs more than the page it describes.
  const counted = Number((await db.selectFrom(base.select(sql`1`.as('one')).limit(COUNT_CAP + 1).as('x')).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const total = Math.min(counted, COUNT_CAP);
  // The ids of the page first (one index walk, in the search index's own order when searching),
  // then the summaries of those few rows.
  let ids = base.select('p.id').orderBy(sql.ref(order), 'desc').limit(q.limit + 1);
  if (q.cursor) ids = ids.where(sql.ref(order), '<', Number(q.cursor));
  const pageIds = (await ids.execute()).map((r) => r.id);
  const found = pageIds.length ? await listedQuery(db).where('p.id', 'in', pageIds).orderBy('p.id', 'desc').execute() : [];
  const units = await unitLines(db, found.slice(0, q.limit).map((r) => r.id));
  return { ...toPage(found, q.limit, total, (r) => present(r, units.get(r.id) ?? [])), totalCapped: counted > COUNT_CAP };
}

/** Organizations where the caller reads all proposals: admin, staff or leader there or above. */
export function readerOrgs(ctx: Ctx): number[] {
  return visibleOrgs(ctx, ctx.actor!).filter((o) => hasRoleAt(ctx, ctx.actor!, ['admin', 'staff', 'leader'], o));
}

export async function listProposals(ctx: Ctx, q: z.infer<typeof s.listQuery>) {
  // One organization at a time (the caller's own unless they name another they read): every
  // filter is then one ordered index range.
  const readable = readerOrgs(ctx);
  const org = q.organizationId ?? (readable.includes(ctx.actor!.organizationId) ? ctx.actor!.organizationId : readable[0]);
  if (org === undefined || !readable.includes(org)) return { items: [], nextCursor: null, total: 0, totalCapped: false };
  const orgs = [org];
  // With a search term the query starts from the search index joined on the proposal id, so the
  // first page stops after its 20 matches however common the word (建议 is in every proposal).
  const match = q.q ? matchingIds(ctx.dialect, 'proposal', q.q) : null;
  if (q.q && !match) return { items: [], nextCursor: null, total: 0, totalCapped: false };
  const start = match ? (ctx.db.selectFrom(sql<{ id: number }>`(${match})`.as('f')).innerJoin('proposals as p', 'p.id', 'f.id') as unknown as Base) : (ctx.db.selectFrom('proposals as p') as Base);
  let base = start.where('p.organization_id', '=', org);
  base = q.state ? base.where('p.state', '=', q.state === 'draft' ? ('none' as ProposalState) : q.state) : base.where('p.state', '!=', 'draft');
  if (q.sessionId) base = base.where('p.session_id', '=', q.sessionId);
  if (q.categoryId) {
    // A category includes its subcategories.
    const children = await ctx.db.selectFrom('proposal_categories').select('id').where('parent_id', '=', q.categoryId).execute();
    base = base.where('p.category_id', 'in', [q.categoryId, ...children.map((c) => c.id)]);
  }
  if (q.sectorId) base = base.where('p.sector_id', '=', q.sectorId);
  if (q.kind) base = base.where('p.kind', '=', q.kind);
  if (q.year) base = base.where('p.year', '=', q.year);
  if (q.key !== undefined) base = base.where('p.is_key', '=', q.key ? 1 : 0);
  if (q.unitId) base = base.where('p.id', 'in', ctx.db.selectFrom('proposal_assignments').select('proposal_id').where('unit_id', '=', q.unitId).where('state', '!=', 'withdrawn'));
  if (q.dueWithin !== undefined) {
    // Due soon: an assignment still open whose deadline is today or within the next days (the overdue ones are the overdue filter's).
    const day = today();
    base = base.where('p.id', 'in', ctx.db.selectFrom('proposal_assignments as a').select('a.proposal_id').where('a.organization_id', 'in', orgs).where('a.state', 'in', OPEN)
      .where('a.deadline', '>=', day).where('a.deadline', '<=', addDays(day, q.dueWithin)));
  }
  if (q.overdue !== undefined) {
    // Overdue: the (usually few) late assignments drive the query. Not overdue: each candidate is
    // checked against its own assignments, instead of building the whole late list per page.
    const late = ctx.db.selectFrom('proposal_assignments as a').select('a.proposal_id').where('a.state', 'in', OPEN).where('a.deadline', '<', today());
    base = q.overdue
      ? base.where('p.id', 'in', late.where('a.organization_id', 'in', orgs))
      : base.where(({ not, exists }) => not(exists(late.where('a.proposal_id', '=', sql.ref<number>('p.id')))));
  }
  return page(ctx.db, base, q, match ? 'f.id' : 'p.id');
}

/** Ids of the proposals the account wrote or co-signs: a small set that drives the query. */
const ownIds = (db: Trx, userId: number, memberId: number | null, states: ('pending' | 'confirmed' | 'declined')[]) =>
  db
    .selectFrom('proposals')
    .select('id')
    .where('author_user_id', '=', userId)
    .union(db.selectFrom('proposal_cosigners as c').innerJoin('proposals as x', 'x.id', 'c.proposal_id').select('c.proposal_id as id').where('c.member_id', '=', memberId ?? -1).where('c.state', 'in', states).where('x.state', '!=', 'draft'));

/** The caller's own proposals: written by them, or co-signed (asked or confirmed). */
export async function myProposals(ctx: Ctx, q: z.infer<typeof s.mineQuery>) {
  const actor = ctx.actor!;
  let base = ctx.db.selectFrom('proposals as p').where('p.id', 'in', ownIds(ctx.db, actor.userId, actor.memberId, ['pending', 'confirmed'])) as Base;
  if (q.state) base = base.where('p.state', '=', q.state);
  return page(ctx.db, base, q);
}

const unitAssignments = (ctx: Ctx, states: readonly string[]) =>
  ctx.db.selectFrom('proposal_assignments').select('proposal_id').where('unit_id', '=', ctx.actor!.handlingUnitId ?? -1).where('state', 'in', states as never);

/** What is assigned to the caller's unit, by the state of its assignment. */
export async function assignedProposals(ctx: Ctx, q: z.infer<typeof s.assignedQuery>) {
  const base = ctx.db.selectFrom('proposals as p').where('p.id', 'in', unitAssignments(ctx, q.state ? [q.state] : ['assigned', 'signed', 'reassign_requested', 'replied'])) as Base;
  return page(ctx.db, base, q);
}

/** The proposals `base` selects, counted as a list counts them (up to COUNT_CAP). */
export async function countProposals(db: Trx, base: Base) {
  return Math.min(COUNT_CAP, Number((await db.selectFrom(base.select(sql`1`.as('one')).limit(COUNT_CAP + 1).as('x')).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n));
}

/** What waits on a member: co-signature requests, and replies to their proposals without their rating. */
export function memberQueues(ctx: Ctx) {
  const actor = ctx.actor!;
  const from = () => ctx.db.selectFrom('proposals as p') as Base;
  // A reply of this round to a proposal of mine (as a proposer) without my rating for its round.
  const unrated = ({ exists, selectFrom }: ExpressionBuilder<Database & { p: Database['proposals'] }, 'p'>) =>
    exists(
      selectFrom('proposal_replies as r')
        .select('r.id')
        .whereRef('r.proposal_id', '=', 'p.id')
        .where((r) => r.not(r.exists(r.selectFrom('proposal_evaluations as e').select('e.id').whereRef('e.assignment_id', '=', 'r.assignment_id').whereRef('e.round', '=', 'r.round').where('e.user_id', '=', actor.userId)))),
    );
  return {
    // Driven by the member's few requests and replies, never by a scan of every proposal's state.
    cosignRequests: from().where(
      'p.id',
      'in',
      ctx.db.selectFrom('proposal_cosigners as c').innerJoin('proposals as x', 'x.id', 'c.proposal_id').select('c.proposal_id').where('c.member_id', '=', actor.memberId ?? -1).where('c.state', '=', 'pending').where('x.state', '=', 'cosigning'),
    ),
    ratingsDue: from().where('p.id', 'in', ownIds(ctx.db, actor.userId, actor.memberId, ['confirmed'])).where('p.state', 'in', ['replied', 'evaluated']).where(unrated),
  };
}

/** The unit's proposals whose assignment is in one of `states`, optionally with a deadline in [from, to]. */
export function unitQueue(ctx: Ctx, states: readonly string[], deadline?: { from?: string; to?: string }) {
  let a = unitAssignments(ctx, states);
  if (deadline?.from) a = a.where('deadline', '>=', deadline.from);
  if (deadline?.to) a = a.where('deadline', '<=', deadline.to);
  return (ctx.db.selectFrom('proposals as p') as Base).where('p.id', 'in', a);
}

const SECTION = 20;
const section = async (ctx: Ctx, base: Base) => {
  const { items, total, totalCapped } = await page(ctx.db, base, { limit: SECTION });
  return { items, total, totalCapped };
};

export async function workbench(ctx: Ctx) {
  const actor = ctx.actor!;
  const has = (role: string) => actor.roles.some((r) => r.role === role);
  const from = () => ctx.db.selectFrom('proposals as p') as Base;
  const out: Record<string, unknown> = {};
  if (has('member')) {
    const mine = from().where('p.author_user_id', '=', actor.userId);
    const queues = memberQueues(ctx);
    out.member = {
      drafts: await section(ctx, mine.where('p.state', '=', 'draft')),
      filed: await section(ctx, mine.where('p.state', '!=', 'draft')),
      cosignRequests: await section(ctx, queues.cosignRequests),
      ratingsDue: await section(ctx, queues.ratingsDue),
    };
  }
  const offices = visibleOrgs(ctx, actor).filter((o) => hasRoleAt(ctx, actor, ['admin', 'staff'], o));
  if (offices.length) {
    const org = () => from().where('p.organization_id', 'in', offices);
    const assignments = ctx.db.selectFrom('proposal_assignments').select('proposal_id').where('organization_id', 'in', offices);
    out.staff = {
      reviewQueue: await section(ctx, org().where('p.state', '=', 'submitted')),
      toAssign: await section(ctx, org().where('p.state', '=', 'accepted')),
      overdue: await section(ctx, org().where('p.id', 'in', assignments.where('state', 'in', OPEN).where('deadline', '<', today()))),
      reassignRequests: await section(ctx, org().where('p.id', 'in', assignments.where('state', '=', 'reassign_requested'))),
    };
  }
  if (has('unit') && actor.handlingUnitId !== null) {
    const soon = chinaDate(new Date(Date.now() + 30 * 86_400_000));
    out.unit = {
      toSign: await section(ctx, from().where('p.id', 'in', unitAssignments(ctx, ['assigned']))),
      handling: await section(ctx, from().where('p.id', 'in', unitAssignments(ctx, ['signed']))),
      dueSoon: await section(ctx, from().where('p.id', 'in', unitAssignments(ctx, ['assigned', 'signed']).where('deadline', '<=', soon))),
    };
  }
  return out;
}

const fileColumns = ['files.id', 'files.name', 'files.mime', 'files.size'] as const;

/** The detail of a proposal, or null when it does not exist or the caller may not see it. */
export async function findProposal(ctx: Ctx, id: number) {
  const { db } = ctx;
  const r = await summaryQuery(db).where('p.id', '=', id).executeTakeFirst();
  if (!r) return null;
  const st = await standing(ctx, db, r as ProposalRow);
  if (!mayRead(st)) return null;
  const [cosigners, units, files, suggested, categoryRows, rejection, mergedInto, merged, conversion, assignments, contacts, assists, replies, evaluations] = await Promise.all([
    db.selectFrom('proposal_cosigners as c').innerJoin('members as m', 'm.id', 'c.member_id').select(['c.member_id', 'm.name', 'c.state', 'c.answered_at']).where('c.proposal_id', '=', id).orderBy('m.id').execute(),
    unitLines(db, [id]),
    db.selectFrom('proposal_files as f').innerJoin('files', 'files.id', 'f.file_id').select(fileColumns).where('f.proposal_id', '=', id).orderBy('files.created_at').execute(),
    db.selectFrom('proposal_suggested_units as s').innerJoin('handling_units as u', 'u.id', 's.unit_id').select(['u.id', 'u.name']).where('s.proposal_id', '=', id).orderBy('u.sort').execute(),
    r.category_id === null ? [] : db.selectFrom('proposal_categories').select(['id', 'parent_id', 'name']).where('organization_id', '=', r.organization_id).execute(),
    r.reject_reason_id === null && r.reject_text === null ? null : db.selectFrom('proposal_reject_reasons').select('text').where('id', '=', r.reject_reason_id ?? -1).executeTakeFirst(),
    db.selectFrom('proposal_merges as m').innerJoin('proposals as t', 't.id', 'm.target_id').select(['t.id', 't.title', 't.number', 't.session_id']).where('m.source_id', '=', id).executeTakeFirst(),
    db.selectFrom('proposal_merges as m').innerJoin('proposals as x', 'x.id', 'm.source_id').select(['x.id', 'x.title', 'x.proposer_name']).where('m.target_id', '=', id).orderBy('x.id').execute(),
    db.selectFrom('proposal_conversions').select(['opinion_id', 'converted_at']).where('proposal_id', '=', id).executeTakeFirst(),
    db.selectFrom('proposal_assignments as a').innerJoin('handling_units as u', 'u.id', 'a.unit_id').selectAll('a').select('u.name as unit_name').where('a.proposal_id', '=', id).orderBy('a.id').execute(),
    db.selectFrom('proposal_contacts as c').innerJoin('proposal_assignments as a', 'a.id', 'c.assignment_id').innerJoin('handling_units as u', 'u.id', 'a.unit_id').selectAll('c').select('u.name as unit_name').where('c.proposal_id', '=', id).orderBy('c.id').execute(),
    db.selectFrom('proposal_assist_opinions as o').innerJoin('proposal_assignments as a', 'a.id', 'o.assignment_id').innerJoin('handling_units as u', 'u.id', 'a.unit_id').leftJoin('files', 'files.id', 'o.file_id')
      .selectAll('o').select(['u.name as unit_name', 'files.name as file_name', 'files.mime as file_mime', 'files.size as file_size']).where('o.proposal_id', '=', id).orderBy('o.id').execute(),
    db.selectFrom('proposal_replies as x').innerJoin('proposal_assignments as a', 'a.id', 'x.assignment_id').innerJoin('handling_units as u', 'u.id', 'a.unit_id').leftJoin('files', 'files.id', 'x.letter_file_id')
      .selectAll('x').select(['u.name as unit_name', 'files.name as file_name', 'files.mime as file_mime', 'files.size as file_size']).where('x.proposal_id', '=', id).orderBy('x.id').execute(),
    db.selectFrom('proposal_evaluations as e').innerJoin('users', 'users.id', 'e.user_id').selectAll('e').select('users.display_name').where('e.proposal_id', '=', id).orderBy('e.id').execute(),
  ]);
  const day = today();
  const path: string[] = [];
  for (let c = categoryRows.find((x) => x.id === r.category_id); c; c = categoryRows.find((x) => x.id === c!.parent_id)) path.unshift(c.name);
  let target: { id: number; title: string; numberLabel: string | null } | null = null;
  if (mergedInto) {
    const t = mergedInto.session_id === null ? undefined : await db.selectFrom('sessions as se').innerJoin('terms as t', 't.id', 'se.term_id').select(['se.number as s', 't.number as t']).where('se.id', '=', mergedInto.session_id).executeTakeFirst();
    target = { id: mergedInto.id, title: mergedInto.title, numberLabel: t && mergedInto.number !== null ? numberLabel(t.t, t.s, mergedInto.number) : null };
  }
  const collective = r.collective_kind && r.collective_id ? { kind: r.collective_kind, id: r.collective_id, name: r.proposer_name } : null;
  const file = (f: { file_id?: string | null; letter_file_id?: string | null; file_name: string | null; file_mime: string | null; file_size: number | null }) => {
    const fid = f.file_id ?? f.letter_file_id;
    return fid && f.file_name ? { id: fid, name: f.file_name, mime: f.file_mime!, size: Number(f.file_size) } : null;
  };
  // A unit sees its own assignments' work; the proposers, the office and leaders see all of it.
  const visible = <T extends { assignment_id: number }>(rows: T[]) => rows.filter((x) => seesWork(st, assignments, x.assignment_id));
  return {
    ...present(r, units.get(id) ?? []),
    reasons: r.reasons,
    suggestions: r.suggestions,
    categoryPath: path,
    collective,
    cosigners: cosigners.map((c) => ({ memberId: c.member_id, name: c.name, state: c.state, answeredAt: c.answered_at })),
    suggestedUnits: suggested,
    files: files.map((f) => ({ ...f, size: Number(f.size) })),
    rejection: rejection === null ? null : { reasonId: r.reject_reason_id, reason: rejection?.text ?? null, text: r.reject_text },
    mergedInto: target,
    mergedProposals: merged.map((m) => ({ id: m.id, title: m.title, proposerName: m.proposer_name })),
    conversion: conversion ? { opinionId: conversion.opinion_id, convertedAt: conversion.converted_at } : null,
    assignments: assignments.map((a) => ({
      id: a.id, unitId: a.unit_id, unitName: a.unit_name, role: a.role, state: a.state, round: a.round, deadline: a.deadline, overdue: isOverdue(a, day),
      reassignReason: a.reassign_reason, assignedAt: a.assigned_at, signedAt: a.signed_at, repliedAt: a.replied_at,
      abilities: assignmentAbilities(assignmentRelations(ctx, r as ProposalRow, a.unit_id), a, r.state),
    })),
    contacts: visible(contacts).map((c) => ({ id: c.id, assignmentId: c.assignment_id, unitName: c.unit_name, contactedOn: c.contacted_on, way: c.way, summary: c.summary })),
    assistOpinions: visible(assists).map((o) => ({ id: o.id, assignmentId: o.assignment_id, unitName: o.unit_name, round: o.round, text: o.text, file: file(o), createdAt: o.created_at })),
    replies: replies.map((x) => ({
      id: x.id, assignmentId: x.assignment_id, unitName: x.unit_name, round: x.round, class: x.class, classReason: x.class_reason, letterText: x.letter_text, letterFile: file(x), repliedAt: x.replied_at,
    })),
    evaluations: visible(evaluations).map((e) => ({
      id: e.id, assignmentId: e.assignment_id, round: e.round, userName: e.display_name, mine: e.user_id === ctx.actor!.userId, result: e.result, comment: e.comment, createdAt: e.created_at,
    })),
    abilities: abilities(st.relations, { state: r.state, kind: r.kind, pendingCosigners: st.pendingCosigners }),
  };
}

const labelOf = (action: string) => {
  if (action.startsWith('assignment.')) return assignmentWorkflow[action.slice(11) as AssignmentEvent]?.label;
  const extra: Record<string, { zh: string; en: string }> = {
    create: { zh: '起草', en: 'Drafted' }, edit: { zh: '修改草稿', en: 'Draft edited' }, number: { zh: '编号', en: 'Numbered' },
    cosign_confirm: { zh: '确认附议', en: 'Co-signer confirmed' }, cosign_decline: { zh: '拒绝附议', en: 'Co-signer declined' },
    merge_in: { zh: '并入提案', en: 'Proposals merged in' }, remind: { zh: '提醒办理期限', en: 'Deadline reminder sent' },
  };
  return extra[action] ?? followupActions[action] ?? workflow[action as ProposalEvent]?.label;
};

export async function timeline(db: Trx, id: number) {
  const rows = await db.selectFrom('audit_log').select(['at', 'action', 'actor_name', 'after']).where('entity_type', '=', 'proposal').where('entity_id', '=', String(id)).orderBy('id').execute();
  return rows.map((r) => {
    const label = labelOf(r.action) ?? { zh: r.action, en: r.action };
    return { at: r.at, action: r.action, label: label.zh, label_en: label.en, actorName: r.actor_name, detail: r.after ? JSON.parse(r.after) : null };
  });
}

export const stateText = (state: ProposalState) => stateLabels[state];
