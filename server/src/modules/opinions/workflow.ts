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
  | 'feedback'
  | 'hand_off'
  | 'retitle';

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
  // A resident's concern that is not a policy matter goes to a handling unit (handoffs.ts); the
  // report keeps its state, and its hand-off (one per report) carries the deadline and the answer.
  hand_off: { moves: { new: 'new', accepted: 'accepted' }, who: office, label: { zh: '转交办理', en: 'Hand to a unit' } },
  // The title (an automatic one, for a resident's concern) may be rewritten until the report is compiled.
  retitle: { moves: { new: 'new', accepted: 'accepted' }, who: office, label: { zh: '修改标题', en: 'Edit the title' } },
};

export const events = Object.keys(workflow) as OpinionEvent[];

/** Where the event leads from this state, or null when it may not fire here. */
export const nextState = (event: OpinionEvent, from: OpinionState): OpinionState | null => workflow[event].moves[from] ?? null;

export function mayFire(ctx: Ctx, event: OpinionEvent, opinion: { state: OpinionState; organizationId: number }): boolean {
  return !!ctx.actor && nextState(event, opinion.state) !== null && hasRoleAt(ctx, ctx.actor, workflow[event].who, opinion.organizationId);
}

/** Guards beyond state and role: only a resident's concern is handed off, and only once. */
export const mayHandOff = (opinion: { source: string; handedOff: boolean }) => opinion.source === 'resident' && !opinion.handedOff;

export function abilities(ctx: Ctx, opinion: { state: OpinionState; organizationId: number; source: string; handedOff: boolean }): Record<OpinionEvent, boolean> {
  return Object.fromEntries(events.map((e) => [e, mayFire(ctx, e, opinion) && (e !== 'hand_off' || mayHandOff(opinion))])) as Record<OpinionEvent, boolean>;
}

/**
 * What a resident reads on the tracking page, in plain words (not the office's 编报 / 报送): each
 * state, and the two steps of a hand-off ({unit} and {date}, {answer} filled in by track()).
 * The web page words the same from its message files (resident.*).
 */
/** How the office names the states (as the web's messages do), for problem messages. */
export const stateLabels: Record<OpinionState, Text> = {
  new: { zh: '已收到，待筛选', en: 'received, awaiting screening' },
  accepted: { zh: '已采用，待编报', en: 'accepted for use' },
  duplicate: { zh: '与已有信息重复', en: 'the same as an earlier report' },
  not_used: { zh: '未采用', en: 'not used' },
  compiled: { zh: '已编入《社情民意》', en: 'compiled into the bulletin' },
  forwarded: { zh: '已报送', en: 'forwarded' },
  adopted: { zh: '已被采用', en: 'adopted' },
};

export type ResidentProgress = OpinionState | 'handed_off' | 'answered';
export const residentLabels: Record<ResidentProgress, Text> = {
  new: { zh: '已收到，正在查看', en: 'Received; we are looking into it' },
  accepted: { zh: '已受理，正在整理', en: 'Taken up; being prepared' },
  duplicate: { zh: '已有人反映同一件事，已一并办理', en: 'Someone raised the same matter; both are handled together' },
  not_used: { zh: '暂不采纳', en: 'Not taken up for now' },
  compiled: { zh: '已整理成材料，准备向上反映', en: 'Written up, to be passed on' },
  forwarded: { zh: '已向党委政府反映', en: 'Passed on to the party committee and government' },
  adopted: { zh: '已被采纳', en: 'Taken up by the authorities' },
  handed_off: { zh: '已转交{unit}办理，预计{date}前答复', en: 'Handed to {unit}; an answer is expected by {date}' },
  answered: { zh: '已答复：{answer}', en: 'Answered: {answer}' },
};
