import { useState } from 'react';
import { Button, Checkbox, Input, Select } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { orgsApi } from '../../../api/orgs';
import { LISTED_STATES, PROPOSAL_KINDS, proposalsApi, type ProposalFilters, type ProposalState } from '../../../api/proposals';
import type { Sector } from '../../../api/types';
import { useT } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { FilterBar } from '../../../shared/FilterBar';
import { ListFooter } from '../../../shared/ListFooter';
import { PageHeader } from '../../../shared/PageHeader';
import { useIsPhone } from '../../../shared/useIsPhone';
import { useKeysetList } from '../../../shared/useKeysetList';
import { flatCategories } from '../components/labels';
import { ProposalTable } from '../components/ProposalTable';

const DUE_SOON_DAYS = 7;

/** Filters given in the address (a home page's count links here with them), so the list opens as counted. */
function filtersOf(params: URLSearchParams): ProposalFilters {
  const state = params.get('state');
  const due = Number(params.get('dueWithin'));
  return {
    ...(state && (LISTED_STATES as readonly string[]).includes(state) ? { state: state as ProposalState } : {}),
    ...(params.get('overdue') === 'true' ? { overdue: true } : {}),
    ...(params.get('key') === 'true' ? { key: true } : {}),
    ...(Number.isInteger(due) && due > 0 ? { dueWithin: due } : {}),
  };
}

/** Every filed proposal the caller may see, with filters, full-text search and the .xlsx export. */
export default function ListPage() {
  const t = useT('proposals');
  const isPhone = useIsPhone();
  const [params] = useSearchParams();
  const [filters, setFilters] = useState<ProposalFilters>(() => filtersOf(params));
  const list = useKeysetList(['proposals', 'list', filters], (cursor) => proposalsApi.list(filters, cursor));
  const config = useQuery({ queryKey: ['proposals', 'config'], queryFn: () => proposalsApi.config(), staleTime: 60_000 });
  const sectors = useQuery({ queryKey: ['orgs', 'sectors', config.data?.organizationId], queryFn: () => orgsApi.catalog<Sector>('sectors', config.data?.organizationId), enabled: !!config.data, staleTime: 5 * 60_000 });
  const set = (patch: Partial<ProposalFilters>) => setFilters({ ...filters, ...patch });
  const width = isPhone ? '100%' : 160;
  const { q: _q, ...folded } = filters;
  const active = Object.values(folded).filter((v) => v !== undefined).length;
  const cfg = config.data;
  return (
    <>
      <PageHeader
        title={t('list.title')}
        extra={
          <a href={proposalsApi.exportXlsxUrl(filters)} data-testid="export-xlsx">
            <Button icon={<DownloadOutlined />}>{t('list.exportXlsx')}</Button>
          </a>
        }
      />
      <FilterBar
        testId="proposal-filters"
        active={active}
        onReset={() => setFilters({})}
        lead={<Input.Search placeholder={t('list.search')} aria-label={t('list.search')} allowClear onSearch={(q) => set({ q: q.trim() || undefined })} style={{ width: isPhone ? '100%' : 240 }} />}
        filters={
          <>
            <Select value={filters.sessionId} onChange={(sessionId?: number) => set({ sessionId })} allowClear placeholder={t('field.session')} style={{ width: isPhone ? '100%' : 220 }} options={(cfg?.sessions ?? []).map((s) => ({ value: s.id, label: s.label }))} />
            <Select value={filters.state} onChange={(state) => set({ state })} allowClear placeholder={t('field.state')} style={{ width }} options={LISTED_STATES.map((s) => ({ value: s, label: t(`state.${s}`) }))} />
            <Select value={filters.categoryId} onChange={(categoryId?: number) => set({ categoryId })} allowClear placeholder={t('field.category')} style={{ width }} showSearch={{ optionFilterProp: 'label' }} options={flatCategories(cfg?.categories ?? [])} />
            <Select value={filters.sectorId} onChange={(sectorId?: number) => set({ sectorId })} allowClear placeholder={t('field.sector')} style={{ width }} showSearch={{ optionFilterProp: 'label' }} options={(sectors.data ?? []).map((s) => ({ value: s.id, label: s.name }))} />
            <Select value={filters.kind} onChange={(kind) => set({ kind })} allowClear placeholder={t('field.kind')} style={{ width }} options={PROPOSAL_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))} />
            <Select value={filters.unitId} onChange={(unitId?: number) => set({ unitId })} allowClear placeholder={t('field.unit')} style={{ width: isPhone ? '100%' : 200 }} showSearch={{ optionFilterProp: 'label' }} options={(cfg?.units ?? []).map((u) => ({ value: u.id, label: u.name }))} />
            <Checkbox checked={!!filters.key} onChange={(e) => set({ key: e.target.checked || undefined })}>
              {t('field.key')}
            </Checkbox>
            <Checkbox checked={!!filters.overdue} onChange={(e) => set({ overdue: e.target.checked || undefined })}>
              {t('field.overdue')}
            </Checkbox>
            <Checkbox checked={!!filters.dueWithin} onChange={(e) => set({ dueWithin: e.target.checked ? DUE_SOON_DAYS : undefined })}>
              {t('field.dueSoon')}
            </Checkbox>
          </>
        }
      />
      <ErrorAlert error={list.error ?? config.error} />
      <ProposalTable items={list.items} loading={list.loading} testId="proposals-table" deadlines />
      <ListFooter total={list.total} shown={list.items.length} hasMore={list.hasMore} loadingMore={list.loadingMore} onLoadMore={list.loadMore} />
    </>
  );
}
