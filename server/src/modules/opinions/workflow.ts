// The life of a report, as one table: each event, the states it may fire from and where it
// leads, who may fire it, and the guard it must pass. Commands read it to refuse what is not
// allowed; responses carry `abilities` computed from it, so pages show only the buttons that work.
import type { OpinionState, Role } from '../../platform/db/types.js';
import { hasRoleAt, type Ctx } from '../../platform/context.js';
import type { Text } from '../../platform/errors.js';

export type OpinionEvent =
  | 'accept'
  | 'mark_duplicate'
  | 'not_use'
  | 'reopen'
  | 'compile'
  | 'forward'
  | 'adopt'
  | 'instruct'
  | 'feedback';

export interface Transition {
  /** From-state → to-state. A state absent here cannot fire the event. */
  moves: Partial<Record<OpinionState, OpinionState>>;
  /** Roles at the report's organization (or above) that may fire it. */
  who: readonly Role[];
  label: Text;
}

const office = ['admin', 'staff'] as const;
const afterForwarding = { forwarded: 'forwarded', adopted: 'adopted' } as const;

export const workflow: Record<OpinionEvent, Transition> = {
  accept: { moves: { new: 'accepted' }, who: office, label: { zh: '采用', en: 'Accept for use' } },
  mark_duplicate: { moves: { new: 'duplicate' }, who: office, label: { zh: '重复', en: 'Mark as duplicate' } },
  not_use: { moves: { new: 'not_used' }, who: office, label: { zh: '不采用', en: 'Not used' } },
  reopen: { moves: { duplicate: 'new', not_used: 'new' }, who: office, label: { zh: '重新筛选', en: 'Screen again' } },
  compile: { moves: { accepted: 'compiled' }, who: office, label: { zh: '编报', en: 'Compile' } },
  // Sending again (to another recipient) is allowed and never moves a report back.
  forward: { moves: { accepted: 'forwarded', compiled: 'forwarded', ...afterForwarding }, who: office, label: { zh: '报送', en: 'Forward' } },
  adopt: { moves: { forwarded: 'adopted', adopted: 'adopted' }, who: office, label: { zh: '登记采用', en: 'Record adoption' } },
  instruct: { moves: afterForwarding, who: office, label: { zh: '登记批示', en: 'Record instruction' } },
  feedback: { moves: afterForwarding, who: office, label: { zh: '登记反馈', en: 'Record feedback' } },
};

export const events = Object.keys(workflow) as OpinionEvent[];

/** Where the event leads from this state, or null when it may not fire here. */
export const nextState = (event: OpinionEvent, from: OpinionState): OpinionState | null => workflow[event].moves[from] ?? null;

export function mayFire(ctx: Ctx, event: OpinionEvent, opinion: { state: OpinionState; organizationId: number }): boolean {
  return !!ctx.actor && nextState(event, opinion.state) !== null && hasRoleAt(ctx, ctx.actor, workflow[event].who, opinion.organizationId);
}

export function abilities(ctx: Ctx, opinion: { state: OpinionState; organizationId: number }): Record<OpinionEvent, boolean> {
  return Object.fromEntries(events.map((e) => [e, mayFire(ctx, e, opinion)])) as Record<OpinionEvent, boolean>;
}

/** What the source is shown for each state (members and residents alike). */
export const stateLabels: Record<OpinionState, Text> = {
  new: { zh: '已收到，待筛选', en: 'Received, awaiting screening' },
  accepted: { zh: '已采用，待编报', en: 'Accepted for use' },
  duplicate: { zh: '与已有信息重复，已合并办理', en: 'Same as an earlier report; handled with it' },
  not_used: { zh: '未采用', en: 'Not used' },
  compiled: { zh: '已编入《社情民意》', en: 'Compiled into the bulletin' },
  forwarded: { zh: '已报送', en: 'Forwarded' },
  adopted: { zh: '已被采用', en: 'Adopted' },
};
