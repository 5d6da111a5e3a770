import { useState } from 'react';
import { App, Button, Card, Descriptions, List, Typography } from 'antd';
import { ArrowLeftOutlined, DownloadOutlined, SendOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { opinionsApi, type Issue } from '../../../api/opinions';
import { hasAnyRole, useMe } from '../../../app/session';
import { PageSpinner } from '../../../app/PageSpinner';
import { useT } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { PageHeader } from '../../../shared/PageHeader';
import { ActionModal, forwardBody } from '../components/ActionModal';
import { OFFICE } from '../manifest';

/** One bulletin issue: its items as printed, the .docx, and forwarding the whole issue. */
export default function IssuePage() {
  const id = Number(useParams().id);
  const t = useT('opinions');
  const ta = useT('app');
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [forwarding, setForwarding] = useState(false);
  const issue = useQuery({ queryKey: ['opinions', 'issue', id], queryFn: () => opinionsApi.issue(id) });
  if (issue.isLoading) return <PageSpinner />;
  const i = issue.data;
  if (!i) return <ErrorAlert error={issue.error} />;

  const forwarded = (saved: Issue) => {
    queryClient.setQueryData(['opinions', 'issue', id], saved);
    void queryClient.invalidateQueries({ queryKey: ['opinions'] });
    void message.success(t('action.done'));
    setForwarding(false);
  };

  return (
    <>
      <PageHeader
        title={t('issueNo', { year: i.year, number: i.number })}
        back={<Button type="text" icon={<ArrowLeftOutlined />} aria-label={ta('common.back')} onClick={() => void navigate('/opinions/issues')} />}
        extra={
          <>
            <a href={opinionsApi.issueDocxUrl(i.id)} download>
              <Button icon={<DownloadOutlined />}>{t('issues.docx')}</Button>
            </a>
            {hasAnyRole(me, OFFICE) && (
              <Button type="primary" icon={<SendOutlined />} onClick={() => setForwarding(true)}>
                {t('issues.forward')}
              </Button>
            )}
          </>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={ta('common.organization')}>{i.organizationName}</Descriptions.Item>
          <Descriptions.Item label={t('issues.publishedOn')}>{i.publishedOn}</Descriptions.Item>
          <Descriptions.Item label={t('field.text')}>{t('issues.items', { n: i.items.length })}</Descriptions.Item>
        </Descriptions>
      </Card>
      <List
        dataSource={i.items}
        renderItem={(item) => (
          <Card key={item.opinionId} style={{ marginBottom: 12, width: '100%' }} title={`${item.position}. ${item.title}`} extra={<Link to={`/opinions/${item.opinionId}`}>{t('issues.openReport')}</Link>}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{item.text}</Typography.Paragraph>
            <Typography.Text type="secondary">{item.credits}</Typography.Text>
          </Card>
        )}
      />
      {forwarding && <ActionModal event="forward" title={t('issues.forward')} send={(v) => opinionsApi.forwardIssue(i.id, forwardBody(v))} onDone={forwarded} onClose={() => setForwarding(false)} />}
    </>
  );
}
