import { Tag } from 'antd';
import type { OpinionState } from '../../../api/opinions';
import type { Translate } from '../../../i18n/LocaleProvider';
import type { OpinionsKey } from '../../../i18n/keys';
import { thisYear, today } from '../../../shared/time';

const STATE_COLORS: Record<OpinionState, string> = {
  new: 'blue',
  accepted: 'cyan',
  duplicate: 'default',
  not_used: 'default',
  compiled: 'purple',
  forwarded: 'orange',
  adopted: 'green',
};

export function StateTag({ state, t }: { state: OpinionState; t: Translate<OpinionsKey> }) {
  return <Tag color={STATE_COLORS[state]}>{t(`state.${state}`)}</Tag>;
}

export { thisYear, today };
export const recentYears = () => Array.from({ length: 6 }, (_, i) => thisYear() - i);
