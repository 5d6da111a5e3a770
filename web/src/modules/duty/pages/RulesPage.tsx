// The rules of an organization's year, as data: each kind's points and cap, the penalties (kinds
// that take points away), the minimums and the grade bands. A change recomputes the year; a
// published year is frozen. Leaders read them.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Flex, InputNumber, Select, Table, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { dutyApi, type DutyRule } from '../../../api/duty';
import { roleSet, useMe } from '../../../app/session';
import { pickLang, useLocale, useT } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { OrganizationSelect } from '../../../shared/OrganizationSelect';
import { PageHeader } from '../../../shared/PageHeader';
import { today } from '../../../shared/time';
import { GradingCard } from '../components/GradingCard';

const thisYear = Number(today().slice(0, 4));

export default function RulesPage() {
  const t = useT('duty');
  const { lang } = useLocale();
  const { message } = App.useApp();
  const roles = roleSet(useMe());
  const [organizationId, setOrganizationId] = useState<number | undefined>();
  const [year, setYear] = useState(thisYear);
  const rules = useQuery({ queryKey: ['duty', 'rules', organizationId, year], queryFn: () => dutyApi.rules(organizationId, year) });
  // A published year is frozen: its rules are shown, not edited.
  const mayEdit = (roles.has('admin') || roles.has('staff')) && rules.data?.state !== 'published';
  const [draft, setDraft] = useState<Record<string, { points: number; cap: number | null }>>({});
  useEffect(() => setDraft(Object.fromEntries((rules.data?.rules ?? []).map((r) => [r.kind, { points: r.points, cap: r.cap }]))), [rules.data]);
  const client = useQueryClient();
  const changed = (rules.data?.rules ?? []).filter((r) => draft[r.kind] && (draft[r.kind]!.points !== r.points || draft[r.kind]!.cap !== r.cap));
  const save = useMutation({
    mutationFn: () => dutyApi.setRules({ organizationId: rules.data!.organizationId, year, rules: changed.map((r) => ({ kind: r.kind, ...draft[r.kind]! })) }),
    onSuccess: async () => {
      message.success(t('rules.saved'));
      await client.invalidateQueries({ queryKey: ['duty'] });
    },
  });
  const columns = [
    { key: 'kind', title: t('rules.kind'), render: (_: unknown, r: DutyRule) => pickLang(lang, r.label.zh, r.label.en) },
    { key: 'default', title: t('rules.default'), dataIndex: 'default' },
    {
      key: 'points', title: t('rules.points'),
      render: (_: unknown, r: DutyRule) => <InputNumber aria-label={`${pickLang(lang, r.label.zh, r.label.en)} ${t('rules.points')}`} disabled={!mayEdit} min={-100} max={100} step={0.5} value={draft[r.kind]?.points} onChange={(v) => edit(r.kind, { points: v ?? 0 })} />,
    },
    {
      key: 'cap', title: t('rules.cap'),
      render: (_: unknown, r: DutyRule) => <InputNumber disabled={!mayEdit} min={0} max={1000} placeholder={t('rules.noCap')} value={draft[r.kind]?.cap ?? null} onChange={(v) => edit(r.kind, { cap: v ?? null })} />,
    },
  ];
  const edit = (kind: string, patch: Partial<{ points: number; cap: number | null }>) => setDraft((d) => ({ ...d, [kind]: { ...d[kind]!, ...patch } }));
  return (
    <>
      <PageHeader title={t('rules.title')} extra={mayEdit && <Button type="primary" disabled={changed.length === 0} loading={save.isPending} onClick={() => save.mutate()} data-testid="duty-rules-save">{t('rules.save')}</Button>} />
      <Flex wrap gap={8} style={{ marginBottom: 16 }}>
        <OrganizationSelect value={organizationId} onChange={setOrganizationId} />
        <Select aria-label={t('mine.year')} value={year} onChange={setYear} style={{ width: 100 }} options={[1, 0, -1, -2].map((d) => ({ value: thisYear + d, label: String(thisYear + d) }))} />
      </Flex>
      <ErrorAlert error={rules.error ?? save.error} />
      {rules.data?.state === 'published' && <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('rules.frozen', { year })} />}
      {[false, true].map((penalty) => (
        <div key={String(penalty)}>
          {penalty && <Typography.Title level={5} style={{ marginTop: 16 }}>{t('rules.penalties')}</Typography.Title>}
          <Table<DutyRule>
            data-testid={penalty ? 'duty-penalties' : 'duty-rules'}
            rowKey="kind"
            size="middle"
            pagination={false}
            scroll={{ x: true }}
            loading={rules.isLoading}
            dataSource={(rules.data?.rules ?? []).filter((r) => r.penalty === penalty)}
            columns={columns}
          />
        </div>
      ))}
      {rules.data && <GradingCard rules={rules.data} mayEdit={mayEdit} />}
    </>
  );
}
