import { Tag } from 'antd';
import type { OpinionState } from '../../../api/opinions';
import type { Translate } from '../../../i18n/LocaleProvider';
import type { OpinionsKey } from '../../../i18n/keys';

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

/** Today in China's time zone, as the API writes dates. */
export function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

export const thisYear = () => Number(today().slice(0, 4));
export const recentYears = () => Array.from({ length: 6 }, (_, i) => thisYear() - i);
