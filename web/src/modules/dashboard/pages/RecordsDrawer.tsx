// The records behind one figure, a page at a time, each linking to its own page.
import { useState } from 'react';
import { Drawer, List, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { dashboardApi, type Figure, type Period } from '../../../api/dashboard';
import type { OrgScope } from '../../../api/types';
import { pickLang, useLocale, useT } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { formatTime } from '../../../shared/time';
import { useIsPhone } from '../../../shared/useIsPhone';

// A stored date (YYYY-MM-DD) is shown as it is; an instant in China's time.
const when = (date: string, lang: Parameters<typeof formatTime>[1]) => (date.length === 10 ? date : formatTime(date, lang));

/** `organizationId`: another organization than the caller's own (the panorama of a county); `unit`: a unit's own figure. */
export function RecordsDrawer({ figure, period, scope, organizationId, unit, onClose }: { figure: Pick<Figure, 'code' | 'name' | 'value'>; period: Period; scope?: OrgScope; organizationId?: number; unit?: { id?: number }; onClose: () => void }) {
  const t = useT('dashboard');
  const { lang } = useLocale();
  const phone = useIsPhone();
  const [page, setPage] = useState(1);
  const records = useQuery({
    queryKey: ['dashboard', 'records', figure.code, period, scope, organizationId, unit, page],
    queryFn: () => (unit ? dashboardApi.unitRecords(figure.code, period, page, unit.id) : dashboardApi.records(figure.code, period, scope ?? 'own', page, organizationId)),
    placeholderData: keepPreviousData,
  });
  const name = pickLang(lang, figure.name.zh, figure.name.en);
  return (
    <Drawer open onClose={onClose} size={phone ? '100%' : 560} title={t('figures.records', { name, total: records.data?.total ?? figure.value })} data-testid="records-drawer">
      <ErrorAlert error={records.error} />
      <List
        loading={records.isFetching}
        dataSource={records.data?.items ?? []}
        locale={{ emptyText: t('figures.noRecords') }}
        pagination={records.data && records.data.total > records.data.pageSize ? { current: page, pageSize: records.data.pageSize, total: records.data.total, onChange: setPage, size: 'small', showSizeChanger: false } : false}
        renderItem={(r) => (
          <List.Item key={r.id}>
            <List.Item.Meta title={<a href={r.link}>{r.title}</a>} description={<Typography.Text type="secondary">{when(r.date, lang)}</Typography.Text>} />
          </List.Item>
        )}
      />
    </Drawer>
  );
}
