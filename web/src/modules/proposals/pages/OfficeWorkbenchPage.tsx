import { Button } from 'antd';
import { UnorderedListOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { proposalsApi } from '../../../api/proposals';
import { useT } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { PageHeader } from '../../../shared/PageHeader';
import { Section } from '../components/Section';

/** The proposal office's day: what waits for review, for assignment, what is late, what came back. */
export default function OfficeWorkbenchPage() {
  const t = useT('proposals');
  const bench = useQuery({ queryKey: ['proposals', 'workbench'], queryFn: proposalsApi.workbench });
  const s = bench.data?.staff;
  return (
    <>
      <PageHeader
        title={t('office.title')}
        extra={
          <Link to="/proposals/list">
            <Button icon={<UnorderedListOutlined />}>{t('menu.list')}</Button>
          </Link>
        }
      />
      <ErrorAlert error={bench.error} />
      <Section title={t('office.reviewQueue')} section={s?.reviewQueue} loading={bench.isLoading} testId="review-queue" />
      <Section title={t('office.toAssign')} section={s?.toAssign} loading={bench.isLoading} testId="to-assign" />
      <Section title={t('office.reassignRequests')} section={s?.reassignRequests} loading={bench.isLoading} testId="reassign-requests" deadlines />
      <Section title={t('office.overdue')} section={s?.overdue} loading={bench.isLoading} testId="overdue" deadlines />
    </>
  );
}
