import { Card, Empty, Flex, Input, List, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { proposalsApi } from '../../../api/proposals';
import { pickLang, useLocale, useT } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { ListFooter } from '../../../shared/ListFooter';
import { useKeysetList } from '../../../shared/useKeysetList';
import { PublicFrame } from '../components/PublicFrame';

/** Accepted proposals the office made public, and their replies: anyone may read and search them. */
export default function PublicListPage() {
  const t = useT('proposals');
  const { lang } = useLocale();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const list = useKeysetList(['proposals', 'public', q], (cursor) => proposalsApi.publicList({ q: q || undefined }, cursor));
  return (
    <PublicFrame title={t('public.title')}>
      <Typography.Title level={3}>{t('public.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('public.intro')}</Typography.Paragraph>
      <Input.Search
        defaultValue={q}
        placeholder={t('public.search')}
        aria-label={t('public.search')}
        allowClear
        enterButton={t('public.searchButton')}
        onSearch={(v) => setParams(v.trim() ? { q: v.trim() } : {})}
        style={{ marginBottom: 16 }}
      />
      <ErrorAlert error={list.error} />
      <Card size="small">
        <List
          data-testid="public-proposals"
          loading={list.loading}
          dataSource={list.items}
          locale={{ emptyText: <Empty description={t('public.none')} /> }}
          renderItem={(p) => (
            <List.Item style={{ display: 'block' }}>
              <Link to={`/disclosure/proposals/${p.id}`} style={{ fontSize: 16 }}>
                {p.title}
              </Link>
              <Flex wrap gap={6} style={{ marginTop: 4, color: 'rgba(0,0,0,0.55)' }}>
                <span>{pickLang(lang, p.sessionLabel ?? undefined, p.sessionLabel_en ?? undefined) || p.year}</span>
                {p.number !== null && <span>{t('public.number', { n: lang === 'en' ? String(p.number) : String(p.number).padStart(4, '0') })}</span>}
                <span>{p.proposers.map((x) => (x.sector ? `${x.name}（${x.sector}）` : x.name)).join('、')}</span>
                {p.category && <Tag>{p.category}</Tag>}
                {p.replied && <Tag color="green">{t('public.replied')}</Tag>}
              </Flex>
            </List.Item>
          )}
        />
      </Card>
      <ListFooter total={list.total} shown={list.items.length} hasMore={list.hasMore} loadingMore={list.loadingMore} onLoadMore={list.loadMore} />
    </PublicFrame>
  );
}
