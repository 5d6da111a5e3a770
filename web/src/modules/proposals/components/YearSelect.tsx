import { Select } from 'antd';
import { useT } from '../../../i18n/LocaleProvider';
import { thisYear } from '../../../shared/time';

export { thisYear };

/** The year a quality or statistics page shows: this year and the five before. */
export function YearSelect({ value, onChange }: { value: number; onChange: (year: number) => void }) {
  const t = useT('proposals');
  const years = Array.from({ length: 6 }, (_, i) => thisYear() - i);
  return <Select value={value} onChange={onChange} style={{ width: 110 }} aria-label={t('stats.year')} data-testid="year-select" options={years.map((y) => ({ value: y, label: t('stats.yearLabel', { year: y }) }))} />;
}
