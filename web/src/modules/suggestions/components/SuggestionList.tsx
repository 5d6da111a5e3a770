import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { Alert, Select, Switch, Space } from 'antd';
import { Link, useNavigate } from 'react-router';
import { SOURCE_TYPES, SUGGESTION_STATES, suggestionsApi, type SourceType, type SuggestionState, type SuggestionSummary } from '../../../api/suggestions';
import { useLocale, useT } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { FilterBar } from '../../../shared/FilterBar';
import { ListFooter } from '../../../shared/ListFooter';
import { PageHeader } from '../../../shared/PageHeader';
import { ResponsiveTable, type Column } from '../../../shared/ResponsiveTable';
import { formatTime } from '../../../shared/time';
import { useIsPhone } from '../../../shared/useIsPhone';
import { useKeysetList } from '../../../shared/useKeysetList';
import { OverdueTag, StateTag } from './labels';

/** The office's overview of every source's suggestions, or (mine) those the caller's unit still has to answer. */
export function SuggestionList({ mine = false }: { mine?: boolean }) {
  const t = useT('suggestions');
  const { lang } = useLocale();
  const isPhone = useIsPhone();
  const navigate = useNavigate();
  const [state, setState] = useState<SuggestionState | undefined>();
  const [sourceType, setSourceType] = useState<SourceType | undefined>();
  // A home page's count of overdue suggestions links here with ?overdue=true.
  const [params] = useSearchParams();
  const [overdue, setOverdue] = useState(params.get('overdue') === 'true');
  const filters = { state, sourceType, overdue, mine };
  const list = useKeysetList(['suggestions', 'list', filters], (cursor) => suggestionsApi.list(filters, cursor));
  const columns: Column<SuggestionSummary>[] = [
    { key: 'title', title: t('field.title'), dataIndex: 'title', hideInCard: true, render: (v: string, s) => <Link to={`/suggestions/${s.id}`}>{v}</Link> },
    { key: 'state', title: t('field.state'), dataIndex: 'state', render: (v: SuggestionState, s) => <Space size={4}><StateTag state={v} t={t} />{s.overdue && <OverdueTag t={t} />}</Space> },
    { key: 'source', title: t('field.source'), render: (_: unknown, s) => [t(`sourceType.${s.source.type}`), s.source.title ?? ''].filter(Boolean).join(' · ') },
    { key: 'deadline', title: t('field.deadline'), dataIndex: 'deadline', render: (v: string | null) => v ?? '' },
    { key: 'createdAt', title: t('field.createdAt'), dataIndex: 'createdAt', render: (v?: string) => formatTime(v, lang) },
  ];
  const width = isPhone ? '100%' : 170;
  return (
    <>
      <PageHeader title={t(mine ? 'list.mineTitle' : 'list.title')} />
      {mine && <Alert type="info" showIcon title={t(list.total === 0 && !list.loading ? 'empty.mine' : 'list.mineHint')} style={{ marginBottom: 12 }} />}
      <FilterBar
        testId="suggestion-filters"
        active={(state ? 1 : 0) + (sourceType ? 1 : 0) + (overdue ? 1 : 0)}
        onReset={() => {
          setState(undefined);
          setSourceType(undefined);
          setOverdue(false);
        }}
        filters={
          <>
            {!mine && <Select value={state} onChange={setState} allowClear placeholder={t('field.state')} aria-label={t('field.state')} style={{ width }} options={SUGGESTION_STATES.map((s) => ({ value: s, label: t(`state.${s}`) }))} />}
            <Select value={sourceType} onChange={setSourceType} allowClear placeholder={t('field.sourceType')} aria-label={t('field.sourceType')} style={{ width }} options={SOURCE_TYPES.map((s) => ({ value: s, label: t(`sourceType.${s}`) }))} />
            <Space>
              <Switch checked={overdue} onChange={setOverdue} aria-label={t('field.overdue')} />
              {t('field.overdue')}
            </Space>
          </>
        }
      />
      <ErrorAlert error={list.error} />
      <ResponsiveTable<SuggestionSummary>
        testId="suggestions-table"
        columns={columns}
        keyColumns={['title']}
        dataSource={list.items}
        rowKey="id"
        loading={list.loading}
        onRowClick={isPhone ? (s) => void navigate(`/suggestions/${s.id}`) : undefined}
        cardTitle={(s) => <span style={{ whiteSpace: 'normal' }}>{s.title}</span>}
      />
      <ListFooter total={list.total} shown={list.items.length} hasMore={list.hasMore} loadingMore={list.loadingMore} onLoadMore={list.loadMore} />
    </>
  );
}
