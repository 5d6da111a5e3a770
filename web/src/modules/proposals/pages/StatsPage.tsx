import { useMemo, useState } from 'react';
import { Card, Col, Row, Statistic, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { proposalsApi, type ProposalKind, type ProposalStage, type Rate, type ReplyClass } from '../../../api/proposals';
import { pickLang, useLocale, useT } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { PageHeader } from '../../../shared/PageHeader';
import { Chart, type Slice } from '../../../shared/Chart';
import { thisYear, YearSelect } from '../components/YearSelect';

const percent = (r: Rate) => (r.rate === null ? '—' : `${(r.rate * 100).toFixed(1)}%`);

/** Counts, rates and the year's headline figures of one organization's proposals. */
export default function StatsPage() {
  const t = useT('proposals');
  const { lang } = useLocale();
  const [year, setYear] = useState(thisYear());
  const stats = useQuery({ queryKey: ['proposals', 'stats', year], queryFn: () => proposalsApi.stats(year) });
  const s = stats.data;
  const none = t('stats.none');
  const charts = useMemo(() => {
    if (!s) return null;
    const named = (rows: { name: string | null; count: number }[]): Slice[] => rows.map((r) => ({ name: r.name ?? none, value: r.count }));
    return {
      state: Object.entries(s.byStage).filter(([, n]) => n > 0).map(([k, n]) => ({ name: t(`stage.${k as ProposalStage}`), value: n })),
      kind: Object.entries(s.byKind).map(([k, n]) => ({ name: t(`kind.${k as ProposalKind}`), value: n })),
      replyClass: Object.entries(s.byReplyClass).map(([k, n]) => ({ name: t(`classShort.${k as ReplyClass}`), value: n })),
      session: s.bySession.map((r) => ({ name: r.label ?? none, value: r.count })),
      category: named(s.byCategory),
      sector: named(s.bySector),
    };
  }, [s, t, none]);
  const rates: ['stats.acceptanceRate' | 'stats.onTimeRate' | 'stats.satisfactionRate', Rate][] = s ? [['stats.acceptanceRate', s.acceptanceRate], ['stats.onTimeRate', s.onTimeReplyRate], ['stats.satisfactionRate', s.satisfactionRate]] : [];
  return (
    <>
      <PageHeader title={t('stats.title')} extra={<YearSelect value={year} onChange={setYear} />} />
      <ErrorAlert error={stats.error} />
      {s && charts && (
        <>
          <Typography.Title level={4} data-testid="stats-headline">
            {pickLang(lang, s.headline.zh, s.headline.en)}
          </Typography.Title>
          <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
            {([['stats.filed', s.filed], ['stats.accepted', s.accepted], ['stats.answered', s.answered]] as const).map(([k, n]) => (
              <Col xs={12} md={4} key={k}>
                <Card size="small">
                  <Statistic title={t(k)} value={n} />
                </Card>
              </Col>
            ))}
            {rates.map(([k, r]) => (
              <Col xs={12} md={4} key={k}>
                <Card size="small">
                  <Statistic title={t(k)} value={percent(r)} />
                  <Typography.Text type="secondary">{t('stats.ofTotal', { n: r.numerator, total: r.denominator })}</Typography.Text>
                </Card>
              </Col>
            ))}
          </Row>
          <Row gutter={[12, 12]}>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('stats.byState')}>
                <Chart type="pie" data={charts.state} testId="chart-state" />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('stats.byCategory')}>
                <Chart type="bar" data={charts.category} />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('stats.bySector')}>
                <Chart type="bar" data={charts.sector} />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Counts title={t('stats.byKind')} rows={charts.kind} />
              <Counts title={t('stats.bySession')} rows={charts.session} />
              <Counts title={t('stats.byReplyClass')} rows={charts.replyClass} />
            </Col>
            <Col xs={24}>
              <Card size="small" title={t('stats.byUnit')}>
                <Table
                  rowKey="unitId"
                  size="small"
                  data-testid="stats-units"
                  pagination={false}
                  scroll={{ x: 480 }}
                  dataSource={s.byUnit}
                  columns={[
                    { title: t('quality.unit'), dataIndex: 'name' },
                    { title: t('stats.assigned'), dataIndex: 'assigned', width: 70 },
                    { title: t('stats.replied'), dataIndex: 'replied', width: 70 },
                    { title: t('stats.onTime'), dataIndex: 'onTime', width: 70 },
                    { title: t('stats.overdue'), dataIndex: 'overdue', width: 70 },
                  ]}
                />
              </Card>
            </Col>
          </Row>
        </>
      )}
    </>
  );
}

function Counts({ title, rows }: { title: string; rows: Slice[] }) {
  const t = useT('proposals');
  return (
    <Card size="small" title={title} style={{ marginBottom: 12 }}>
      <Table rowKey="name" size="small" pagination={false} showHeader={false} dataSource={rows} locale={{ emptyText: t('stats.none') }} columns={[{ dataIndex: 'name' }, { dataIndex: 'value', width: 80, align: 'right' }]} />
    </Card>
  );
}
