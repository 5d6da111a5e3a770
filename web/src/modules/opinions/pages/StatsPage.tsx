import { useState } from 'react';
import { Card, Col, Row, Select, Statistic, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { LEVELS, opinionsApi } from '../../../api/opinions';
import { pickLang, useLocale, useT } from '../../../i18n/LocaleProvider';
import type { OpinionsKey } from '../../../i18n/keys';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { OrganizationSelect } from '../../../shared/OrganizationSelect';
import { PageHeader } from '../../../shared/PageHeader';
import { ScopeSwitch } from '../../../shared/ScopeSwitch';
import type { OrgScope } from '../../../api/types';
import { recentYears, thisYear } from '../components/labels';

type Counts = { key: string; label: string; count: number }[];

function CountTable({ title, rows, labelTitle, countTitle }: { title: string; rows: Counts; labelTitle: string; countTitle: string }) {
  return (
    <Card title={title} size="small" style={{ height: '100%' }}>
      <Table
        size="small"
        pagination={false}
        rowKey="key"
        dataSource={rows}
        columns={[
          { key: 'label', title: labelTitle, dataIndex: 'label' },
          { key: 'count', title: countTitle, dataIndex: 'count', align: 'right' },
        ]}
      />
    </Card>
  );
}

/** The year's figures as the work report states them, and the counts behind them. */
export default function StatsPage() {
  const t = useT('opinions');
  const { lang } = useLocale();
  const [year, setYear] = useState(thisYear());
  // Empty means the caller's own organization, as the API takes it.
  const [organizationId, setOrganizationId] = useState<number>();
  const [scope, setScope] = useState<OrgScope>('own');
  const ta = useT('app');
  const stats = useQuery({ queryKey: ['opinions', 'stats', year, organizationId, scope], queryFn: () => opinionsApi.stats({ year, organizationId, scope }) });
  const s = stats.data;
  const counts = (map: Record<string, number> | undefined, prefix: string): Counts =>
    Object.entries(map ?? {}).map(([k, count]) => ({ key: k, label: prefix ? t(`${prefix}.${k}` as OpinionsKey) : k, count }));

  return (
    <>
      <PageHeader
        title={t('stats.title')}
        extra={
          <>
            <OrganizationSelect value={organizationId} onChange={setOrganizationId} allowClear placeholder={ta('common.organization')} style={{ width: 200 }} />
            <ScopeSwitch value={scope} onChange={setScope} organizationId={organizationId} />
            <Select value={year} onChange={setYear} aria-label={t('field.year')} style={{ width: 100 }} options={recentYears().map((y) => ({ value: y, label: String(y) }))} />
          </>
        }
      />
      <ErrorAlert error={stats.error} />
      {s && (
        <>
          <Typography.Paragraph data-testid="stats-headline" style={{ fontSize: 16 }}>
            {pickLang(lang, s.headline.zh, s.headline.en)}
          </Typography.Paragraph>
          <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
            {(['received', 'accepted', 'compiled', 'issues', 'forwarded'] as const).map((k) => (
              <Col key={k} xs={12} md={4}>
                <Card size="small">
                  <Statistic title={t(`stats.${k}`)} value={s[k]} />
                </Card>
              </Col>
            ))}
          </Row>
          <Row gutter={[12, 12]}>
            <Col xs={24} md={12}>
              <Card title={t('stats.byLevel')} size="small" style={{ height: '100%' }}>
                <Table
                  size="small"
                  pagination={false}
                  rowKey="level"
                  dataSource={LEVELS.map((l) => ({ level: l, adopted: s.adopted[l], instructions: s.instructions[l] }))}
                  columns={[
                    { key: 'level', title: t('stats.level'), dataIndex: 'level', render: (l: (typeof LEVELS)[number]) => t(`level.${l}`) },
                    { key: 'adopted', title: t('stats.adopted'), dataIndex: 'adopted', align: 'right' },
                    { key: 'instructions', title: t('stats.instructions'), dataIndex: 'instructions', align: 'right' },
                  ]}
                />
              </Card>
            </Col>
            <Col xs={24} md={12}>
              <CountTable title={t('stats.byMonth')} rows={counts(s.byMonth, '')} labelTitle={t('stats.month')} countTitle={t('stats.count')} />
            </Col>
            <Col xs={24} md={12}>
              <CountTable title={t('stats.bySource')} rows={counts(s.bySource, 'source')} labelTitle={t('field.source')} countTitle={t('stats.count')} />
            </Col>
            <Col xs={24} md={12}>
              <CountTable title={t('stats.byCategory')} rows={counts(s.byCategory, 'category')} labelTitle={t('field.category')} countTitle={t('stats.count')} />
            </Col>
            <Col xs={24}>
              <CountTable title={t('stats.byPlace')} rows={s.byPlace.map((p) => ({ key: String(p.placeId), label: p.name, count: p.count }))} labelTitle={t('field.place')} countTitle={t('stats.count')} />
            </Col>
          </Row>
        </>
      )}
    </>
  );
}
