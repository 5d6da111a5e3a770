// Halls ranked by this year's sessions held, topics closed and residents' average rating.
import { Table } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { hallsApi, type HallFigures } from '../../../api/halls';
import { useT } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { PageHeader } from '../../../shared/PageHeader';

export default function RankingPage() {
  const t = useT('halls');
  const rows = useQuery({ queryKey: ['halls', 'ranking'], queryFn: () => hallsApi.ranking() });
  return (
    <>
      <PageHeader title={t('office.ranking')} />
      <ErrorAlert error={rows.error} />
      <Table<HallFigures> data-testid="halls-ranking" rowKey="id" size="middle" pagination={false} scroll={{ x: true }} loading={rows.isLoading} dataSource={rows.data ?? []}
        columns={[
          { key: 'rank', title: t('office.rank'), dataIndex: 'rank', width: 70 },
          { key: 'name', title: t('office.hall'), render: (_, r) => <a href={`/hall/${r.id}`}>{r.name}</a> },
          { key: 'where', title: t('office.where'), render: (_, r) => [r.county, r.town].filter(Boolean).join(' · ') },
          { key: 'sessions', title: t('office.sessionsHeld'), dataIndex: 'sessions' },
          { key: 'closed', title: t('office.closedTopics'), dataIndex: 'closedTopics' },
          { key: 'answered', title: t('office.suggestionsAnswered'), dataIndex: 'suggestionsAnswered' },
          { key: 'rating', title: t('office.rating'), render: (_, r) => r.rating ?? '—' },
        ]} />
    </>
  );
}
