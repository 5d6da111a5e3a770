import { Button } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { opinionsApi, type OpinionSummary } from '../../../api/opinions';
import { useLocale, useT } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { ListFooter } from '../../../shared/ListFooter';
import { PageHeader } from '../../../shared/PageHeader';
import { ResponsiveTable, type Column } from '../../../shared/ResponsiveTable';
import { useKeysetList } from '../../../shared/useKeysetList';
import { formatTime } from '../../../shared/time';
import { StateTag } from '../components/labels';

/** The caller's reports (submitted or credited on) with their status; the detail shows the answer. */
export default function MyReportsPage() {
  const t = useT('opinions');
  const { lang } = useLocale();
  const navigate = useNavigate();
  const list = useKeysetList(['opinions', 'list', 'mine'], (cursor) => opinionsApi.mine(cursor));
  const columns: Column<OpinionSummary>[] = [
    { key: 'title', title: t('field.title'), dataIndex: 'title', hideInCard: true, render: (v: string, o) => <Link to={`/opinions/${o.id}`}>{v}</Link> },
    { key: 'state', title: t('field.state'), dataIndex: 'state', render: (s: OpinionSummary['state']) => <StateTag state={s} t={t} /> },
    { key: 'category', title: t('field.category'), dataIndex: 'category', render: (c: OpinionSummary['category']) => t(`category.${c}`) },
    { key: 'at', title: t('field.submittedAt'), dataIndex: 'submittedAt', render: (v: string) => formatTime(v, lang) },
  ];
  return (
    <>
      <PageHeader
        title={t('mine.title')}
        extra={
          <Link to="/opinions/report">
            <Button type="primary" icon={<PlusOutlined />}>
              {t('menu.report')}
            </Button>
          </Link>
        }
      />
      <ErrorAlert error={list.error} />
      <ResponsiveTable<OpinionSummary>
        testId="my-opinions"
        columns={columns}
        keyColumns={['title']}
        dataSource={list.items}
        rowKey="id"
        loading={list.loading}
        onRowClick={(o) => void navigate(`/opinions/${o.id}`)}
        cardTitle={(o) => o.title}
      />
      <ListFooter total={list.total} shown={list.items.length} hasMore={list.hasMore} loadingMore={list.loadingMore} onLoadMore={list.loadMore} />
    </>
  );
}
