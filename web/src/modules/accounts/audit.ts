import type { AccountsKey } from '../../i18n/keys';

export const AUDIT_ACTION_KEYS = [
  'login',
  'login_failed',
  'lockout',
  'logout',
  'register',
  'create',
  'update',
  'retire',
  'reset_password',
  'disable',
  'enable',
  'import',
  'change_password',
  'deny',
] as const;

export const ENTITY_TYPES = ['member', 'place', 'organization', 'user', 'sector', 'committee', 'party_group', 'handling_unit'] as const;

// Actions and record types the page has no words for yet are shown as the server names them.
export function actionKey(action: string): AccountsKey | null {
  return (AUDIT_ACTION_KEYS as readonly string[]).includes(action) ? (`action.${action}` as AccountsKey) : null;
}

export function entityKey(type: string): AccountsKey | null {
  return (ENTITY_TYPES as readonly string[]).includes(type) ? (`entity.${type}` as AccountsKey) : null;
}
