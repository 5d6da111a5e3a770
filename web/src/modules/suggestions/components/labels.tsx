import { Tag } from 'antd';
import type { SuggestionState } from '../../../api/suggestions';
import type { useT } from '../../../i18n/LocaleProvider';

type T = ReturnType<typeof useT<'suggestions'>>;
const COLORS: Record<SuggestionState, string> = { open: 'default', assigned: 'processing', answered: 'cyan', adopted: 'success', not_adopted: 'warning' };

export function StateTag({ state, t }: { state: SuggestionState; t: T }) {
  return (
    <Tag color={COLORS[state]} data-testid="suggestion-state">
      {t(`state.${state}`)}
    </Tag>
  );
}

export function OverdueTag({ t }: { t: T }) {
  return <Tag color="error">{t('tag.overdue')}</Tag>;
}
