import { useState } from 'react';
import { Badge, Button, Collapse, Flex, Input, Select, Tag, Typography } from 'antd';
import { FileTextOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { CATEGORIES, OPINION_SOURCES, OPINION_STATES, opinionsApi, type OpinionFilters, type OpinionState, type OpinionSummary } from '../../../api/opinions';
import { orgsApi } from '../../../api/orgs';
import { hasAnyRole, useMe } from '../../../app/session';
import { useLocale, useT } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { FilterBar } from '../../../shared/FilterBar';
import { ListFooter } from '../../../shared/ListFooter';
import { PageHeader } from '../../../shared/PageHeader';
import { ResponsiveTable, type Column } from '../../../shared/ResponsiveTable';
import { useIsPhone } from '../../../shared/useIsPhone';
import { useKeysetList } from '../../../shared/useKeysetList';
import { formatTime } from '../../../shared/time';
import { recentYears, StateTag } from '../components/labels';
import { OFFICE } from '../manifest';

/** The office's queue: every report with filters, and the groups of similar ones. */
export default function WorkbenchPage() {
  const t = useT('opinions');
  const { lang } = useLocale();
  const me = useMe();
  const navigate = useNavigate();
  const isPhone = useIsPhone();
  // A home page's count links here with ?state=…, so the queue opens as counted.
  const [params] = useSearchParams();
  const [filters, setFilters] = useState<OpinionFilters>(() => {
    const state = params.get('state');
    return {
      ...(state && (OPINION_STATES as string[]).includes(state) ? { state: state as OpinionState } : {}),
      ...(params.get('awaitingInstruction') === 'true' ? { awaitingInstruction: 'true' as const } : {}),
    };
  });
  const [placeQ, setPlaceQ] = useState('');
  const list = useKeysetList(['opinions', 'list', filters], (cursor) => opinionsApi.list(filters, cursor));
  const similar = useQuery({ queryKey: ['opinions', 'similar'], queryFn: () => opinionsApi.similar() });
  const places = useQuery({ queryKey: ['orgs', 'places', 'pick', placeQ], queryFn: () => orgsApi.places({ q: placeQ || undefined }, null, 20), staleTime: 30_000 });
  const set = (patch: Partial<OpinionFilters>) => setFilters({ ...filters, ...patch });
  const width = isPhone ? '100%' : 150;
  const active = [filters.state, filters.source, filters.placeId, filters.category, filters.year, filters.awaitingInstruction].filter((v) => v !== undefined).length;

  const columns: Column<OpinionSummary>[] = [
    { key: 'id', title: t('field.serial'), dataIndex: 'id', hideInCard: true, width: 80 },
    { key: 'title', title: t('field.title'), dataIndex: 'title', hideInCard: true, render: (v: string, o) => <Link to={`/opinions/${o.id}`}>{v}</Link> },
    { key: 'state', title: t('field.state'), dataIndex: 'state', render: (s: OpinionSummary['state']) => <StateTag state={s} t={t} /> },
    { key: 'source', title: t('field.source'), dataIndex: 'source', render: (s: OpinionSummary['source']) => t(`source.${s}`) },
    { key: 'from', title: t('field.reporter'), render: (_: unknown, o) => o.memberName ?? o.placeName ?? '' },
    { key: 'category', title: t('field.category'), dataIndex: 'category', render: (c: OpinionSummary['category']) => t(`category.${c}`) },
    { key: 'similar', title: t('field.similar'), dataIndex: 'similarCount', render: (n: number) => (n > 1 ? <Badge count={t('list.similarBadge', { n })} color="orange" /> : '') },
    { key: 'at', title: t('field.submittedAt'), dataIndex: 'submittedAt', render: (v: string) => formatTime(v, lang) },
  ];

  const groups = similar.data ?? [];
  return (
    <>
      <PageHeader
        title={t('list.title')}
        extra={
          hasAnyRole(me, OFFICE) && (
            <Link to="/opinions/issues/new">
              <Button type="primary" icon={<FileTextOutlined />}>
                {t('issues.new')}
              </Button>
            </Link>
          )
        }
      />
      <FilterBar
        active={active}
        onReset={() => setFilters({})}
        lead={<Input.Search placeholder={t('list.search')} allowClear onSearch={(q) => set({ q: q.trim() || undefined })} style={{ width: isPhone ? '100%' : 220 }} />}
        filters={
          <>
            {filters.awaitingInstruction && (
              <Tag closable color="orange" data-testid="awaiting-instruction" onClose={() => set({ awaitingInstruction: undefined })}>
                {t('list.awaitingInstruction')}
              </Tag>
            )}
            <Select value={filters.state} onChange={(state) => set({ state })} allowClear placeholder={t('field.state')} style={{ width }} options={OPINION_STATES.map((s) => ({ value: s, label: t(`state.${s}`) }))} />
            <Select value={filters.source} onChange={(source) => set({ source })} allowClear placeholder={t('field.source')} style={{ width }} options={OPINION_SOURCES.map((s) => ({ value: s, label: t(`source.${s}`) }))} />
            <Select
              value={filters.placeId}
              onChange={(placeId?: number) => set({ placeId })}
              allowClear
              placeholder={t('field.place')}
              style={{ width: isPhone ? '100%' : 200 }}
              showSearch={{ filterOption: false, onSearch: setPlaceQ }}
              options={(places.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
            />
            <Select value={filters.category} onChange={(category) => set({ category })} allowClear placeholder={t('field.category')} style={{ width }} options={CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) }))} />
            <Select value={filters.year} onChange={(year) => set({ year })} allowClear placeholder={t('field.year')} style={{ width: isPhone ? '100%' : 110 }} options={recentYears().map((y) => ({ value: y, label: String(y) }))} />
          </>
        }
      />
      {groups.length > 0 && (
        <Collapse
          size="small"
          style={{ marginBottom: 16 }}
          items={[
            {
              key: 'similar',
              label: t('list.similarGroups', { n: groups.length }),
              children: groups.map((g) => (
                <Flex key={g.group} wrap gap={6} style={{ marginBottom: 6 }}>
                  <Typography.Text strong>{t('list.similarGroup', { title: g.title, count: g.count })}</Typography.Text>
                  {g.opinionIds.map((id) => (
                    <Link key={id} to={`/opinions/${id}`}>
                      #{id}
                    </Link>
                  ))}
                </Flex>
              )),
            },
          ]}
        />
      )}
      <ErrorAlert error={list.error} />
      <ResponsiveTable<OpinionSummary>
        testId="opinions-table"
        columns={columns}
        keyColumns={['id', 'title']}
        dataSource={list.items}
        rowKey="id"
        loading={list.loading}
        onRowClick={isPhone ? (o) => void navigate(`/opinions/${o.id}`) : undefined}
        cardTitle={(o) => `${t('field.serial')} ${o.id} · ${o.title}`}
      />
      <ListFooter total={list.total} shown={list.items.length} hasMore={list.hasMore} loadingMore={list.loadingMore} onLoadMore={list.loadMore} />
    </>
  );
}
