import { useState } from 'react';
import { Button, Card, Empty, Flex, List, Select, Typography } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { opinionsApi } from '../../../api/opinions';
import { hasAnyRole, useMe } from '../../../app/session';
import { useT } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { PageHeader } from '../../../shared/PageHeader';
import { recentYears, thisYear } from '../components/labels';
import { OFFICE } from '../manifest';

export default function IssuesPage() {
  const t = useT('opinions');
  const me = useMe();
  const [year, setYear] = useState(thisYear());
  const issues = useQuery({ queryKey: ['opinions', 'issues', year], queryFn: () => opinionsApi.issues({ year }) });
  return (
    <>
      <PageHeader
        title={t('issues.title')}
        extra={
          <>
            <Select value={year} onChange={setYear} options={recentYears().map((y) => ({ value: y, label: String(y) }))} aria-label={t('field.year')} style={{ width: 100 }} />
            {hasAnyRole(me, OFFICE) && (
              <Link to="/opinions/issues/new">
                <Button type="primary" icon={<PlusOutlined />}>
                  {t('issues.new')}
                </Button>
              </Link>
            )}
          </>
        }
      />
      <ErrorAlert error={issues.error} />
      <Card>
        <List
          loading={issues.isLoading}
          dataSource={issues.data ?? []}
          locale={{ emptyText: <Empty description={t('issues.empty')} /> }}
          renderItem={(i) => (
            <List.Item
              actions={[
                <a key="docx" href={opinionsApi.issueDocxUrl(i.id)} download>
                  <DownloadOutlined /> {t('issues.docx')}
                </a>,
              ]}
            >
              <Flex vertical>
                <Link to={`/opinions/issues/${i.id}`}>
                  <Typography.Text strong>{t('issueNo', { year: i.year, number: i.number })}</Typography.Text>
                </Link>
                <Typography.Text type="secondary">
                  {i.organizationName} · {i.publishedOn} · {t('issues.items', { n: i.items.length })}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      </Card>
    </>
  );
}
