import { App, Badge, Button, Card, Empty, List, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { problemMessage } from '../../../api/errors';
import { proposalsApi, type Notification } from '../../../api/proposals';
import { pickLang, useLocale, useT } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { ListFooter } from '../../../shared/ListFooter';
import { PageHeader } from '../../../shared/PageHeader';
import { formatTime } from '../../../shared/time';
import { useKeysetList } from '../../../shared/useKeysetList';

/** The caller's notifications (co-sign requests, assignments, replies, deadline reminders), newest first. */
export default function NotificationsPage() {
  const t = useT('proposals');
  const { lang } = useLocale();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const list = useKeysetList(['notifications'], (cursor) => proposalsApi.notifications(false, cursor));
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['notifications'] });
  const readAll = useMutation({ mutationFn: proposalsApi.readAllNotifications, onSuccess: refresh, onError: (e) => void message.error(problemMessage(e, lang)) });
  const open = async (n: Notification) => {
    if (!n.readAt) await proposalsApi.readNotification(n.id).catch(() => undefined);
    refresh();
    if (n.link) void navigate(n.link);
  };
  return (
    <>
      <PageHeader title={t('notifications.title')} extra={<Button onClick={() => readAll.mutate()} loading={readAll.isPending}>{t('notifications.readAll')}</Button>} />
      <ErrorAlert error={list.error} />
      <Card size="small">
        <List
          data-testid="notifications"
          loading={list.loading}
          dataSource={list.items}
          locale={{ emptyText: <Empty description={t('notifications.none')} /> }}
          renderItem={(n) => (
            <List.Item style={{ cursor: 'pointer', display: 'block' }} onClick={() => void open(n)}>
              <Badge dot={!n.readAt} offset={[6, 0]}>
                <Typography.Text strong={!n.readAt}>{pickLang(lang, n.title, n.titleEn)}</Typography.Text>
              </Badge>
              <div>{pickLang(lang, n.body, n.bodyEn)}</div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatTime(n.createdAt, lang)}
              </Typography.Text>
            </List.Item>
          )}
        />
      </Card>
      <ListFooter total={list.total} shown={list.items.length} hasMore={list.hasMore} loadingMore={list.loadingMore} onLoadMore={list.loadMore} />
    </>
  );
}
