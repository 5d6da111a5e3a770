import { useState } from 'react';
import { App, Button, Card, Flex, Input, InputNumber, List, Select, Switch, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { accountsApi } from '../../../api/accounts';
import { orgsApi, type CatalogKind } from '../../../api/orgs';
import { proposalsApi, type CategoryNode, type CollectiveKind } from '../../../api/proposals';
import { useT } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { PageHeader } from '../../../shared/PageHeader';

const BODY_CATALOG: Record<CollectiveKind, CatalogKind> = { party_group: 'party-groups', sector: 'sectors', committee: 'committees' };

/** The administrator's settings of the proposal office: categories, reject reasons, deadline, collective accounts. */
export default function SettingsPage() {
  const t = useT('proposals');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const config = useQuery({ queryKey: ['proposals', 'config', 'settings'], queryFn: () => proposalsApi.config() });
  const done = () => {
    void message.success(t('action.done'));
    void queryClient.invalidateQueries({ queryKey: ['proposals', 'config'] });
  };
  const change = useMutation({ mutationFn: (run: () => Promise<unknown>) => run(), onSuccess: done });
  const c = config.data;
  return (
    <>
      <PageHeader title={t('settings.title')} />
      <ErrorAlert error={config.error ?? change.error} />
      {c && (
        <>
          <Card title={t('settings.categories')} style={{ marginBottom: 16 }} data-testid="settings-categories">
            <Categories nodes={c.categories} depth={0} run={(f) => change.mutate(f)} organizationId={c.organizationId} />
            <AddLine placeholder={t('settings.newCategory')} onAdd={(name) => change.mutate(() => proposalsApi.addCategory({ organizationId: c.organizationId, name }))} />
          </Card>
          <Card title={t('settings.rejectReasons')} style={{ marginBottom: 16 }}>
            <List
              size="small"
              dataSource={c.rejectReasons}
              renderItem={(r) => (
                <List.Item extra={<Switch size="small" checked={r.active} aria-label={t('settings.active')} onChange={(active) => change.mutate(() => proposalsApi.changeRejectReason(r.id, { active }))} />}>
                  <Typography.Text delete={!r.active} editable={{ onChange: (text) => text.trim() && text !== r.text && change.mutate(() => proposalsApi.changeRejectReason(r.id, { text })) }}>{r.text}</Typography.Text>
                </List.Item>
              )}
            />
            <AddLine placeholder={t('settings.newReason')} onAdd={(text) => change.mutate(() => proposalsApi.addRejectReason({ organizationId: c.organizationId, text }))} />
          </Card>
          <Card title={t('settings.deadline')} style={{ marginBottom: 16 }}>
            <Deadline key={c.deadlineMonths} months={c.deadlineMonths} onSave={(deadlineMonths) => change.mutate(() => proposalsApi.saveSettings({ organizationId: c.organizationId, deadlineMonths }))} />
          </Card>
          <Card title={t('settings.collective')}>
            <Collective organizationId={c.organizationId} onSave={(body) => change.mutate(() => proposalsApi.linkCollective(body))} />
          </Card>
        </>
      )}
    </>
  );
}

type Run = (f: () => Promise<unknown>) => void;

/** The category tree: rename in place, deactivate, add a subcategory under a top-level one. */
function Categories({ nodes, depth, run, organizationId }: { nodes: CategoryNode[]; depth: number; run: Run; organizationId: number }) {
  const t = useT('proposals');
  return (
    <>
      {nodes.map((n) => (
        <div key={n.id} style={{ paddingLeft: depth * 20 }}>
          <Flex gap={8} align="center" justify="space-between" style={{ padding: '4px 0' }}>
            <Typography.Text delete={!n.active} editable={{ onChange: (name) => name.trim() && name !== n.name && run(() => proposalsApi.changeCategory(n.id, { name })) }}>{n.name}</Typography.Text>
            <Switch size="small" checked={n.active} aria-label={t('settings.active')} onChange={(active) => run(() => proposalsApi.changeCategory(n.id, { active }))} />
          </Flex>
          <Categories nodes={n.children} depth={depth + 1} run={run} organizationId={organizationId} />
          {depth === 0 && (
            <div style={{ paddingLeft: 20 }}>
              <AddLine small placeholder={t('settings.newSubcategory')} onAdd={(name) => run(() => proposalsApi.addCategory({ organizationId, parentId: n.id, name }))} />
            </div>
          )}
        </div>
      ))}
    </>
  );
}

function AddLine({ placeholder, onAdd, small }: { placeholder: string; onAdd: (text: string) => void; small?: boolean }) {
  const t = useT('proposals');
  const [text, setText] = useState('');
  const add = () => {
    if (!text.trim()) return;
    onAdd(text.trim());
    setText('');
  };
  return (
    <Flex gap={8} style={{ marginTop: 8 }}>
      <Input size={small ? 'small' : 'middle'} value={text} placeholder={placeholder} maxLength={200} onChange={(e) => setText(e.target.value)} onPressEnter={add} />
      <Button size={small ? 'small' : 'middle'} onClick={add} disabled={!text.trim()}>
        {t('settings.add')}
      </Button>
    </Flex>
  );
}

function Deadline({ months, onSave }: { months: number; onSave: (months: number) => void }) {
  const t = useT('proposals');
  const [value, setValue] = useState<number | null>(months);
  return (
    <Flex gap={8} align="center" wrap>
      <InputNumber min={1} max={12} precision={0} value={value} onChange={setValue} aria-label={t('settings.deadline')} />
      <span>{t('settings.months')}</span>
      <Button type="primary" disabled={!value || value === months} onClick={() => value && onSave(value)}>
        {t('quality.save')}
      </Button>
    </Flex>
  );
}

/** Links the account that files collective proposals for a party group, sector or committee. */
function Collective({ organizationId, onSave }: { organizationId: number; onSave: (body: { userId: number; bodyKind: CollectiveKind; bodyId: number }) => void }) {
  const t = useT('proposals');
  const [q, setQ] = useState('');
  const [userId, setUserId] = useState<number>();
  const [bodyKind, setBodyKind] = useState<CollectiveKind>('party_group');
  const [bodyId, setBodyId] = useState<number>();
  const accounts = useQuery({ queryKey: ['accounts', 'pick', organizationId, q], queryFn: () => accountsApi.list({ q: q || undefined, organizationId, status: 'active' }) });
  const bodies = useQuery({ queryKey: ['orgs', BODY_CATALOG[bodyKind], organizationId], queryFn: () => orgsApi.catalog<{ id: number; name: string }>(BODY_CATALOG[bodyKind], organizationId) });
  return (
    <Flex vertical gap={8}>
      <ErrorAlert error={accounts.error ?? bodies.error} />
      <Select showSearch filterOption={false} onSearch={setQ} value={userId} onChange={setUserId} placeholder={t('settings.account')} options={(accounts.data?.items ?? []).map((a) => ({ value: a.id, label: `${a.displayName}（${a.username}）` }))} />
      <Flex gap={8} wrap>
        <Select style={{ flex: '1 1 140px' }} value={bodyKind} onChange={(k) => (setBodyKind(k), setBodyId(undefined))} options={(['party_group', 'sector', 'committee'] as const).map((k) => ({ value: k, label: t(`settings.body.${k}`) }))} />
        <Select style={{ flex: '2 1 180px' }} value={bodyId} onChange={setBodyId} placeholder={t('settings.body')} options={(bodies.data ?? []).map((b) => ({ value: b.id, label: b.name }))} />
      </Flex>
      <Button type="primary" disabled={!userId || !bodyId} onClick={() => userId && bodyId && onSave({ userId, bodyKind, bodyId })} style={{ alignSelf: 'flex-start' }}>
        {t('settings.link')}
      </Button>
    </Flex>
  );
}
