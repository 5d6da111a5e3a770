import { useState } from 'react';
import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { orgsApi } from '../../../api/orgs';

interface Props {
  value?: number | null;
  onChange?: (id: number | null) => void;
  organizationId?: number;
  /** The name of the member already chosen, so it shows before any search. */
  currentName?: string | null;
  placeholder?: string;
  id?: string;
}

/** Searches the roster as the user types (two or more characters match inside names). */
export function MemberPicker({ value, onChange, organizationId, currentName, placeholder, id }: Props) {
  const [q, setQ] = useState('');
  const found = useQuery({
    queryKey: ['orgs', 'members', 'pick', organizationId ?? null, q],
    queryFn: () => orgsApi.members({ q: q || undefined, organizationId, status: 'active' }, null, 20),
    staleTime: 30_000,
  });
  const options = (found.data?.items ?? []).map((m) => ({ value: m.id, label: `${m.name}（${m.workplace}）` }));
  if (value && currentName && !options.some((o) => o.value === value)) options.unshift({ value, label: currentName });

  return (
    <Select
      id={id}
      value={value ?? undefined}
      onChange={(v?: number) => onChange?.(v ?? null)}
      options={options}
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      loading={found.isFetching}
      placeholder={placeholder}
    />
  );
}
