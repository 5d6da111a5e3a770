import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { consultationsApi, type OutcomeSummary } from '../../../api/consultations';
import { useLocale, useT } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { PageHeader } from '../../../shared/PageHeader';
import { ResponsiveTable, type Column } from '../../../shared/ResponsiveTable';
import { formatTime } from '../../../shared/time';
import { thisYear } from '../components/labels';
import { YearSelect } from '../components/YearSelect';

/** The outcome reports of a year; each is compiled from a meeting's page. */
export default function OutcomesPage() {
  const t = useT('consultations');
  const { lang } = useLocale();
  const [year, setYear] = useState<number>(thisYear());
  const list = useQuery({ queryKey: ['consultations', 'outcomes', year], queryFn: () => consultationsApi.outcomes(year) });
  const columns: Column<OutcomeSummary>[] = [
    { key: 'title', title: t('field.outcomeTitle'), dataIndex: 'title', hideInCard: true, render: (v: string, o) => <Link to={`/consultations/outcomes/${o.id}`}>{v}</Link> },
    { key: 'meeting', title: t('field.meeting'), render: (_: unknown, o) => (o.meeting ? <Link to={`/consultations/meetings/${o.meeting.id}`}>{o.meeting.topic}</Link> : '') },
    { key: 'createdAt', title: t('field.createdAt'), dataIndex: 'createdAt', render: (v?: string) => formatTime(v, lang) },
  ];
  return (
    <>
      <PageHeader title={t('outcomes.title')} extra={<YearSelect value={year} onChange={(y) => setYear(y ?? thisYear())} />} />
      <ErrorAlert error={list.error} />
      <ResponsiveTable<OutcomeSummary> testId="outcomes-table" columns={columns} dataSource={list.data ?? []} rowKey="id" loading={list.isLoading} cardTitle={(o) => <Link to={`/consultations/outcomes/${o.id}`}>{o.title}</Link>} />
    </>
  );
}
