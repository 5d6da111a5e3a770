import { App, Button, Popconfirm } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { proposalsApi } from '../../../api/proposals';
import { problemMessage } from '../../../api/errors';
import { useLocale, useT } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { PageHeader } from '../../../shared/PageHeader';
import { Section } from '../components/Section';

/** A member's proposals: drafts, filed ones, co-sign requests to answer and replies to rate. */
export default function MemberWorkbenchPage() {
  const t = useT('proposals');
  const { lang } = useLocale();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const bench = useQuery({ queryKey: ['proposals', 'workbench'], queryFn: proposalsApi.workbench });
  const cosign = useMutation({
    mutationFn: ({ id, decision }: { id: number; decision: 'confirm' | 'decline' }) => proposalsApi.cosign(id, decision),
    onSuccess: (_, v) => {
      void message.success(t(v.decision === 'confirm' ? 'cosign.confirmed' : 'cosign.declined'));
      void queryClient.invalidateQueries({ queryKey: ['proposals'] });
    },
    onError: (e) => void message.error(problemMessage(e, lang)),
  });
  const m = bench.data?.member;
  return (
    <>
      <PageHeader
        title={t('member.title')}
        extra={
          <Link to="/proposals/new">
            <Button type="primary" icon={<PlusOutlined />}>
              {t('menu.new')}
            </Button>
          </Link>
        }
      />
      <ErrorAlert error={bench.error} />
      <Section
        title={t('member.cosignRequests')}
        section={m?.cosignRequests}
        loading={bench.isLoading}
        testId="cosign-requests"
        actions={(p) => (
          <>
            <Button size="small" type="primary" loading={cosign.isPending} onClick={() => cosign.mutate({ id: p.id, decision: 'confirm' })}>
              {t('cosign.confirm')}
            </Button>
            <Popconfirm title={t('cosign.declineConfirm')} okText={t('cosign.decline')} cancelText={t('action.cancel')} onConfirm={() => cosign.mutate({ id: p.id, decision: 'decline' })}>
              <Button size="small" danger>
                {t('cosign.decline')}
              </Button>
            </Popconfirm>
          </>
        )}
      />
      <Section title={t('member.ratingsDue')} section={m?.ratingsDue} loading={bench.isLoading} testId="ratings-due" />
      <Section title={t('member.drafts')} section={m?.drafts} loading={bench.isLoading} testId="drafts" />
      <Section title={t('member.filed')} section={m?.filed} loading={bench.isLoading} testId="filed" />
    </>
  );
}
