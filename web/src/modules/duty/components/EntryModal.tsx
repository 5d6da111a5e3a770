// The office enters an offline duty (a research trip, a training) for one or many members at once,
// with the reason it is entered by hand; the entry is audited and shown as entered by the office.
import { useState } from 'react';
import { Form, Input, Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { dutyApi } from '../../../api/duty';
import { useT } from '../../../i18n/LocaleProvider';
import { OfflineDutyModal } from './OfflineDutyModal';

export function EntryModal({ organizationId, open, onClose }: { organizationId: number; open: boolean; onClose: () => void }) {
  const t = useT('duty');
  const ta = useT('app');
  // The members to choose from: found by name on the server, so a large organization needs no long list.
  const [search, setSearch] = useState('');
  const members = useQuery({ queryKey: ['duty', 'entry-members', organizationId, search], queryFn: () => dutyApi.members({ organizationId, name: search || undefined, sort: 'name', order: 'asc', pageSize: 50 }), enabled: open });
  const [chosen, setChosen] = useState(new Map<number, string>());
  const required = [{ required: true, message: ta('common.required') }];

  return (
    <OfflineDutyModal
      title={t('entry.title')} okText={t('entry.submit')} done={t('entry.done')} open={open} onClose={onClose}
      fields={['memberIds', 'kind', 'occurredOn', 'title', 'reason']}
      send={(v) => dutyApi.enter({ organizationId, memberIds: v.memberIds as number[], kind: v.kind, occurredOn: v.occurredOn, title: v.title, reason: v.reason as string })}
      before={
        <Form.Item name="memberIds" label={t('entry.members')} rules={required}>
          <Select
            mode="multiple"
            showSearch
            filterOption={false}
            onSearch={setSearch}
            loading={members.isFetching}
            onChange={(ids: number[]) => setChosen((old) => new Map(ids.map((id) => [id, old.get(id) ?? members.data?.items.find((m) => m.memberId === id)?.name ?? String(id)])))}
            // Members chosen earlier stay listed while the search shows others.
            options={[
              ...[...chosen].filter(([id]) => !members.data?.items.some((m) => m.memberId === id)).map(([id, name]) => ({ value: id, label: name })),
              ...(members.data?.items ?? []).map((m) => ({ value: m.memberId, label: `${m.name}（${m.sector}）` })),
            ]}
          />
        </Form.Item>
      }
      after={
        <Form.Item name="reason" label={t('entry.reason')} rules={required}>
          <Input.TextArea rows={2} maxLength={500} showCount />
        </Form.Item>
      }
    />
  );
}
