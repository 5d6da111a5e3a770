// The life of a proposal and of each of its assignments, as two tables: each event, the states it
// may fire from and where it leads, who may fire it, and its guard. Commands read them to refuse
// what is not allowed; responses carry `abilities` computed from them, so pages show only the
// buttons that work. `system` events are fired by the commands themselves when a condition is met
// (the last co-signer answered, the last unit replied, the proposer rated every reply).
import type { AssignmentRole, AssignmentState, ProposalKind, ProposalState } from '../../platform/db/types.js';
import type { Text } from '../../platform/errors.js';

/** How the acting account stands to one proposal. */
export type Relation =
  | 'author' // wrote it (the first proposer, or the collective account)
  | 'proposer' // the author and the co-signers who confirmed
  | 'cosigner' // a co-signer who has not answered yet
  | 'office' // admin or staff of its organization (or above)
  | 'system';

export type ProposalEvent =
  | 'file'
  | 'withdraw'
  | 'cosign_complete'
  | 'accept'
  | 'reject'
  | 'reconsider'
  | 'merge'
  | 'convert'
  | 'assign'
  | 'all_replied'
  | 'evaluate'
  | 'evaluation_complete'
  | 'evaluation_unsatisfied'
  | 'another_round'
  | 'close';

export interface Transition<S extends string, R extends string> {
  /** From-state → to-state. A state absent here cannot fire the event. */
  moves: Partial<Record<S, S>>;
  who: readonly R[];
  label: Text;
}

const office = ['office'] as const;
const system = ['system'] as const;

export const workflow: Record<ProposalEvent, Transition<ProposalState, Relation>> = {
  // A joint proposal goes to its co-signers first (see target below).
  file: { moves: { draft: 'submitted' }, who: ['author'], label: { zh: '提交', en: 'File' } },
  withdraw: { moves: { cosigning: 'draft', submitted: 'draft' }, who: ['author'], label: { zh: '撤回', en: 'Withdraw' } },
  cosign_complete: { moves: { cosigning: 'submitted' }, who: system, label: { zh: '附议完成', en: 'Co-signing complete' } },
  accept: { moves: { submitted: 'accepted' }, who: office, label: { zh: '立案', en: 'Accept' } },
  reject: { moves: { submitted: 'rejected' }, who: office, label: { zh: '不立案', en: 'Reject' } },
  reconsider: { moves: { rejected: 'submitted' }, who: office, label: { zh: '重新审查', en: 'Review again' } },
  // Fired on each proposal merged into another; the target keeps its own state.
  merge: { moves: { submitted: 'merged', accepted: 'merged' }, who: office, label: { zh: '并案', en: 'Merge' } },
  convert: { moves: { submitted: 'converted' }, who: office, label: { zh: '转社情民意', en: 'Convert to public opinion' } },
  assign: { moves: { accepted: 'handling' }, who: office, label: { zh: '交办', en: 'Assign' } },
  all_replied: { moves: { handling: 'replied' }, who: system, label: { zh: '全部答复', en: 'All units replied' } },
  evaluate: { moves: { replied: 'replied', evaluated: 'evaluated', closed: 'closed' }, who: ['proposer'], label: { zh: '满意度测评', en: 'Rate the handling' } },
  // Every reply rated by the author: closed when all are at least basically satisfied, else
  // `evaluated`, where the office decides on another round or closes.
  evaluation_complete: { moves: { replied: 'closed' }, who: system, label: { zh: '测评满意，办结', en: 'Rated satisfied; closed' } },
  evaluation_unsatisfied: { moves: { replied: 'evaluated' }, who: system, label: { zh: '测评不满意', en: 'Rated unsatisfied' } },
  another_round: { moves: { evaluated: 'handling' }, who: office, label: { zh: '再次办理', en: 'Order another round' } },
  close: { moves: { replied: 'closed', evaluated: 'closed' }, who: office, label: { zh: '办结', en: 'Close' } },
};

export const events = Object.keys(workflow) as ProposalEvent[];

/** Where the event leads from this state, or null when it may not fire here. */
export function target(event: ProposalEvent, p: { state: ProposalState; kind: ProposalKind; pendingCosigners: number }): ProposalState | null {
  const to = workflow[event].moves[p.state] ?? null;
  if (event === 'file' && to && p.kind === 'joint' && p.pendingCosigners > 0) return 'cosigning';
  return to;
}

export type AssignmentEvent = 'sign' | 'request_reassign' | 'reassign' | 'contact' | 'send_opinion' | 'reply' | 'reopen';
export type AssignmentRelation = 'unit' | 'office' | 'system';

export const assignmentWorkflow: Record<AssignmentEvent, Transition<AssignmentState, AssignmentRelation> & { roles: readonly AssignmentRole[] }> = {
  sign: { moves: { assigned: 'signed' }, who: ['unit'], roles: ['lead', 'assisting', 'separate'], label: { zh: '签收', en: 'Sign for' } },
  request_reassign: { moves: { assigned: 'reassign_requested' }, who: ['unit'], roles: ['lead', 'assisting', 'separate'], label: { zh: '申请退回调整', en: 'Request reassignment' } },
  reassign: { moves: { assigned: 'withdrawn', reassign_requested: 'withdrawn', signed: 'withdrawn' }, who: ['office'], roles: ['lead', 'assisting', 'separate'], label: { zh: '调整交办', en: 'Reassign' } },
  contact: { moves: { signed: 'signed', replied: 'replied' }, who: ['unit'], roles: ['lead', 'assisting', 'separate'], label: { zh: '登记沟通', en: 'Record a contact' } },
  send_opinion: { moves: { signed: 'replied', replied: 'replied' }, who: ['unit'], roles: ['assisting'], label: { zh: '提交协办意见', en: 'Send assisting opinion' } },
  reply: { moves: { signed: 'replied' }, who: ['unit'], roles: ['lead', 'separate'], label: { zh: '答复', en: 'Reply' } },
  // Another round after an unsatisfied evaluation: the unit handles and replies again.
  reopen: { moves: { replied: 'signed' }, who: ['system'], roles: ['lead', 'separate'], label: { zh: '再次办理', en: 'Handle again' } },
};

export const assignmentEvents = Object.keys(assignmentWorkflow) as AssignmentEvent[];

export function assignmentTarget(event: AssignmentEvent, a: { state: AssignmentState; role: AssignmentRole }): AssignmentState | null {
  const t = assignmentWorkflow[event];
  return t.roles.includes(a.role) ? (t.moves[a.state] ?? null) : null;
}

/** The states a proposal is in while units work on it: assignments can move only then. */
export const handlingStates: readonly ProposalState[] = ['handling'];

export function abilities(relations: ReadonlySet<Relation>, p: { state: ProposalState; kind: ProposalKind; pendingCosigners: number }) {
  const may = (e: ProposalEvent) => target(e, p) !== null && workflow[e].who.some((r) => relations.has(r));
  return {
    ...(Object.fromEntries(events.filter((e) => !workflow[e].who.includes('system')).map((e) => [e, may(e)])) as Record<UserEvent, boolean>),
    edit: p.state === 'draft' && relations.has('author'),
    cosign: p.state === 'cosigning' && relations.has('cosigner'),
  };
}
export type UserEvent = Exclude<ProposalEvent, 'cosign_complete' | 'all_replied' | 'evaluation_complete' | 'evaluation_unsatisfied'>;
export const userEvents = events.filter((e) => !workflow[e].who.includes('system')) as UserEvent[];

export function assignmentAbilities(relations: ReadonlySet<AssignmentRelation>, a: { state: AssignmentState; role: AssignmentRole }, proposalState: ProposalState) {
  const handling = handlingStates.includes(proposalState);
  return Object.fromEntries(
    assignmentEvents
      .filter((e) => !assignmentWorkflow[e].who.includes('system'))
      .map((e) => [e, handling && assignmentTarget(e, a) !== null && assignmentWorkflow[e].who.some((r) => relations.has(r))]),
  ) as Record<Exclude<AssignmentEvent, 'reopen'>, boolean>;
}
export const userAssignmentEvents = assignmentEvents.filter((e) => e !== 'reopen') as Exclude<AssignmentEvent, 'reopen'>[];

/** What the proposer and everyone else is shown for each state. */
export const stateLabels: Record<ProposalState, Text> = {
  draft: { zh: '草稿', en: 'Draft' },
  cosigning: { zh: '待附议', en: 'Awaiting co-signers' },
  submitted: { zh: '待审查', en: 'Awaiting review' },
  accepted: { zh: '已立案', en: 'Accepted' },
  rejected: { zh: '不立案', en: 'Rejected' },
  merged: { zh: '已并案', en: 'Merged' },
  converted: { zh: '已转社情民意', en: 'Converted to public opinion' },
  handling: { zh: '办理中', en: 'Being handled' },
  replied: { zh: '已答复', en: 'Replied' },
  evaluated: { zh: '已测评，待决定', en: 'Rated, awaiting decision' },
  closed: { zh: '已办结', en: 'Closed' },
};
