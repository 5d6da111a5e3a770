import type { AccountsKey } from '../../i18n/keys';
import accountsZh from './messages.zh-CN.json';

// The audit log's actions and kinds of record are the ones the message files name (every code the
// server writes has its label there: server/src/platform/audit-codes.test.ts).
const keys = Object.keys(accountsZh);
export const AUDIT_ACTION_KEYS = keys.filter((k) => k.startsWith('action.')).map((k) => k.slice('action.'.length));
export const ENTITY_TYPES = keys.filter((k) => k.startsWith('entity.')).map((k) => k.slice('entity.'.length));

export function actionKey(action: string): AccountsKey | null {
  return AUDIT_ACTION_KEYS.includes(action) ? (`action.${action}` as AccountsKey) : null;
}

export function entityKey(type: string): AccountsKey | null {
  return ENTITY_TYPES.includes(type) ? (`entity.${type}` as AccountsKey) : null;
}

/** The page of a record, where the office app has one. */
export function recordPath(type: string, id: string | null): string | null {
  if (!id || !/^\d+$/.test(id)) return null;
  const paths: Record<string, string> = {
    proposal: `/proposals/${id}`,
    opinion: `/opinions/${id}`,
    opinion_issue: `/opinions/issues/${id}`,
    member: `/orgs/members/${id}`,
    consultation_meeting: `/consultations/meetings/${id}`,
    suggestion: `/suggestions/${id}`,
    consultation_outcome: `/consultations/outcomes/${id}`,
  };
  return paths[type] ?? null;
}
