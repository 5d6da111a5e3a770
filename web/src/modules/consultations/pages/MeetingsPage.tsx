import { useState } from 'react';
import { Button, Checkbox, Select } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router';
import { consultationsApi, MEETING_STATES, MEETING_TYPES, type MeetingFilters } from '../../../api/consultations';
import { hasAnyRole, useMe } from '../../../app/session';
import { useT } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { FilterBar } from '../../../shared/FilterBar';
import { ListFooter } from '../../../shared/ListFooter';
import { PageHeader } from '../../../shared/PageHeader';
import { useIsPhone } from '../../../shared/useIsPhone';
import { useKeysetList } from '../../../shared/useKeysetList';
import { MeetingTable } from '../components/MeetingTable';
import { YearSelect } from '../components/YearSelect';
import { OFFICE } from '../manifest';

/** The meetings the caller may see: all of them for the office, invitations and online ones for others. */
export default function MeetingsPage() {
  const t = useT('consultations');
  const me = useMe();
  const isPhone = useIsPhone();
  // A member's home links here with ?toAnswer=true: the invitations still to answer.
  const [params] = useSearchParams();
  const [filters, setFilters] = useState<MeetingFilters>(() => (params.get('toAnswer') === 'true' ? { toAnswer: true } : {}));
  const list = useKeysetList(['consultations', 'meetings', filters], (cursor) => consultationsApi.meetings(filters, cursor));
  const set = (patch: Partial<MeetingFilters>) => setFilters({ ...filters, ...patch });
  const width = isPhone ? '100%' : 170;
  const active = Object.values(filters).filter((v) => v !== undefined).length;
  return (
    <>
      <PageHeader
        title={t('meetings.title')}
        extra={
          hasAnyRole(me, OFFICE) && (
            <Link to="/consultations/meetings/new">
              <Button type="primary" icon={<PlusOutlined />}>
                {t('meetings.new')}
              </Button>
            </Link>
          )
        }
      />
      <FilterBar
        testId="meeting-filters"
        active={active}
        onReset={() => setFilters({})}
        filters={
          <>
            <YearSelect value={filters.year} onChange={(year) => set({ year })} allowClear />
            <Select value={filters.type} onChange={(type) => set({ type })} allowClear placeholder={t('field.type')} aria-label={t('field.type')} style={{ width }} options={MEETING_TYPES.map((k) => ({ value: k, label: t(`type.${k}`) }))} />
            <Select value={filters.state} onChange={(state) => set({ state })} allowClear placeholder={t('field.state')} aria-label={t('field.state')} style={{ width }} options={MEETING_STATES.map((s) => ({ value: s, label: t(`meetingState.${s}`) }))} />
            {me.memberId !== null && (
              <Checkbox checked={!!filters.toAnswer} onChange={(e) => set({ toAnswer: e.target.checked || undefined })}>
                {t('field.toAnswer')}
              </Checkbox>
            )}
          </>
        }
      />
      <ErrorAlert error={list.error} />
      <MeetingTable items={list.items} loading={list.loading} testId="meetings-table" />
      <ListFooter total={list.total} shown={list.items.length} hasMore={list.hasMore} loadingMore={list.loadingMore} onLoadMore={list.loadMore} />
    </>
  );
}
