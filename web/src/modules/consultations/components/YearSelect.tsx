import { Select } from 'antd';
import { useT } from '../../../i18n/LocaleProvider';
import { thisYear } from './labels';

/** The year a plan, list or statistics page shows: next year, this year and the four before. */
export function YearSelect({ value, onChange, allowClear }: { value: number | undefined; onChange: (year: number | undefined) => void; allowClear?: boolean }) {
  const t = useT('consultations');
  const years = Array.from({ length: 6 }, (_, i) => thisYear() + 1 - i);
  return (
    <Select
      value={value}
      onChange={onChange}
      allowClear={allowClear}
      placeholder={t('field.year')}
      style={{ width: 110 }}
      aria-label={t('field.year')}
      data-testid="year-select"
      options={years.map((y) => ({ value: y, label: t('field.yearLabel', { year: y }) }))}
    />
  );
}
