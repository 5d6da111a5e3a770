// The life of a suggestion as one table: the states an event may fire from and where it leads,
// who may fire it, and its label. Commands read it to refuse what is not allowed (naming the
// current state); details carry `abilities` computed from it, so pages show only working buttons.
import type { SuggestionState } from '../../platform/db/suggestion-types.js';
import type { Role } from '../../platform/db/types.js';
import { conflict, forbidden, type Text } from '../../platform/errors.js';
import { hasRoleAt, type Ctx } from '../../platform/context.js';

interface Transition {
  moves: Partial<Record<SuggestionState, SuggestionState>>;
  /** Roles at the suggestion's organization (or above) that may fire it. */
  who: readonly Role[];
  label: Text;
}

const office = ['admin', 'staff'] as const;

export const suggestionFlow = {
  states: {
    open: { zh: '待交办', en: 'Open' },
    assigned: { zh: '已交办', en: 'Assigned' },
    answered: { zh: '已答复', en: 'Answered' },
    adopted: { zh: '已采纳', en: 'Adopted' },
    not_adopted: { zh: '未采纳', en: 'Not adopted' },
  } satisfies Record<SuggestionState, Text>,
  events: {
    // Assigning again adds units; a suggestion already answered goes back to waiting for the new ones.
    assign: { moves: { open: 'assigned', assigned: 'assigned', answered: 'assigned' }, who: office, label: { zh: '交办', en: 'Assign' } },
    answer: { moves: { assigned: 'assigned', answered: 'answered' }, who: ['unit'], label: { zh: '答复', en: 'Answer' } },
    adopt: { moves: { answered: 'adopted', not_adopted: 'adopted' }, who: office, label: { zh: '标记采纳', en: 'Mark adopted' } },
    not_adopt: { moves: { answered: 'not_adopted', adopted: 'not_adopted' }, who: office, label: { zh: '标记未采纳', en: 'Mark not adopted' } },
  } satisfies Record<string, Transition>,
};
export type SuggestionEvent = keyof typeof suggestionFlow.events;

const transition = (event: SuggestionEvent): Transition => suggestionFlow.events[event];

export function mayFire(ctx: Ctx, event: SuggestionEvent, row: { state: SuggestionState; organizationId: number }): boolean {
  const t = transition(event);
  return !!ctx.actor && t.moves[row.state] !== undefined && hasRoleAt(ctx, ctx.actor, t.who, row.organizationId);
}

/** The next state, or 403 for a caller who may never fire it and 409 naming the current state. */
export function checkEvent(ctx: Ctx, event: SuggestionEvent, row: { state: SuggestionState; organizationId: number }): SuggestionState {
  const t = transition(event);
  if (!hasRoleAt(ctx, ctx.actor!, t.who, row.organizationId)) throw forbidden({ zh: `无权${t.label.zh}`, en: `You may not do this: ${t.label.en}` });
  const to = t.moves[row.state];
  if (to === undefined) {
    const s = suggestionFlow.states[row.state];
    throw conflict({ zh: `当前状态为“${s.zh}”，不能${t.label.zh}`, en: `${t.label.en} is not possible: the current state is ${s.en}` });
  }
  return to;
}
