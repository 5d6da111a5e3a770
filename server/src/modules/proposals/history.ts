// Proposals of past years brought in from a spreadsheet: the lookups an import checks its rows
// against, and the insert that writes them with their original dates. Imported proposals are
// closed cases (no open assignment, no deadline ahead), so no reminder job ever picks them up, and
// the session's counter moves past their numbers so that a later acceptance takes the next free one.
import { sql } from 'kysely';
import type { Trx } from '../../platform/context.js';
import { insertRow } from '../../platform/db/insert.js';
import { indexProposal } from './commands.js';
import type { AssignmentRole, ProposalKind, ProposalState, ReplyClass } from '../../platform/db/types.js';

export async function proposalImportLookups(db: Trx, organizationId: number) {
  const [sessions, members, categories, units, groups, numbers] = await Promise.all([
    db.selectFrom('sessions as se').innerJoin('terms as t', 't.id', 'se.term_id').select(['se.id', 'se.number', 't.number as term']).where('t.organization_id', '=', organizationId).execute(),
    db.selectFrom('members').select(['id', 'name', 'sector_id']).where('organization_id', '=', organizationId).execute(),
    db.selectFrom('proposal_categories').select(['id', 'name']).where('organization_id', '=', organizationId).execute(),
    db.selectFrom('handling_units').select(['id', 'name']).where('organization_id', '=', organizationId).execute(),
    db.selectFrom('party_groups').select(['id', 'name']).where('organization_id', '=', organizationId).execute(),
    db.selectFrom('proposals').select(['session_id', 'number']).where('organization_id', '=', organizationId).where('number', 'is not', null).execute(),
  ]);
  return {
    session: new Map(sessions.map((s) => [`${s.term}-${s.number}`, s.id])),
    /** A name shared by two members is ambiguous: it maps to null. */
    member: members.reduce((m, r) => m.set(r.name, m.has(r.name) ? null : r), new Map<string, { id: number; sector_id: number } | null>()),
    category: new Map(categories.map((c) => [c.name, c.id])),
    unit: new Map(units.map((u) => [u.name, u.id])),
    partyGroup: new Map(groups.map((g) => [g.name, g.id])),
    taken: new Set(numbers.map((n) => `${n.session_id}-${n.number}`)),
  };
}

export interface ImportedProposal {
  sessionId: number;
  number: number | null;
  title: string;
  text: string;
  kind: ProposalKind;
  state: ProposalState;
  memberId: number | null;
  cosignerIds: number[];
  partyGroupId: number | null;
  proposerName: string;
  sectorId: number | null;
  categoryId: number | null;
  units: { unitId: number; role: AssignmentRole }[];
  replyClass: ReplyClass | null;
  filedAt: string;
  reviewedAt: string | null;
  assignedAt: string | null;
  repliedAt: string | null;
  closedAt: string | null;
}

export async function insertImportedProposal(trx: Trx, organizationId: number, authorUserId: number, p: ImportedProposal): Promise<number> {
  const year = Number(p.filedAt.slice(0, 4));
  const id = await insertRow(trx, 'proposals', {
    organization_id: organizationId, session_id: p.sessionId, year, kind: p.kind, state: p.state, author_user_id: authorUserId,
    member_id: p.memberId, collective_kind: p.partyGroupId ? 'party_group' : null, collective_id: p.partyGroupId, proposer_name: p.proposerName,
    sector_id: p.sectorId, category_id: p.categoryId, title: p.title, reasons: p.text, suggestions: '', number: p.number, round: 1, is_key: 0, is_public: 0,
    filed_at: p.filedAt, reviewed_at: p.reviewedAt, reviewed_by: null, assigned_at: p.assignedAt, closed_at: p.closedAt,
    created_at: p.filedAt, updated_at: p.closedAt ?? p.repliedAt ?? p.filedAt,
  }, true);
  for (const m of p.cosignerIds) await insertRow(trx, 'proposal_cosigners', { proposal_id: id, member_id: m, state: 'confirmed', answered_at: p.filedAt });
  for (const u of p.units) {
    const at = p.assignedAt ?? p.reviewedAt ?? p.filedAt;
    const assignmentId = await insertRow(trx, 'proposal_assignments', {
      proposal_id: id, organization_id: organizationId, unit_id: u.unitId, role: u.role, state: 'replied', round: 1,
      deadline: (p.repliedAt ?? at).slice(0, 10), assigned_by: null, assigned_at: at, signed_at: at, replied_at: p.repliedAt ?? at, updated_at: p.repliedAt ?? at,
    }, true);
    if (p.replyClass && p.repliedAt && u.role !== 'assisting')
      await insertRow(trx, 'proposal_replies', { assignment_id: assignmentId, proposal_id: id, round: 1, class: p.replyClass, letter_text: '（历史数据导入）', replied_by: null, replied_at: p.repliedAt });
  }
  // Found by the list's search and by the similar-proposal check, as a live one is.
  await indexProposal(trx, { id, title: p.title, reasons: p.text, suggestions: '' });
  if (p.number !== null) {
    await trx.insertInto('proposal_counters').values({ session_id: p.sessionId, last_number: p.number }).onConflict((oc) => oc.column('session_id').doUpdateSet({
      last_number: sql<number>`case when proposal_counters.last_number > excluded.last_number then proposal_counters.last_number else excluded.last_number end`,
    })).execute();
  }
  return id;
}
