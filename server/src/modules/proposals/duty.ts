// The duty kinds proposals produce, read from the proposals' own records: filed as first proposer
// or co-signer, accepted, made key, selected excellent. Collective proposals have no member to
// credit. A withdrawn draft or one still waiting for co-signers counts nothing yet.
import type { DutyDeclaration, DutyFact, DutyScope } from '../../platform/duty.js';
import type { Trx } from '../../platform/context.js';
import type { ProposalState } from '../../platform/db/types.js';

const FILED: ProposalState[] = ['submitted', 'accepted', 'rejected', 'merged', 'converted', 'handling', 'replied', 'evaluated', 'closed'];
const ACCEPTED: ProposalState[] = ['accepted', 'handling', 'replied', 'evaluated', 'closed'];

/** The proposals that count, joined rather than listed by id, so a whole rebuild is one query each. */
function counted(trx: Trx, scope: DutyScope) {
  let q = trx.selectFrom('proposals as p').where('p.state', 'in', FILED).where('p.filed_at', 'is not', null);
  if (scope.sourceIds) q = q.where('p.id', 'in', scope.sourceIds);
  if (scope.year !== undefined) q = q.where('p.year', '=', scope.year);
  return q;
}

async function derive(trx: Trx, scope: DutyScope): Promise<DutyFact[]> {
  const proposers = await counted(trx, scope)
    .innerJoin('members as m', 'm.id', 'p.member_id')
    .leftJoin('proposal_excellent as x', 'x.proposal_id', 'p.id')
    .select(['p.id', 'p.year', 'p.state', 'p.member_id', 'm.organization_id', 'p.is_key', 'p.filed_at', 'p.reviewed_at', 'x.selected_at'])
    .execute();
  const cosigners = await counted(trx, scope)
    .innerJoin('proposal_cosigners as c', 'c.proposal_id', 'p.id')
    .innerJoin('members as m', 'm.id', 'c.member_id')
    .select(['p.id', 'p.year', 'p.filed_at', 'c.member_id', 'c.answered_at', 'm.organization_id'])
    .where('c.state', '=', 'confirmed')
    .execute();
  const facts: DutyFact[] = [];
  const fact = (r: { id: number; year: number; organization_id: number }, memberId: number, kind: string, occurredAt: string) =>
    facts.push({ memberId, organizationId: r.organization_id, year: r.year, kind, sourceId: r.id, occurredAt });
  for (const r of proposers) {
    fact(r, r.member_id!, 'proposal_filed', r.filed_at!);
    if (ACCEPTED.includes(r.state)) fact(r, r.member_id!, 'proposal_accepted', r.reviewed_at ?? r.filed_at!);
    if (r.is_key) fact(r, r.member_id!, 'proposal_key', r.reviewed_at ?? r.filed_at!);
    if (r.selected_at) fact(r, r.member_id!, 'proposal_excellent', r.selected_at);
  }
  for (const c of cosigners) fact(c, c.member_id, 'proposal_cosigned', c.answered_at ?? c.filed_at!);
  return scope.memberIds ? facts.filter((f) => scope.memberIds!.includes(f.memberId)) : facts;
}

export const proposalsDuty: DutyDeclaration = {
  sourceType: 'proposal',
  kinds: [
    { code: 'proposal_filed', zh: '提交提案（第一提案人）', en: 'Proposal filed (first proposer)', points: 5 },
    { code: 'proposal_cosigned', zh: '联名附议提案', en: 'Proposal co-signed', points: 2 },
    { code: 'proposal_accepted', zh: '提案立案', en: 'Proposal accepted', points: 3 },
    { code: 'proposal_key', zh: '重点提案', en: 'Key proposal', points: 5 },
    { code: 'proposal_excellent', zh: '优秀提案', en: 'Excellent proposal', points: 10 },
  ],
  link: (id) => `/proposals/${id}`,
  derive,
};
