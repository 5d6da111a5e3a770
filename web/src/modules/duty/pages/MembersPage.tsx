// 委员履职: every serving member of an organization with points by kind, for the office and
// leaders: filtered by sector and committee, sorted by any column, paged, exported to Excel.
import { useState } from 'react';
import { Button, Flex, Input, Pagination, Select, Tag } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { dutyApi, type MemberDutyRow, type MembersQuery } from '../../../api/duty';
import { orgsApi } from '../../../api/orgs';
import type { Committee, Sector } from '../../../api/types';
import { pickLang, useLocale, useT } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { OrganizationSelect } from '../../../shared/OrganizationSelect';
import { PageHeader } from '../../../shared/PageHeader';
import { ResponsiveTable, type Column } from '../../../shared/ResponsiveTable';
import { today } from '../../../shared/time';
import { roleSet, useMe } from '../../../app/session';
import { EntryModal } from '../components/EntryModal';
import { GradeTag } from '../components/GradeTag';
import type { Grade } from '../../../api/duty';

const GRADES: Grade[] = ['excellent', 'competent', 'basic', 'not_competent'];

const thisYear = Number(today().slice(0, 4));

export default function MembersPage() {
  const t = useT('duty');
  const { lang } = useLocale();
  const [q, setQ] = useState<MembersQuery>({ year: thisYear, sort: 'total', order: 'desc', page: 1, pageSize: 20 });
  const set = (patch: Partial<MembersQuery>) => setQ((old) => ({ ...old, page: 1, ...patch }));
  const list = useQuery({ queryKey: ['duty', 'members', q], queryFn: () => dutyApi.members(q), placeholderData: keepPreviousData });
  const organizationId = list.data?.organizationId;
  const sectors = useQuery({ queryKey: ['orgs', 'sectors', organizationId], queryFn: () => orgsApi.catalog<Sector>('sectors', organizationId), enabled: !!organizationId });
  const committees = useQuery({ queryKey: ['orgs', 'committees', organizationId], queryFn: () => orgsApi.catalog<Committee>('committees', organizationId), enabled: !!organizationId });
  const kinds = list.data?.kinds ?? [];
  const roles = roleSet(useMe());
  const mayEnter = roles.has('admin') || roles.has('staff');
  const [entering, setEntering] = useState(false);
  const columns: Column<MemberDutyRow>[] = [
    { key: 'name', title: t('members.name'), dataIndex: 'name' },
    { key: 'sector', title: t('members.sector'), dataIndex: 'sector' },
    { key: 'standing', title: t('members.standing'), render: (_, r) => (r.standing ? <Tag>{t('members.standing')}</Tag> : '') },
    { key: 'total', title: t('members.total'), dataIndex: 'total', render: (v: number) => <strong>{v}</strong> },
    // Before the year is computed, the grade the points would give today, marked as such.
    { key: 'grade', title: t('evaluation.grade'), render: (_, r) => <>{<GradeTag grade={r.grade} />}{r.provisional && <span style={{ color: 'rgba(0, 0, 0, 0.45)' }}>{t('members.provisional')}</span>}</> },
    { key: 'missing', title: t('evaluation.missing'), render: (_, r) => r.missing.map((m) => <Tag key={m.key} color="orange">{pickLang(lang, m.label.zh, m.label.en)}</Tag>) },
    // Kinds nobody has this year would only widen the table.
    ...kinds
      .filter((k) => list.data?.items.some((r) => r.kinds[k.kind]))
      .map((k) => ({ key: k.kind, title: pickLang(lang, k.label.zh, k.label.en), render: (_: unknown, r: MemberDutyRow) => r.kinds[k.kind]?.count ?? 0 })),
    {
      key: 'file',
      title: t('file.column'),
      render: (_, r) => (
        <a href={dutyApi.fileUrl(q.year ?? thisYear, r.memberId)} aria-label={t('file.of', { name: r.name })}>
          <DownloadOutlined /> {t('file.download')}
        </a>
      ),
    },
  ];
  return (
    <>
      <PageHeader
        title={t('members.title')}
        extra={
          <>
            {mayEnter && <Button onClick={() => setEntering(true)}>{t('entry.open')}</Button>}
            <a href={dutyApi.membersXlsxUrl(q)}>
              <Button icon={<DownloadOutlined />} data-testid="duty-export">
                {t('members.export')}
              </Button>
            </a>
          </>
        }
      />
      {organizationId && <EntryModal organizationId={organizationId} open={entering} onClose={() => setEntering(false)} />}
      <Flex wrap gap={8} style={{ marginBottom: 16 }}>
        <OrganizationSelect value={q.organizationId} onChange={(organizationId) => set({ organizationId, sectorId: undefined, committeeId: undefined })} style={{ minWidth: 180 }} />
        <Select aria-label={t('mine.year')} value={q.year} onChange={(year) => set({ year })} style={{ width: 100 }} options={[0, 1, 2].map((d) => ({ value: thisYear - d, label: String(thisYear - d) }))} />
        <Select allowClear placeholder={t('members.sector')} value={q.sectorId} onChange={(sectorId) => set({ sectorId })} style={{ minWidth: 140 }} options={(sectors.data ?? []).map((s) => ({ value: s.id, label: s.name }))} />
        <Select allowClear placeholder={t('members.committee')} value={q.committeeId} onChange={(committeeId) => set({ committeeId })} style={{ minWidth: 140 }} options={(committees.data ?? []).map((c) => ({ value: c.id, label: c.name }))} />
        <Select allowClear placeholder={t('evaluation.allGrades')} aria-label={t('evaluation.grade')} value={q.grade} onChange={(grade?: Grade) => set({ grade })} style={{ minWidth: 120 }} options={GRADES.map((g) => ({ value: g, label: t(`grade.${g}`) }))} />
        <Input.Search allowClear placeholder={t('members.search')} onSearch={(name) => set({ name: name || undefined })} style={{ width: 180 }} />
        <Select
          value={`${q.sort}:${q.order}`}
          onChange={(v: string) => {
            const [sort, order] = v.split(':') as [string, 'asc' | 'desc'];
            set({ sort, order });
          }}
          style={{ minWidth: 180 }}
          options={[
            { value: 'total:desc', label: `${t('members.total')} ↓` },
            { value: 'total:asc', label: `${t('members.total')} ↑` },
            { value: 'name:asc', label: t('members.name') },
            ...kinds.map((k) => ({ value: `${k.kind}:desc`, label: `${pickLang(lang, k.label.zh, k.label.en)} ↓` })),
          ]}
        />
      </Flex>
      <ErrorAlert error={list.error} />
      <ResponsiveTable<MemberDutyRow> testId="duty-members" rowKey="memberId" keyColumns={['name']} loading={list.isFetching} dataSource={list.data?.items ?? []} columns={columns} />
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginTop: 16 }}>
        <span>{t('members.count', { n: list.data?.total ?? 0 })}</span>
        <Pagination simple current={q.page} pageSize={q.pageSize} total={list.data?.total ?? 0} onChange={(page) => setQ((old) => ({ ...old, page }))} />
      </Flex>
    </>
  );
}
