// The office's queue of residents' topics waiting for screening, across every hall it runs, newest
// first: the list a home page's count opens. Each topic opens its hall's workbench, where it is
// adopted, merged or declined.
import { Link } from 'react-router';
import { List, Typography } from 'antd';
import { hallsApi } from '../../../api/halls';
import { useLocale, useT } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { ListFooter } from '../../../shared/ListFooter';
import { PageHeader } from '../../../shared/PageHeader';
import { formatTime } from '../../../shared/time';
import { useKeysetList } from '../../../shared/useKeysetList';

export default function TopicsToScreenPage() {
  const t = useT('halls');
  const { lang } = useLocale();
  const list = useKeysetList(['halls', 'to-screen'], (cursor) => hallsApi.topicsToScreen(cursor));
  return (
    <>
      <PageHeader title={t('toScreen.title')} />
      <ErrorAlert error={list.error} />
      <List
        data-testid="topics-to-screen"
        loading={list.loading}
        dataSource={list.items}
        locale={{ emptyText: t('toScreen.none') }}
        renderItem={(topic) => (
          <List.Item key={topic.id} extra={<Link to={`/halls?placeId=${topic.placeId}`}>{t('toScreen.open')}</Link>}>
            <List.Item.Meta title={topic.title} description={<Typography.Text type="secondary">{`${topic.placeName} · ${formatTime(topic.raisedAt, lang)}`}</Typography.Text>} />
          </List.Item>
        )}
      />
      <ListFooter total={list.total} shown={list.items.length} hasMore={list.hasMore} loadingMore={list.loadingMore} onLoadMore={list.loadMore} />
    </>
  );
}
