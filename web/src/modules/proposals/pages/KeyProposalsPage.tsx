import { Card, Empty, Flex, Progress, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { proposalsApi } from '../../../api/proposals';
import { hasAnyRole, useMe } from '../../../app/session';
import { pickLang, useLocale, useT } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { ListFooter } from '../../../shared/ListFooter';
import { PageHeader } from '../../../shared/PageHeader';
import { useKeysetList } from '../../../shared/useKeysetList';
import { ProposalTable } from '../components/ProposalTable';

/** Key proposals: a leader sees those they sponsor with progress; the office and leaders see all of them. */
export default function KeyProposalsPage() {
  const t = useT('proposals');
  const { lang } = useLocale();
  const me = useMe();
  const isLeader = hasAnyRole(me, ['leader']);
  // The leader's home links here with ?open=true (not closed) and &overdue=true: the page shows what was counted.
  const [params] = useSearchParams();
  const filter = { open: params.get('open') === 'true', overdue: params.get('overdue') === 'true' };
  const sponsored = useQuery({ queryKey: ['proposals', 'sponsored', filter], queryFn: () => proposalsApi.sponsored(filter), enabled: isLeader });
  const all = useKeysetList(['proposals', 'list', 'key'], (cursor) => proposalsApi.list({ key: true }, cursor));
  return (
    <>
      <PageHeader title={t('key.title')} />
      {isLeader && (
        <Card
          title={t('key.sponsored')}
          style={{ marginBottom: 16 }}
          data-testid="sponsored"
          extra={(filter.open || filter.overdue) && (
            <Link to="/proposals/key" data-testid="sponsored-filter">
              <Tag closable={false} color={filter.overdue ? 'red' : 'blue'}>{t(filter.overdue ? 'key.onlyOverdue' : 'key.onlyOpen', { n: sponsored.data?.length ?? 0 })}</Tag>
              {t('key.showAll')}
            </Link>
          )}
        >
          <ErrorAlert error={sponsored.error} />
          {sponsored.data?.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('key.noneSponsored')} />}
          <Flex vertical gap={12}>
            {(sponsored.data ?? []).map((s) => {
              const total = s.replied + s.replying;
              return (
                <Card key={s.id} type="inner" size="small" title={<Link to={`/proposals/${s.id}`} style={{ whiteSpace: 'normal' }}>{s.title}</Link>} extra={<Tag>{pickLang(lang, s.stateLabel, s.stateLabelEn)}</Tag>}>
                  <Typography.Text type="secondary">{s.proposerName}</Typography.Text>
                  <Progress percent={total ? Math.round((s.replied / total) * 100) : 0} format={() => t('key.replied', { replied: s.replied, total })} />
                  {s.units.map((u, i) => (
                    <div key={i}>
                      {u.name}（{t(`role.${u.role}`)}）<Tag>{t(`assignment.${u.state}`)}</Tag>
                      {t('field.deadlineShort', { date: u.deadline })}
                      {u.overdue && <Tag color="red">{t('field.overdue')}</Tag>}
                    </div>
                  ))}
                  {s.lastProgress && (
                    <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>
                      {t('key.lastProgress', { date: s.lastProgress.heldOn, n: s.progressCount })}
                      {s.lastProgress.text}
                    </Typography.Paragraph>
                  )}
                </Card>
              );
            })}
          </Flex>
        </Card>
      )}
      <Card title={t('key.all')}>
        <ErrorAlert error={all.error} />
        <ProposalTable items={all.items} loading={all.loading} testId="key-proposals" deadlines />
        <ListFooter total={all.total} shown={all.items.length} hasMore={all.hasMore} loadingMore={all.loadingMore} onLoadMore={all.loadMore} />
      </Card>
    </>
  );
}
