// The public service of proposals: what reminders, documents, disclosure and statistics (and other
// modules) read. Functions taking a Ctx apply the caller's scope; those taking a db are for jobs
// and documents that have already checked who may see what.
import { notFound } from '../../platform/errors.js';
import type { Ctx, Trx } from '../../platform/context.js';
import { addDays } from '../../platform/time.js';
import type { AssignmentRole, AssignmentState, ProposalKind, ProposalState } from '../../platform/db/types.js';
import { numberLabel, numberLabelEn, sessionLabel, sessionLabelEn } from './numbering.js';
import { findProposal, listProposals, readerOrgs, timeline } from './queries.js';
import { isOffice } from './access.js';

export { TOPIC as PROPOSAL_CHANGED, type ChangeEvent } from './commands.js';
export { numberLabel, sessionLabel, chineseNumber } from './numbering.js';
export { stateLabels, workflow, assignmentWorkflow } from './workflow.js';
export { similarTo } from './similar.js';
export { isOffice, listProposals, readerOrgs, timeline };

/** The proposal's detail as the caller may see it; null when it does not exist or is out of scope. */
export const proposalForActor = (ctx: Ctx, id: number) => findProposal(ctx, id);

/** The same, answering 404 out of scope. */
export async function requireProposal(ctx: Ctx, id: number) {
  const found = await findProposal(ctx, id);
  if (!found) throw notFound({ zh: '提案不存在', en: 'No such proposal' });
  return found;
}

export interface ProposalFacts {
  id: number;
  organizationId: number;
  title: string;
  reasons: string;
  suggestions: string;
  state: ProposalState;
  kind: ProposalKind;
  year: number;
  number: number | null;
  numberLabel: string | null;
  sessionLabel: string | null;
  sessionLabel_en: string | null;
  proposerName: string;
  /** The first proposer (or the collective body) and the co-signers who confirmed, in order. */
  proposers: { name: string; sector: string | null }[];
  categoryName: string | null;
  sectorName: string | null;
  isKey: boolean;
  isPublic: boolean;
  units: { unitId: number; name: string; role: AssignmentRole; state: AssignmentState; deadline: string }[];
}

/** What documents and the public page print of proposals, without scope checks. */
export async function proposalFacts(db: Trx, ids: number[]): Promise<ProposalFacts[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('proposals as p')
    .leftJoin('sessions as se', 'se.id', 'p.session_id')
    .leftJoin('terms as t', 't.id', 'se.term_id')
    .leftJoin('sectors as sc', 'sc.id', 'p.sector_id')
    .leftJoin('proposal_categories as c', 'c.id', 'p.category_id')
    .select(['p.id', 'p.organization_id', 'p.title', 'p.reasons', 'p.suggestions', 'p.state', 'p.kind', 'p.year', 'p.number', 'p.proposer_name', 'p.is_key', 'p.is_public', 'p.member_id'])
    .select(['se.number as session_number', 't.number as term_number', 'sc.name as sector_name', 'c.name as category_name'])
    .where('p.id', 'in', ids)
    .execute();
  const cosigners = await db
    .selectFrom('proposal_cosigners as c')
    .innerJoin('members as m', 'm.id', 'c.member_id')
    .leftJoin('sectors as sc', 'sc.id', 'm.sector_id')
    .select(['c.proposal_id', 'm.name', 'sc.name as sector'])
    .where('c.proposal_id', 'in', ids)
    .where('c.state', '=', 'confirmed')
    .orderBy('m.id')
    .execute();
  const units = await db
    .selectFrom('proposal_assignments as a')
    .innerJoin('handling_units as u', 'u.id', 'a.unit_id')
    .select(['a.proposal_id', 'a.unit_id', 'u.name', 'a.role', 'a.state', 'a.deadline'])
    .where('a.proposal_id', 'in', ids)
    .where('a.state', '!=', 'withdrawn')
    .orderBy('a.id')
    .execute();
  const byId = new Map(
    rows.map((r) => {
      const label = r.term_number !== null && r.session_number !== null;
      return [
        r.id,
        {
          id: r.id, organizationId: r.organization_id, title: r.title, reasons: r.reasons, suggestions: r.suggestions, state: r.state, kind: r.kind, year: r.year,
          number: r.number, numberLabel: label && r.number !== null ? numberLabel(r.term_number!, r.session_number!, r.number) : null,
          sessionLabel: label ? sessionLabel(r.term_number!, r.session_number!) : null,
          sessionLabel_en: label ? sessionLabelEn(r.term_number!, r.session_number!) : null, proposerName: r.proposer_name,
          proposers: [{ name: r.proposer_name, sector: r.sector_name }, ...cosigners.filter((c) => c.proposal_id === r.id).map((c) => ({ name: c.name, sector: c.sector }))],
          categoryName: r.category_name, sectorName: r.sector_name, isKey: r.is_key === 1, isPublic: r.is_public === 1,
          units: units.filter((u) => u.proposal_id === r.id).map((u) => ({ unitId: u.unit_id, name: u.name, role: u.role, state: u.state, deadline: u.deadline })),
        } satisfies ProposalFacts,
      ];
    }),
  );
  return ids.map((id) => byId.get(id)).filter((x): x is ProposalFacts => !!x);
}

export interface DueAssignment {
  assignmentId: number;
  proposalId: number;
  organizationId: number;
  unitId: number;
  unitName: string;
  role: AssignmentRole;
  state: AssignmentState;
  round: number;
  deadline: string;
  title: string;
  number: number | null;
  numberLabel: string | null;
}

/**
 * Open assignments (not replied, not withdrawn) whose deadline lies in [from, to] (YYYY-MM-DD),
 * of the proposals being handled: what reminders and the overdue list are built from.
 */
export async function assignmentsDueBetween(db: Trx, from: string, to: string, opts: { organizationIds?: number[] } = {}): Promise<DueAssignment[]> {
  if (opts.organizationIds && opts.organizationIds.length === 0) return [];
  let q = db
    .selectFrom('proposal_assignments as a')
    .innerJoin('proposals as p', 'p.id', 'a.proposal_id')
    .innerJoin('handling_units as u', 'u.id', 'a.unit_id')
    .leftJoin('sessions as se', 'se.id', 'p.session_id')
    .leftJoin('terms as t', 't.id', 'se.term_id')
    .select(['a.id', 'a.proposal_id', 'a.organization_id', 'a.unit_id', 'u.name as unit_name', 'a.role', 'a.state', 'a.round', 'a.deadline', 'p.title', 'p.number', 'se.number as session_number', 't.number as term_number'])
    .where('a.state', 'in', ['assigned', 'signed', 'reassign_requested'])
    .where('p.state', '=', 'handling')
    .where('a.deadline', '>=', from)
    .where('a.deadline', '<=', to);
  if (opts.organizationIds) q = q.where('a.organization_id', 'in', opts.organizationIds);
  const rows = await q.orderBy('a.deadline').orderBy('a.id').execute();
  return rows.map((r) => ({
    assignmentId: r.id, proposalId: r.proposal_id, organizationId: r.organization_id, unitId: r.unit_id, unitName: r.unit_name, role: r.role, state: r.state, round: r.round,
    deadline: r.deadline, title: r.title, number: r.number,
    numberLabel: r.term_number !== null && r.session_number !== null && r.number !== null ? numberLabel(r.term_number, r.session_number, r.number) : null,
  }));
}

/** Open assignments whose deadline has passed (before `today`). */
export const overdueAssignments = (db: Trx, today: string, opts: { organizationIds?: number[] } = {}) => assignmentsDueBetween(db, '0000-01-01', addDays(today, -1), opts);

/** The accounts to tell about a proposal: its author and the accounts of its confirmed co-signers. */
export async function proposerUserIds(db: Trx, proposalId: number): Promise<number[]> {
  const p = await db.selectFrom('proposals').select('author_user_id').where('id', '=', proposalId).executeTakeFirst();
  if (!p) return [];
  const co = await db
    .selectFrom('proposal_cosigners as c')
    .innerJoin('users as u', 'u.member_id', 'c.member_id')
    .select('u.id')
    .where('c.proposal_id', '=', proposalId)
    .where('c.state', '=', 'confirmed')
    .where('u.status', '=', 'active')
    .execute();
  return [...new Set([p.author_user_id, ...co.map((c) => c.id)])];
}

/** The active accounts of a handling unit. */
export async function unitUserIds(db: Trx, unitId: number): Promise<number[]> {
  const rows = await db.selectFrom('users').select('id').where('handling_unit_id', '=', unitId).where('status', '=', 'active').execute();
  return rows.map((r) => r.id);
}

/** Whether the caller is admin or staff of the proposal's organization (or above). */
export async function isOfficeFor(ctx: Ctx, proposalId: number): Promise<boolean> {
  const p = await ctx.db.selectFrom('proposals').select(['organization_id', 'state']).where('id', '=', proposalId).executeTakeFirst();
  return !!p && p.state !== 'draft' && isOffice(ctx, p.organization_id);
}

export { proposalImportLookups, insertImportedProposal, type ImportedProposal } from './history.js';

/** How other pages name proposals: the number where it has one (in both languages), and the title. */
export async function proposalNames(db: Trx, ids: number[]) {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('proposals as p')
    .leftJoin('sessions as se', 'se.id', 'p.session_id')
    .leftJoin('terms as t', 't.id', 'se.term_id')
    .select(['p.id', 'p.title', 'p.number', 'se.number as session_number', 't.number as term_number'])
    .where('p.id', 'in', ids)
    .execute();
  return rows.map((r) => {
    const numbered = r.number !== null && r.session_number !== null && r.term_number !== null;
    return {
      id: r.id,
      title: r.title,
      numberLabel: numbered ? numberLabel(r.term_number!, r.session_number!, r.number!) : null,
      numberLabel_en: numbered ? numberLabelEn(r.term_number!, r.session_number!, r.number!) : null,
    };
  });
}
