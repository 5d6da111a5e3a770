import type { Lang } from './LocaleProvider';
import { translate } from './translate';

/**
 * The name of an audit action (`forward`, `assignment.sign`) from the audit log's message files:
 * what a timeline shows for a step its own module has no words for. Never the code itself.
 */
export function auditActionLabel(action: string, lang: Lang): string {
  const key = `action.${action}`;
  const text = translate('accounts', key, lang);
  return text === key ? translate('accounts', 'audit.otherAction', lang) : text;
}
