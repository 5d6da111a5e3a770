// The panorama (全景图): an organization's year at a glance. Headline figures as cards (each opening
// its records), their months as lines, the breakdowns as charts, and for a whole system one row per
// CPPCC below, a click opening that CPPCC's own panorama with the way back above it. The
// organization, year and scope live in the address, so a drill-down is a page of its own.
import { useMemo, useState, type HTMLAttributes } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Breadcrumb, Card, Col, Empty, Row, Segmented, Statistic, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { dashboardApi, type Breakdown, type CountyRow, type Headline, type Period } from '../../../api/dashboard';
import type { OrgScope } from '../../../api/types';
import { useMe } from '../../../app/session';
import { pickLang, useLocale, useT } from '../../../i18n/LocaleProvider';
import { Chart } from '../../../shared/Chart';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { useOrganizations } from '../../../shared/OrganizationSelect';
import { PageHeader } from '../../../shared/PageHeader';
import { ScopeSwitch } from '../../../shared/ScopeSwitch';
import { PeriodPicker, periodOf, periodParams } from '../components/PeriodPicker';
import { RecordsDrawer } from './RecordsDrawer';
import { TrendChart } from './TrendChart';

const GROUPS = ['proposals', 'opinions', 'consultations', 'halls'] as const;
type Group = (typeof GROUPS)[number];
// Shares of a whole read best as a pie; named rows (sectors, categories) as bars that keep long names.
const PIES = new Set(['opinions.adopted_by_level']);

export default function PanoramaPage() {
  const t = useT('dashboard');
  const { lang } = useLocale();
  const me = useMe();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const organizationId = Number(params.get('organizationId')) || me.organization.id;
  const period = periodOf(params);
  const scope: OrgScope = params.get('scope') === 'system' ? 'system' : 'own';
  const [group, setGroup] = useState<Group>('proposals');
  const [open, setOpen] = useState<Headline | null>(null);
  const set = (change: { scope?: OrgScope; period?: Period }) =>
    setParams({ organizationId: String(organizationId), scope: change.scope ?? scope, ...periodParams(change.period ?? period) });
  const panorama = useQuery({ queryKey: ['dashboard', 'panorama', organizationId, period, scope], queryFn: () => dashboardApi.panorama(period, scope, organizationId) });
  const data = panorama.data;
  const name = (x: { name: { zh: string; en: string } }) => pickLang(lang, x.name.zh, x.name.en);
  const monthName = useMemo(() => new Intl.DateTimeFormat(lang, { month: 'short', timeZone: 'UTC' }), [lang]);
  const months = useMemo(() => data?.months.map((m) => (data.year !== null ? monthName.format(new Date(`${m}-01T00:00:00Z`)) : m)) ?? [], [data, monthName]);
  const lines = useMemo(() => data?.headlines.filter((h) => h.group === group).map((h) => ({ name: pickLang(lang, h.name.zh, h.name.en), values: h.trend })) ?? [], [data, group, lang]);
  return (
    <>
      <Trail organizationId={organizationId} period={period} />
      <PageHeader
        title={data ? t('panorama.titleOf', { name: data.organizationName }) : t('panorama.title')}
        extra={
          <>
            <ScopeSwitch value={scope} onChange={(s) => set({ scope: s })} organizationId={organizationId} />
            <PeriodPicker value={period} onChange={(p) => set({ period: p })} />
          </>
        }
      />
      <ErrorAlert error={panorama.error} />
      {data && (
        <Row gutter={[12, 12]}>
          {data.headlines.map((h) => (
            <Col xs={12} sm={8} lg={6} xl={4} key={h.code}>
              <Card size="small" hoverable onClick={() => setOpen(h)} data-testid={`headline-${h.code}`} style={{ height: '100%' }}>
                <Statistic title={name(h)} value={h.value} />
              </Card>
            </Col>
          ))}
          <Col xs={24}>
            <Card size="small" title={t('panorama.trend')}>
              {/* In the body, not the header: four choices beside the title leave the title no room on a phone. */}
              <div style={{ overflowX: 'auto', marginBottom: 8 }}>
                <Segmented<Group> size="small" value={group} onChange={setGroup} options={GROUPS.map((g) => ({ value: g, label: t(`group.${g}`) }))} data-testid="trend-group" />
              </div>
              <TrendChart months={months} lines={lines} testId="trend-chart" />
            </Card>
          </Col>
          {data.breakdowns.map((b) => (
            <Col xs={24} lg={12} key={b.code}>
              <BreakdownCard breakdown={b} />
            </Col>
          ))}
          {data.counties && (
            <Col xs={24}>
              <Card size="small" title={t('panorama.counties')}>
                <Counties rows={data.counties} headlines={data.headlines} onOpen={(row) => navigate(row.page)} />
              </Card>
            </Col>
          )}
        </Row>
      )}
      {open && <RecordsDrawer figure={open} period={period} scope={scope} organizationId={organizationId} onClose={() => setOpen(null)} />}
    </>
  );
}

function BreakdownCard({ breakdown: b }: { breakdown: Breakdown }) {
  const t = useT('dashboard');
  const { lang } = useLocale();
  const data = useMemo(() => b.rows.map((r) => ({ name: pickLang(lang, r.label.zh, r.label.en) || t('panorama.none'), value: r.value })), [b, lang, t]);
  return (
    <Card size="small" title={pickLang(lang, b.name.zh, b.name.en)} data-testid={`breakdown-${b.code}`} style={{ height: '100%' }}>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{pickLang(lang, b.definition.zh, b.definition.en)}</Typography.Paragraph>
      {data.length ? <Chart type={PIES.has(b.code) ? 'pie' : 'bar'} data={data} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('panorama.nothing')} />}
    </Card>
  );
}

/** One row per organization; the name is a link and the whole row opens that organization's panorama. */
function Counties({ rows, headlines, onOpen }: { rows: CountyRow[]; headlines: Headline[]; onOpen: (row: CountyRow) => void }) {
  const t = useT('dashboard');
  const { lang } = useLocale();
  return (
    <Table<CountyRow>
      size="small"
      rowKey="organizationId"
      pagination={false}
      dataSource={rows}
      scroll={{ x: 'max-content' }}
      onRow={(row) => ({ onClick: () => onOpen(row), style: { cursor: 'pointer' }, 'data-testid': `county-${row.organizationId}` }) as HTMLAttributes<HTMLElement>}
      columns={[
        {
          key: 'name', title: t('panorama.organization'), fixed: 'left',
          render: (_, row) => <Link to={row.page} onClick={(e) => e.stopPropagation()}>{row.own ? t('panorama.alone', { name: row.organizationName }) : row.organizationName}</Link>,
        },
        ...headlines.map((h) => ({
          key: h.code, title: pickLang(lang, h.name.zh, h.name.en), align: 'right' as const,
          render: (_: unknown, row: CountyRow) => (row.values[h.code] ?? 0).toLocaleString(),
        })),
      ]}
    />
  );
}

/** From the caller's own organization down to the one shown: the way back after a drill-down. */
function Trail({ organizationId, period }: { organizationId: number; period: Period }) {
  const t = useT('dashboard');
  const me = useMe();
  const orgs = useOrganizations();
  if (organizationId === me.organization.id || !orgs.data) return null;
  const byId = new Map(orgs.data.map((o) => [o.id, o]));
  const chain = [];
  for (let at = byId.get(organizationId); at; at = at.parentId === null ? undefined : byId.get(at.parentId)) {
    chain.unshift(at);
    if (at.id === me.organization.id) break;
  }
  if (chain[0]?.id !== me.organization.id) return null;
  return (
    <Breadcrumb
      data-testid="panorama-trail"
      style={{ marginBottom: 8 }}
      items={[
        { title: t('panorama.title') },
        ...chain.map((o) => ({ title: o.id === organizationId ? o.name : <Link to={`/dashboard/panorama?${new URLSearchParams({ organizationId: String(o.id), ...periodParams(period), scope: 'system' })}`}>{o.name}</Link> })),
      ]}
    />
  );
}
