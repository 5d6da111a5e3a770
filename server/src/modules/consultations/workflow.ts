// The lives of a plan, a meeting and a speech, each as one table (a suggestion's is the shared
// tracker's): the states an
// event may fire from and where it leads, who may fire it, and its label. Commands read the
// tables to refuse what is not allowed (naming the current state); responses carry `abilities`
// computed from them, so pages show only the buttons that work.
import type { MeetingState, PlanState, SpeechState } from '../../platform/db/consultation-types.js';
import type { Role } from '../../platform/db/types.js';
import { conflict, forbidden, type Text } from '../../platform/errors.js';
import { hasRoleAt, type Ctx } from '../../platform/context.js';

export interface Transition<S extends string> {
  moves: Partial<Record<S, S>>;
  /** Roles at the record's organization (or above) that may fire it; empty: decided by the command (the author, an invitee). */
  who: readonly Role[];
  label: Text;
}
export type Flow<S extends string, E extends string> = { states: Record<S, Text>; events: Record<E, Transition<S>> };

const office = ['admin', 'staff'] as const;
const approvers = ['admin', 'leader'] as const;

export const planFlow = {
  states: {
    draft: { zh: '草稿', en: 'Draft' },
    submitted: { zh: '待审定', en: 'Awaiting approval' },
    approved: { zh: '已审定', en: 'Approved' },
    published: { zh: '已发布', en: 'Published' },
  },
  events: {
    edit: { moves: { draft: 'draft' }, who: office, label: { zh: '修改计划', en: 'Edit the plan' } },
    submit: { moves: { draft: 'submitted' }, who: office, label: { zh: '报送审定', en: 'Submit for approval' } },
    approve: { moves: { submitted: 'approved' }, who: approvers, label: { zh: '审定', en: 'Approve' } },
    return: { moves: { submitted: 'draft' }, who: approvers, label: { zh: '退回修改', en: 'Return for changes' } },
    publish: { moves: { approved: 'published' }, who: office, label: { zh: '发布', en: 'Publish' } },
  },
} satisfies Flow<PlanState, string>;

export const meetingFlow = {
  states: {
    draft: { zh: '草稿', en: 'Draft' },
    published: { zh: '已发布', en: 'Published' },
    in_progress: { zh: '进行中', en: 'In progress' },
    ended: { zh: '已结束', en: 'Ended' },
    cancelled: { zh: '已取消', en: 'Cancelled' },
  },
  events: {
    edit: { moves: { draft: 'draft', published: 'published' }, who: office, label: { zh: '修改会议', en: 'Edit the meeting' } },
    publish: { moves: { draft: 'published' }, who: office, label: { zh: '发布会议', en: 'Publish the meeting' } },
    start: { moves: { published: 'in_progress' }, who: office, label: { zh: '开始会议', en: 'Start the meeting' } },
    end: { moves: { in_progress: 'ended' }, who: office, label: { zh: '结束会议', en: 'End the meeting' } },
    cancel: { moves: { draft: 'cancelled', published: 'cancelled' }, who: office, label: { zh: '取消会议', en: 'Cancel the meeting' } },
  },
} satisfies Flow<MeetingState, string>;

export const speechFlow = {
  states: {
    submitted: { zh: '待审核', en: 'Awaiting approval' },
    approved: { zh: '已安排', en: 'Approved' },
    rejected: { zh: '未安排', en: 'Not approved' },
    withdrawn: { zh: '已撤回', en: 'Withdrawn' },
  },
  events: {
    approve: { moves: { submitted: 'approved' }, who: office, label: { zh: '审核通过发言', en: 'Approve the speech' } },
    reject: { moves: { submitted: 'rejected' }, who: office, label: { zh: '不安排发言', en: 'Reject the speech' } },
    withdraw: { moves: { submitted: 'withdrawn', approved: 'withdrawn' }, who: [], label: { zh: '撤回发言', en: 'Withdraw the speech' } },
    speak: { moves: { approved: 'approved' }, who: office, label: { zh: '标记正在发言', en: 'Mark as speaking now' } },
  },
} satisfies Flow<SpeechState, string>;

type Events<F> = F extends { events: infer E } ? keyof E : never;
type States<F> = F extends { states: infer S } ? keyof S : never;

export function nextState<F extends Flow<any, any>>(flow: F, event: Events<F>, from: States<F>): States<F> | null {
  return ((flow.events[event as string] as Transition<string>).moves[from as string] ?? null) as States<F> | null;
}

export function mayFire<F extends Flow<any, any>>(ctx: Ctx, flow: F, event: Events<F>, row: { state: States<F>; organizationId: number }): boolean {
  const t = flow.events[event as string] as Transition<string>;
  return !!ctx.actor && nextState(flow, event, row.state) !== null && (t.who.length === 0 || hasRoleAt(ctx, ctx.actor, t.who, row.organizationId));
}

/** The next state, or 403 for a caller who may never fire it and 409 naming the current state. */
export function checkEvent<F extends Flow<any, any>>(ctx: Ctx, flow: F, event: Events<F>, row: { state: States<F>; organizationId: number }): States<F> {
  const t = flow.events[event as string] as Transition<string>;
  if (t.who.length > 0 && !hasRoleAt(ctx, ctx.actor!, t.who, row.organizationId)) throw forbidden({ zh: `无权${t.label.zh}`, en: `You may not do this: ${t.label.en}` });
  const to = nextState(flow, event, row.state);
  if (to === null) throw stateConflict(flow, row.state, t.label);
  return to;
}

export function stateConflict<F extends Flow<any, any>>(flow: F, state: States<F>, label: Text) {
  const s = flow.states[state as string] as Text;
  return conflict({ zh: `当前状态为“${s.zh}”，不能${label.zh}`, en: `${label.en} is not possible: the current state is ${s.en}` });
}
