import type { AccountsKey } from '../../i18n/keys';
import { AUDIT_ACTIONS } from '../../api/types';

export const AUDIT_ACTION_KEYS = AUDIT_ACTIONS;

export const ENTITY_TYPES = ['member', 'place', 'organization', 'user', 'sector', 'committee', 'party_group', 'handling_unit'] as const;

// Actions and record types the page has no words for yet are shown as the server names them.
export function actionKey(action: string): AccountsKey | null {
  return (AUDIT_ACTION_KEYS as readonly string[]).includes(action) ? (`action.${action}` as AccountsKey) : null;
}

export function entityKey(type: string): AccountsKey | null {
  return (ENTITY_TYPES as readonly string[]).includes(type) ? (`entity.${type}` as AccountsKey) : null;
}
