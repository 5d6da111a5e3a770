// A year's duty in figures: members, average points, and how often each kind of act happened,
// for the organization alone (本级) or with every CPPCC below it (全系统).
import { useState } from 'react';
import { Card, Flex, Select, Statistic, Table } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { dutyApi, GRADES, type DutyStats } from '../../../api/duty';
import type { OrgScope } from '../../../api/types';
import { pickLang, useLocale, useT } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { OrganizationSelect } from '../../../shared/OrganizationSelect';
import { PageHeader } from '../../../shared/PageHeader';
import { ScopeSwitch } from '../../../shared/ScopeSwitch';
import { today } from '../../../shared/time';

const thisYear = Number(today().slice(0, 4));

export default function StatsPage() {
  const t = useT('duty');
  const { lang } = useLocale();
  const [organizationId, setOrganizationId] = useState<number | undefined>();
  const [year, setYear] = useState(thisYear);
  const [scope, setScope] = useState<OrgScope>('own');
  const stats = useQuery({ queryKey: ['duty', 'stats', organizationId, year, scope], queryFn: () => dutyApi.stats({ organizationId, year, scope }) });
  return (
    <>
      <PageHeader title={t('stats.title')} />
      <Flex wrap gap={8} style={{ marginBottom: 16 }}>
        <OrganizationSelect value={organizationId} onChange={setOrganizationId} />
        <Select aria-label={t('mine.year')} value={year} onChange={setYear} style={{ width: 100 }} options={[0, 1, 2].map((d) => ({ value: thisYear - d, label: String(thisYear - d) }))} />
        <ScopeSwitch value={scope} onChange={setScope} organizationId={organizationId} />
      </Flex>
      <ErrorAlert error={stats.error} />
      <Flex wrap gap={16} style={{ marginBottom: 16 }}>
        <Card size="small"><Statistic title={t('stats.members')} value={stats.data?.members ?? 0} /></Card>
        <Card size="small"><Statistic title={t('stats.average')} value={stats.data?.averagePoints ?? 0} /></Card>
        <Card size="small"><Statistic title={t('stats.warnings')} value={stats.data?.warnings.sent ?? 0} suffix={t('stats.warnedMembers', { n: stats.data?.warnings.members ?? 0 })} /></Card>
        <Card size="small"><Statistic title={t('stats.exits')} value={stats.data?.exits.exit ?? 0} suffix={t('stats.kept', { n: stats.data?.exits.keep ?? 0 })} /></Card>
      </Flex>
      <Flex wrap gap={16} style={{ marginBottom: 16 }} data-testid="duty-grade-stats">
        {GRADES.map((g) => <Card key={g} size="small"><Statistic title={t(`grade.${g}`)} value={stats.data?.grades[g] ?? 0} /></Card>)}
      </Flex>
      <Table<DutyStats['kinds'][number]>
        data-testid="duty-stats"
        rowKey="kind"
        size="middle"
        pagination={false}
        loading={stats.isLoading}
        dataSource={stats.data?.kinds ?? []}
        columns={[
          { key: 'kind', title: t('rules.kind'), render: (_, k) => pickLang(lang, k.label.zh, k.label.en) },
          { key: 'events', title: t('stats.events'), dataIndex: 'events' },
        ]}
      />
    </>
  );
}
