// What the follow-up of a proposal shares: who counts as the office and as the proposal
// committee, which states count as accepted, the proposal a follow-up command works on, and its
// audit entry (written on the proposal, so that it shows on the proposal's timeline).
import { audit } from '../../platform/audit.js';
import { hasRoleAt, type Actor, type Ctx, type Services, type Trx } from '../../platform/context.js';
import type { ProposalState } from '../../platform/db/types.js';
import { conflict, forbidden, notFound, type Text } from '../../platform/errors.js';
import { isOffice } from './access.js';
import { stateLabels } from './workflow.js';
import type { AuditAction } from '../../platform/audit.js';
import { replaceDuty } from '../duty/service.js';
import { proposalsDuty } from './duty.js';

/** The states of a proposal that was accepted (立案) and is still its own case. */
export const ACCEPTED_STATES: readonly ProposalState[] = ['accepted', 'handling', 'replied', 'evaluated', 'closed'];
/** The states in which a unit still owes an answer on an assignment. */
export const OPEN_ASSIGNMENT_STATES = ['assigned', 'signed', 'reassign_requested'] as const;

/**
 * The proposal committee (提案委员会) rates proposals' quality and selects excellent proposals:
 * an admin, or a staff member whose department is the committee's office (提案委员会办公室 or
 * the committee itself), at the proposal's organization or above.
 */
export function isCommittee(services: Services, actor: Actor, organizationId: number): boolean {
  if (hasRoleAt(services, actor, ['admin'], organizationId)) return true;
  return hasRoleAt(services, actor, ['staff'], organizationId) && !!actor.department?.includes('提案委员会');
}

const missing = () => notFound({ zh: '提案不存在', en: 'No such proposal' });

/** The proposal, if the office of its organization (or one above) is acting; else not found. */
export async function officeProposal(ctx: Ctx, db: Trx, id: number, opts: { committee?: boolean; forUpdate?: boolean } = {}) {
  let q = db.selectFrom('proposals').select(['id', 'organization_id', 'state', 'year', 'title', 'number', 'is_key', 'is_public', 'session_id']).where('id', '=', id);
  if (opts.forUpdate && ctx.dialect === 'postgres') q = q.forUpdate();
  const p = await q.executeTakeFirst();
  if (!p || !isOffice(ctx, p.organization_id)) throw missing();
  if (opts.committee && !isCommittee(ctx, ctx.actor!, p.organization_id))
    throw forbidden({ zh: '只有提案委员会可以评定提案质量', en: 'Only the proposal committee rates proposals' });
  return p;
}

/** Refuses a follow-up step on a proposal that was not accepted: 409 naming the current state. */
export function requireAccepted(p: { state: ProposalState }) {
  if (!ACCEPTED_STATES.includes(p.state)) {
    const label = stateLabels[p.state];
    throw conflict({ zh: `提案当前状态为“${label.zh}”，只有已立案的提案可以进行此操作`, en: `The proposal is ${label.en.toLowerCase()}; only accepted proposals allow this` });
  }
}

export async function auditProposal(trx: Trx, ctx: Ctx, p: { id: number; organization_id: number }, action: AuditAction, before: unknown, after: unknown) {
  await audit(trx, ctx, { action, entityType: 'proposal', entityId: p.id, organizationId: p.organization_id, before, after });
  // A follow-up step (key, excellent) may change what the proposal counts for its members.
  await replaceDuty(trx, proposalsDuty, [p.id]);
}

/** A date some days on; deadlines are dates in China (chinaDate). */

/** How the timeline names the follow-up steps (the audit actions written above). */
export const followupActions: Record<string, Text> = {
  mark_key: { zh: '列为重点提案', en: 'Marked key proposal' },
  unmark_key: { zh: '取消重点提案', en: 'No longer a key proposal' },
  set_sponsors: { zh: '确定领办领导', en: 'Sponsors set' },
  progress_meeting: { zh: '督办会议', en: 'Progress meeting' },
  progress_note: { zh: '督办记录', en: 'Progress note' },
  rate_quality: { zh: '评定提案质量', en: 'Quality rated' },
  select_excellent: { zh: '评为优秀提案', en: 'Selected as excellent' },
  unselect_excellent: { zh: '取消优秀提案', en: 'Excellent selection withdrawn' },
  rate_unit: { zh: '评价办理质量', en: "Unit's handling rated" },
  disclose: { zh: '公开设置', en: 'Public disclosure changed' },
};
