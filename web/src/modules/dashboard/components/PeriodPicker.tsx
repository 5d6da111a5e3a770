// The period of a dashboard page: a year, or a span of China's dates beside it. The choice lives
// in the address (year=, or from= and to=), so that a link sent to a colleague shows the same view;
// the server decides what a period may be (at most ten years) and the page shows its refusal.
import dayjs, { type Dayjs } from 'dayjs';
import { DatePicker, Select, Space } from 'antd';
import type { Period } from '../../../api/dashboard';
import { useT } from '../../../i18n/LocaleProvider';
import { thisYear } from '../../../shared/time';
import { useIsPhone } from '../../../shared/useIsPhone';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The period the address names: from and to when both are dates, else its year, else this year. */
export function periodOf(params: URLSearchParams): { year: number } | { from: string; to: string } {
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  if (DATE.test(from) && DATE.test(to)) return { from, to };
  return { year: Number(params.get('year')) || thisYear() };
}

/** The address's parameters for a period: a year replaces dates and dates replace a year. */
export const periodParams = (p: Period): Record<string, string> => (p.from && p.to ? { from: p.from, to: p.to } : { year: String(p.year ?? thisYear()) });

export function PeriodPicker({ value, onChange }: { value: Period; onChange: (p: Period) => void }) {
  const t = useT('dashboard');
  const phone = useIsPhone();
  const years = Array.from({ length: 6 }, (_, i) => thisYear() - i);
  const range = value.from && value.to ? ([dayjs(value.from), dayjs(value.to)] as [Dayjs, Dayjs]) : null;
  return (
    <Space wrap size={8}>
      <Select
        aria-label={t('figures.year')}
        data-testid="year-select"
        value={range ? undefined : value.year}
        placeholder={t('period.custom')}
        onChange={(y: number) => onChange({ year: y })}
        style={{ width: 110 }}
        options={years.map((y) => ({ value: y, label: t('figures.yearLabel', { year: y }) }))}
      />
      <span data-testid="period-range">
        <DatePicker.RangePicker
          aria-label={t('period.range')}
          value={range}
          allowClear={false}
          placeholder={[t('period.from'), t('period.to')]}
          style={{ width: phone ? 240 : 260 }}
          onChange={(r) => {
            const [from, to] = (r ?? []) as (Dayjs | null)[];
            if (from && to) onChange({ from: from.format('YYYY-MM-DD'), to: to.format('YYYY-MM-DD') });
          }}
        />
      </span>
    </Space>
  );
}
