// How the acting account stands to a proposal: the one place that decides who may read it and
// which workflow relations (author, proposer, co-signer, office, unit) the account holds.
import { hasRoleAt, type Ctx, type Trx } from '../../platform/context.js';
import type { ProposalTable } from '../../platform/db/types.js';
import type { AssignmentRelation, Relation } from './workflow.js';

export type ProposalRow = Omit<ProposalTable, 'id' | 'round' | 'is_key' | 'is_public'> & { id: number; round: number; is_key: number; is_public: number };

export interface Standing {
  relations: Set<Relation>;
  /** The caller's unit's live assignments on this proposal. */
  unitAssignmentIds: number[];
  leader: boolean;
  /** A proposer of a proposal merged into this one. */
  mergedProposer: boolean;
  pendingCosigners: number;
}

export const isOffice = (ctx: Ctx, organizationId: number) => !!ctx.actor && hasRoleAt(ctx, ctx.actor, ['admin', 'staff'], organizationId);

export async function standing(ctx: Ctx, db: Trx, row: ProposalRow): Promise<Standing> {
  const actor = ctx.actor!;
  const relations = new Set<Relation>();
  const cosigners = await db.selectFrom('proposal_cosigners').select(['member_id', 'state']).where('proposal_id', '=', row.id).execute();
  const author = row.author_user_id === actor.userId;
  if (author) relations.add('author').add('proposer');
  const mine = actor.memberId !== null ? cosigners.find((c) => c.member_id === actor.memberId) : undefined;
  if (mine?.state === 'confirmed' && row.state !== 'draft') relations.add('proposer');
  if (mine?.state === 'pending' && row.state === 'cosigning') relations.add('cosigner');
  if (row.state !== 'draft' && isOffice(ctx, row.organization_id)) relations.add('office');
  const leader = row.state !== 'draft' && hasRoleAt(ctx, actor, ['leader'], row.organization_id);
  let unitAssignmentIds: number[] = [];
  if (actor.handlingUnitId !== null && actor.roles.some((r) => r.role === 'unit') && !['draft', 'cosigning', 'submitted'].includes(row.state)) {
    const rows = await db
      .selectFrom('proposal_assignments')
      .select('id')
      .where('proposal_id', '=', row.id)
      .where('unit_id', '=', actor.handlingUnitId)
      .where('state', '!=', 'withdrawn')
      .execute();
    unitAssignmentIds = rows.map((r) => r.id);
  }
  let mergedProposer = false;
  if (!author && !relations.has('office') && !leader && row.state !== 'draft') {
    const sources = await db
      .selectFrom('proposal_merges as m')
      .innerJoin('proposals as p', 'p.id', 'm.source_id')
      .leftJoin('proposal_cosigners as c', (j) => j.onRef('c.proposal_id', '=', 'p.id').on('c.state', '=', 'confirmed'))
      .select(['p.author_user_id', 'c.member_id'])
      .where('m.target_id', '=', row.id)
      .execute();
    mergedProposer = sources.some((s) => s.author_user_id === actor.userId || (actor.memberId !== null && s.member_id === actor.memberId));
  }
  return { relations, unitAssignmentIds, leader, mergedProposer, pendingCosigners: cosigners.filter((c) => c.state === 'pending').length };
}

/** Nobody but the author sees a draft; a declined co-signer has dropped off. */
export function mayRead(s: Standing): boolean {
  return s.relations.size > 0 || s.leader || s.unitAssignmentIds.length > 0 || s.mergedProposer;
}

/**
 * Whether the caller sees the work of an assignment (contacts, assisting opinions, replies): a unit
 * alone sees its own assignments' and, as lead unit, what its assisting units sent; the proposers,
 * the office and leaders see all of it.
 */
export function seesWork(s: Standing, assignments: { id: number; role: string }[], assignmentId: number): boolean {
  const unitOnly = s.unitAssignmentIds.length > 0 && s.relations.size === 0 && !s.leader;
  if (!unitOnly || s.unitAssignmentIds.includes(assignmentId)) return true;
  const lead = assignments.some((a) => a.role === 'lead' && s.unitAssignmentIds.includes(a.id));
  return lead && assignments.some((a) => a.id === assignmentId && a.role === 'assisting');
}

export function assignmentRelations(ctx: Ctx, row: ProposalRow, unitId: number): Set<AssignmentRelation> {
  const actor = ctx.actor!;
  const out = new Set<AssignmentRelation>();
  if (actor.handlingUnitId === unitId && actor.roles.some((r) => r.role === 'unit')) out.add('unit');
  if (isOffice(ctx, row.organization_id)) out.add('office');
  return out;
}
