// In-app notifications of a proposal's steps, from the change events its commands write to the
// outbox in their transaction: co-signers asked, proposers told of the review and of the replies,
// units told of what was assigned (or reassigned) to them. The outbox worker runs each event once
// across processes, after its change committed, and even after a database restart.
import type { Trx } from '../../platform/context.js';
import type { OutboxHandlers } from '../../platform/outbox.js';
import type { Text } from '../../platform/errors.js';
import { notifyUnits, notifyUsers, type Note } from '../notifications/service.js';
import { proposerUserIds, type ChangeEvent } from './service.js';
import { NOTIFY_TOPIC } from './commands.js';

type Plan = { users?: number[]; units?: number[]; kind: string; title: Text; body: Text };

async function plan(db: Trx, e: ChangeEvent, p: { title: string }): Promise<Plan | null> {
  const d = (e.detail ?? {}) as Record<string, unknown>;
  const proposers = () => proposerUserIds(db, e.proposalId);
  const about = `《${p.title}》`;
  switch (e.event) {
    case 'file': {
      if (e.to !== 'cosigning') return null;
      const asked = await db.selectFrom('proposal_cosigners as c').innerJoin('users as u', 'u.member_id', 'c.member_id').select('u.id')
        .where('c.proposal_id', '=', e.proposalId).where('c.state', '=', 'pending').execute();
      return { users: asked.map((u) => u.id), kind: 'proposal.cosign_request', title: { zh: '请确认联名提案', en: 'Please answer a co-signing request' }, body: { zh: `请确认是否附议提案${about}。`, en: `Please confirm or decline co-signing "${p.title}".` } };
    }
    case 'accept':
      return { users: await proposers(), kind: 'proposal.accepted', title: { zh: '提案已立案', en: 'Proposal accepted' }, body: { zh: `您的提案${about}已立案。`, en: `Your proposal "${p.title}" was accepted.` } };
    case 'reject':
      return { users: await proposers(), kind: 'proposal.rejected', title: { zh: '提案不予立案', en: 'Proposal not accepted' }, body: { zh: `您的提案${about}不予立案：${String(d.reason ?? '')}。${String(d.text ?? '')}`, en: `Your proposal "${p.title}" was not accepted: ${String(d.reason ?? '')}. ${String(d.text ?? '')}` } };
    case 'merge':
      return { users: await proposers(), kind: 'proposal.merged', title: { zh: '提案已并案办理', en: 'Proposal merged' }, body: { zh: `您的提案${about}已与其他提案并案办理。`, en: `Your proposal "${p.title}" is handled together with another one.` } };
    case 'convert':
      return { users: await proposers(), kind: 'proposal.converted', title: { zh: '提案转为社情民意信息', en: 'Proposal converted' }, body: { zh: `您的提案${about}已转为社情民意信息办理。`, en: `Your proposal "${p.title}" was converted into a public-opinion report.` } };
    case 'assign':
    case 'another_round': {
      const units = e.event === 'assign' ? ((d.units as { unitId: number }[] | undefined) ?? []).map((u) => u.unitId) : await unitsOf(db, (d.assignments as number[] | undefined) ?? []);
      return { units, kind: 'proposal.assigned', title: { zh: '有新交办的提案', en: 'A proposal was assigned to your unit' }, body: { zh: `提案${about}已交办贵单位，请及时签收办理。`, en: `"${p.title}" was assigned to your unit; please sign for it.` } };
    }
    case 'assignment.reassign':
      return typeof d.toUnitId === 'number'
        ? { units: [d.toUnitId], kind: 'proposal.assigned', title: { zh: '有新交办的提案', en: 'A proposal was assigned to your unit' }, body: { zh: `提案${about}已调整交办贵单位，请及时签收办理。`, en: `"${p.title}" was reassigned to your unit; please sign for it.` } }
        : null;
    case 'all_replied':
      return { users: await proposers(), kind: 'proposal.replied', title: { zh: '提案已答复，请测评', en: 'Your proposal was answered' }, body: { zh: `您的提案${about}已收到答复，请对办理情况进行满意度测评。`, en: `"${p.title}" was answered; please rate the handling.` } };
    default:
      return null;
  }
}

async function unitsOf(db: Trx, assignmentIds: number[]) {
  if (assignmentIds.length === 0) return [];
  return (await db.selectFrom('proposal_assignments').select('unit_id').where('id', 'in', assignmentIds).execute()).map((a) => a.unit_id);
}

/**
 * Writes the notifications of one change event in the given transaction; returns how many. Run by
 * the outbox worker, once per event (platform/outbox.ts), after the change committed.
 */
export async function notifyChange(trx: Trx, e: ChangeEvent): Promise<number> {
  const p = await trx.selectFrom('proposals').select(['id', 'title', 'organization_id']).where('id', '=', e.proposalId).executeTakeFirst();
  if (!p) return 0;
  const what = await plan(trx, e, p);
  if (!what) return 0;
  const note: Note = { kind: what.kind, organizationId: p.organization_id, title: what.title, body: what.body, link: `/proposals/${p.id}`, entityType: 'proposal', entityId: p.id };
  return (await notifyUsers(trx, what.users ?? [], note)) + (await notifyUnits(trx, [...new Set(what.units ?? [])].map((unitId) => ({ unitId, note }))));
}

/** The module's outbox handlers: the notifications of each change event. */
export const notificationHandlers: OutboxHandlers = {
  [NOTIFY_TOPIC]: (trx, payload) => notifyChange(trx, payload as ChangeEvent),
};
