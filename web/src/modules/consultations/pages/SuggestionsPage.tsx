import { useState } from 'react';
import { Select } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { consultationsApi, SUGGESTION_STATES, type SuggestionState, type SuggestionSummary } from '../../../api/consultations';
import { useLocale, useT } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { FilterBar } from '../../../shared/FilterBar';
import { ListFooter } from '../../../shared/ListFooter';
import { PageHeader } from '../../../shared/PageHeader';
import { ResponsiveTable, type Column } from '../../../shared/ResponsiveTable';
import { formatTime } from '../../../shared/time';
import { useIsPhone } from '../../../shared/useIsPhone';
import { useKeysetList } from '../../../shared/useKeysetList';
import { SuggestionStateTag } from '../components/labels';

/** Suggestions from consultations: all of them for the office and leaders, a unit's own for a unit. */
export default function SuggestionsPage() {
  const t = useT('consultations');
  const { lang } = useLocale();
  const isPhone = useIsPhone();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const meetingId = Number(params.get('meetingId')) || undefined;
  const [state, setState] = useState<SuggestionState | undefined>();
  const filters = { meetingId, state };
  const list = useKeysetList(['consultations', 'suggestions', filters], (cursor) => consultationsApi.suggestions(filters, cursor));
  const columns: Column<SuggestionSummary>[] = [
    { key: 'title', title: t('field.suggestionTitle'), dataIndex: 'title', hideInCard: true, render: (v: string, s) => <Link to={`/consultations/suggestions/${s.id}`}>{v}</Link> },
    { key: 'state', title: t('field.state'), dataIndex: 'state', render: (v: SuggestionState) => <SuggestionStateTag state={v} t={t} /> },
    { key: 'meeting', title: t('field.meeting'), render: (_: unknown, s) => (s.meeting ? <Link to={`/consultations/meetings/${s.meeting.id}`} onClick={(e) => e.stopPropagation()}>{s.meeting.topic}</Link> : '') },
    { key: 'source', title: t('field.source'), render: (_: unknown, s) => [s.sourceKind ? t(`source.${s.sourceKind}`) : '', s.sourceAuthor ?? ''].filter(Boolean).join(' · ') },
    { key: 'createdAt', title: t('field.createdAt'), dataIndex: 'createdAt', render: (v?: string) => formatTime(v, lang) },
  ];
  return (
    <>
      <PageHeader title={t('suggestions.title')} />
      <FilterBar
        testId="suggestion-filters"
        active={state ? 1 : 0}
        onReset={() => setState(undefined)}
        filters={<Select value={state} onChange={setState} allowClear placeholder={t('field.state')} aria-label={t('field.state')} style={{ width: isPhone ? '100%' : 170 }} options={SUGGESTION_STATES.map((s) => ({ value: s, label: t(`suggestionState.${s}`) }))} />}
      />
      <ErrorAlert error={list.error} />
      <ResponsiveTable<SuggestionSummary>
        testId="suggestions-table"
        columns={columns}
        keyColumns={['title']}
        dataSource={list.items}
        rowKey="id"
        loading={list.loading}
        onRowClick={isPhone ? (s) => void navigate(`/consultations/suggestions/${s.id}`) : undefined}
        cardTitle={(s) => <span style={{ whiteSpace: 'normal' }}>{s.title}</span>}
      />
      <ListFooter total={list.total} shown={list.items.length} hasMore={list.hasMore} loadingMore={list.loadingMore} onLoadMore={list.loadMore} />
    </>
  );
}
