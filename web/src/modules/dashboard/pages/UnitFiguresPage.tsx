// A handling unit's own figures (本单位办理情况): the proposals, suggestions and hand-offs it was
// given in a year or period, how many it answered and answered on time, and how proposers rated
// it; each figure opens its records. Cards in one column on a phone, the period in the address.
// The office and leaders pick the unit (it stays in the address too); a unit sees its own.
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { Alert, Card, Col, Flex, Row, Select, Statistic, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { dashboardApi, type Period, type UnitFigures } from '../../../api/dashboard';
import { orgsApi } from '../../../api/orgs';
import type { HandlingUnit } from '../../../api/types';
import { useMe } from '../../../app/session';
import { pickLang, useLocale, useT } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { PageHeader } from '../../../shared/PageHeader';
import { PeriodPicker, periodOf, periodParams } from '../components/PeriodPicker';
import { RecordsDrawer } from './RecordsDrawer';

const GROUPS = ['proposals', 'suggestions', 'opinions'] as const;
type Figure = UnitFigures['figures'][number];

export default function UnitFiguresPage() {
  const t = useT('dashboard');
  const { lang } = useLocale();
  const [params, setParams] = useSearchParams();
  const period = periodOf(params);
  // The office may name a unit (?unitId=); a unit's account always gets its own.
  const unitId = Number(params.get('unitId')) || undefined;
  const office = !useMe().handlingUnitId;
  const [open, setOpen] = useState<Figure | null>(null);
  const set = (p: Period, unit = unitId) => setParams({ ...periodParams(p), ...(unit ? { unitId: String(unit) } : {}) });
  const figures = useQuery({ queryKey: ['dashboard', 'unit', period, unitId], queryFn: () => dashboardApi.unitFigures(period, unitId), enabled: !office || !!unitId });
  const data = figures.data;
  const failed = data?.checks.filter((c) => !c.ok) ?? [];
  return (
    <>
      <PageHeader
        title={data ? t('unit.titleOf', { name: data.unitName }) : t(office ? 'menu.units' : 'unit.title')}
        extra={
          <Flex gap={8} wrap>
            {office && <UnitSelect value={unitId} onChange={(id) => set(period, id)} />}
            <PeriodPicker value={period} onChange={set} />
          </Flex>
        }
      />
      {office && !unitId && <Alert type="info" showIcon data-testid="unit-pick-hint" title={t('unit.pickHint')} />}
      <ErrorAlert error={figures.error} />
      {data && (
        <Flex vertical gap={12}>
          {failed.length > 0 && <Alert type="warning" showIcon data-testid="checks" title={t('figures.disagree')} description={failed.map((c) => pickLang(lang, c.message.zh, c.message.en)).join('；')} />}
          {GROUPS.map((g) => {
            const rows = data.figures.filter((f) => f.group === g);
            if (!rows.length) return null;
            return (
              <Card key={g} size="small" title={t(`unit.group.${g}`)} data-testid={`unit-group-${g}`}>
                <Row gutter={[12, 12]}>
                  {rows.map((f) => (
                    <Col xs={12} sm={8} lg={6} key={f.code}>
                      <Card size="small" hoverable onClick={() => setOpen(f)} data-testid={`unit-figure-${f.code}`} style={{ height: '100%' }}>
                        <Statistic title={pickLang(lang, f.name.zh, f.name.en)} value={f.value} />
                      </Card>
                    </Col>
                  ))}
                </Row>
                <ul style={{ margin: '8px 0 0', paddingInlineStart: 18, fontSize: 12 }}>
                  {rows.map((f) => (
                    <li key={f.code}>
                      <Typography.Text strong style={{ fontSize: 12 }}>{pickLang(lang, f.name.zh, f.name.en)}</Typography.Text>{' '}
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{pickLang(lang, f.definition.zh, f.definition.en)}</Typography.Text>
                    </li>
                  ))}
                </ul>
              </Card>
            );
          })}
        </Flex>
      )}
      {open && <RecordsDrawer figure={open} period={period} unit={{ id: unitId }} onClose={() => setOpen(null)} />}
    </>
  );
}

/** The handling units of the office's own organization, searchable by name. */
function UnitSelect({ value, onChange }: { value: number | undefined; onChange: (id: number) => void }) {
  const t = useT('dashboard');
  const me = useMe();
  const units = useQuery({ queryKey: ['orgs', 'handling-units', me.organization.id], queryFn: () => orgsApi.catalog<HandlingUnit>('handling-units', me.organization.id), staleTime: 60_000 });
  return (
    <Select
      data-testid="unit-select"
      showSearch={{ optionFilterProp: 'label' }}
      style={{ minWidth: 200 }}
      placeholder={t('unit.pick')}
      loading={units.isLoading}
      value={value}
      onChange={onChange}
      options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
    />
  );
}
