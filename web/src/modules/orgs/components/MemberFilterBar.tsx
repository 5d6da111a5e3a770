import { useEffect, useState } from 'react';
import { Input, Select } from 'antd';
import type { MemberFilters } from '../../../api/types';
import { useT } from '../../../i18n/LocaleProvider';
import { FilterBar } from '../../../shared/FilterBar';
import { OrganizationSelect } from '../../../shared/OrganizationSelect';
import { useIsPhone } from '../../../shared/useIsPhone';
import { toOptions, useCatalog } from '../hooks';

interface Props {
  value: MemberFilters;
  onChange: (next: MemberFilters) => void;
}

export function MemberFilterBar({ value, onChange }: Props) {
  const t = useT('orgs');
  const ta = useT('app');
  const isPhone = useIsPhone();
  const [q, setQ] = useState(value.q ?? '');
  useEffect(() => setQ(value.q ?? ''), [value.q]);
  const chosen = [value.organizationId, value.sectorId, value.committeeId, value.status, value.gender].filter((v) => v !== undefined).length;
  const sectors = useCatalog('sectors', value.organizationId);
  const committees = useCatalog('committees', value.organizationId);
  const width = isPhone ? '100%' : 180;
  const set = (patch: Partial<MemberFilters>) => onChange({ ...value, ...patch });

  const selects = (
    <>
      <OrganizationSelect
        value={value.organizationId}
        // A sector or committee belongs to one organization: a new organization clears them.
        onChange={(organizationId) => set({ organizationId, sectorId: undefined, committeeId: undefined })}
        placeholder={ta('common.organization')}
        allowClear
        style={{ width }}
      />
      <Select
        value={value.sectorId}
        onChange={(sectorId?: number) => set({ sectorId })}
        options={toOptions(sectors.data)}
        placeholder={t('member.sector')}
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        style={{ width }}
      />
      <Select
        value={value.committeeId}
        onChange={(committeeId?: number) => set({ committeeId })}
        options={toOptions(committees.data)}
        placeholder={t('member.committees')}
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        style={{ width }}
      />
      <Select
        value={value.status}
        onChange={(status?: MemberFilters['status']) => set({ status })}
        options={[
          { value: 'active', label: t('status.active') },
          { value: 'exited', label: t('status.exited') },
        ]}
        placeholder={t('member.status')}
        allowClear
        style={{ width: isPhone ? '100%' : 120 }}
      />
      <Select
        value={value.gender}
        onChange={(gender?: MemberFilters['gender']) => set({ gender })}
        options={[
          { value: 'male', label: ta('gender.male') },
          { value: 'female', label: ta('gender.female') },
        ]}
        placeholder={t('member.gender')}
        allowClear
        style={{ width: isPhone ? '100%' : 100 }}
      />
    </>
  );

  return (
    <FilterBar
      testId="member-filters"
      active={chosen}
      onReset={() => onChange({})}
      filters={selects}
      lead={
        <Input.Search
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onSearch={(text) => set({ q: text.trim() || undefined })}
          placeholder={t('members.searchPlaceholder')}
          enterButton={ta('common.search')}
          allowClear
          style={{ width: isPhone ? '100%' : 300 }}
        />
      }
    />
  );
}
