import { useState } from 'react';
import { Button, Flex, Segmented, Select, Table } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { RANKING_BY, opinionsApi, type RankingBy, type RankingRow } from '../../../api/opinions';
import { hasAnyRole, useMe } from '../../../app/session';
import { useT } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { OrganizationSelect } from '../../../shared/OrganizationSelect';
import { PageHeader } from '../../../shared/PageHeader';
import { recentYears, thisYear } from '../components/labels';
import { READERS } from '../manifest';

export default function RankingPage() {
  const t = useT('opinions');
  const me = useMe();
  const [by, setBy] = useState<RankingBy>('member');
  const [year, setYear] = useState(thisYear());
  // Empty means the caller's own organization, as the API takes it.
  const [organizationId, setOrganizationId] = useState<number>();
  const ta = useT('app');
  const rows = useQuery({ queryKey: ['opinions', 'ranking', by, year, organizationId], queryFn: () => opinionsApi.ranking({ by, year, organizationId }) });
  return (
    <>
      <PageHeader
        title={t('ranking.title')}
        extra={
          // The .xlsx is for the office and leaders; members see the ranking on the page.
          hasAnyRole(me, READERS) && (
            <a href={opinionsApi.rankingXlsxUrl({ by, year, organizationId })} download>
              <Button icon={<DownloadOutlined />}>{t('ranking.export')}</Button>
            </a>
          )
        }
      />
      <Flex wrap gap={8} style={{ marginBottom: 16 }}>
        <Segmented<RankingBy> value={by} onChange={setBy} options={RANKING_BY.map((b) => ({ value: b, label: t(`ranking.by.${b}`) }))} />
        <Select value={year} onChange={setYear} aria-label={t('field.year')} style={{ width: 100 }} options={recentYears().map((y) => ({ value: y, label: String(y) }))} />
        <OrganizationSelect value={organizationId} onChange={setOrganizationId} allowClear placeholder={ta('common.organization')} style={{ width: 200 }} />
      </Flex>
      <ErrorAlert error={rows.error} />
      <Table<RankingRow>
        data-testid="ranking"
        rowKey="id"
        size="middle"
        pagination={false}
        loading={rows.isLoading}
        dataSource={rows.data ?? []}
        columns={[
          { key: 'rank', title: t('ranking.rank'), dataIndex: 'rank', width: 70 },
          { key: 'name', title: t('ranking.name'), dataIndex: 'name' },
          { key: 'points', title: t('ranking.points'), dataIndex: 'points', width: 80 },
          { key: 'opinions', title: t('ranking.opinions'), dataIndex: 'opinions', width: 90 },
        ]}
      />
    </>
  );
}
