// A member's hall sessions to attend: published, not over, invited to and not checked in at yet,
// soonest first (the list a home page's count opens). Checking in is scanning the code at the hall.
import { List, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { hallsApi } from '../../../api/halls';
import { useLocale, useT } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { PageHeader } from '../../../shared/PageHeader';
import { formatTime } from '../../../shared/time';

export default function MySessionsPage() {
  const t = useT('halls');
  const { lang } = useLocale();
  const sessions = useQuery({ queryKey: ['halls', 'my-sessions'], queryFn: hallsApi.mySessions });
  return (
    <>
      <PageHeader title={t('mySessions.title')} />
      <Typography.Paragraph type="secondary">{t('mySessions.hint')}</Typography.Paragraph>
      <ErrorAlert error={sessions.error} />
      <List
        data-testid="my-sessions"
        loading={sessions.isLoading}
        dataSource={sessions.data?.items ?? []}
        locale={{ emptyText: t('mySessions.none') }}
        renderItem={(s) => (
          <List.Item key={s.id}>
            <List.Item.Meta title={s.title} description={`${s.placeName} · ${formatTime(s.startsAt, lang)}`} />
          </List.Item>
        )}
      />
      {sessions.data && <Typography.Text type="secondary" data-testid="my-sessions-total">{t('mySessions.total', { total: sessions.data.total })}</Typography.Text>}
    </>
  );
}
