import { useState } from 'react';
import { App, Button, Card, Switch, Table, Tabs, Tag } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { proposalsApi, type QualityRow, type UnitQualityRow } from '../../../api/proposals';
import { hasAnyRole, useMe } from '../../../app/session';
import { pickLang, useLocale, useT } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { PageHeader } from '../../../shared/PageHeader';
import { OFFICE } from '../manifest';
import { ScoreButton } from '../components/ScoreButton';
import { thisYear, YearSelect } from '../components/YearSelect';

/** Quality of a year: the committee rates accepted proposals and selects excellent ones; each unit's handling. */
export default function QualityPage() {
  const t = useT('proposals');
  const [year, setYear] = useState(thisYear());
  return (
    <>
      <PageHeader title={t('quality.title')} extra={<YearSelect value={year} onChange={setYear} />} />
      <Tabs
        items={[
          { key: 'proposals', label: t('quality.proposalsTab'), children: <ProposalQuality year={year} /> },
          { key: 'units', label: t('quality.unitsTab'), children: <UnitQuality year={year} /> },
        ]}
      />
    </>
  );
}

function Export({ href }: { href: string }) {
  const t = useT('proposals');
  return (
    <a href={href}>
      <Button icon={<DownloadOutlined />}>{t('quality.export')}</Button>
    </a>
  );
}

function ProposalQuality({ year }: { year: number }) {
  const t = useT('proposals');
  const { lang } = useLocale();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const canRate = hasAnyRole(useMe(), OFFICE);
  const list = useQuery({ queryKey: ['proposals', 'quality', year], queryFn: () => proposalsApi.qualityList(year) });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['proposals', 'quality', year] });
  const excellent = useMutation({
    mutationFn: ({ id, selected }: { id: number; selected: boolean }) => proposalsApi.setExcellent(id, selected),
    onSuccess: () => {
      void message.success(t('action.done'));
      refresh();
    },
  });
  return (
    <Card title={t('quality.proposals')} extra={<Export href={proposalsApi.qualityXlsxUrl(year)} />}>
      <ErrorAlert error={list.error ?? excellent.error} />
      <Table<QualityRow>
        rowKey="id"
        size="small"
        data-testid="quality-table"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 800 }}
        columns={[
          {
            title: t('quality.number'),
            dataIndex: 'numberLabel',
            width: 160,
            fixed: 'left',
            render: (v: string | null | undefined, r) => (v ? pickLang(lang, v, r.numberLabel_en ?? undefined) : ''),
          },
          { title: t('quality.proposal'), dataIndex: 'title', fixed: 'left', width: 240, render: (title: string, r) => <Link to={`/proposals/${r.id}`}>{title}</Link> },
          { title: t('quality.proposer'), dataIndex: 'proposerName', width: 110, render: (n: string, r) => (r.sectorName ? `${n}（${r.sectorName}）` : n) },
          { title: t('quality.score'), dataIndex: 'score', width: 70, render: (s: number | null, r) => (r.comment ? <span title={r.comment}>{s}</span> : s) },
          {
            title: t('quality.excellent'),
            dataIndex: 'excellent',
            width: 80,
            render: (x: boolean, r) =>
              canRate ? (
                <Switch size="small" checked={x} disabled={r.score === null} aria-label={t('quality.excellent')} loading={excellent.isPending && excellent.variables?.id === r.id} onChange={(selected) => excellent.mutate({ id: r.id, selected })} />
              ) : x ? (
                <Tag color="gold">{t('quality.excellent')}</Tag>
              ) : null,
          },
          ...(canRate
            ? [{
                title: '',
                key: 'rate',
                width: 70,
                render: (_: unknown, r: QualityRow) => (
                  <ScoreButton label={t('quality.rate')} testId={`rate-${r.id}`} initial={{ score: r.score ?? undefined, comment: r.comment ?? undefined }} save={(v) => proposalsApi.rateQuality(r.id, v)} onSaved={refresh} />
                ),
              }]
            : []),
        ]}
      />
    </Card>
  );
}

function UnitQuality({ year }: { year: number }) {
  const t = useT('proposals');
  const list = useQuery({ queryKey: ['proposals', 'unit-quality', year], queryFn: () => proposalsApi.unitQuality(year) });
  return (
    <Card title={t('quality.units')} extra={<Export href={proposalsApi.unitQualityXlsxUrl(year)} />}>
      <ErrorAlert error={list.error} />
      <Table<UnitQualityRow>
        rowKey="unitId"
        size="small"
        data-testid="unit-quality-table"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        pagination={false}
        scroll={{ x: 560 }}
        columns={[
          { title: t('quality.unit'), dataIndex: 'unitName' },
          { title: t('stats.assigned'), dataIndex: 'assignments', width: 70 },
          { title: t('stats.replied'), dataIndex: 'replied', width: 70 },
          { title: t('stats.onTime'), dataIndex: 'onTime', width: 70 },
          { title: t('quality.rated'), dataIndex: 'rated', width: 70 },
          { title: t('quality.average'), dataIndex: 'averageScore', width: 80, render: (s: number | null) => (s === null ? '—' : s.toFixed(1)) },
        ]}
      />
      <p style={{ marginTop: 8, color: 'rgba(0,0,0,.45)' }}>{t('quality.unitHint')}</p>
    </Card>
  );
}
