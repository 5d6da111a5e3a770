// The year's work figures as a standing committee's report quotes them: grouped by module, each
// with its definition, 本级 or 全系统, each value opening the records behind it; the checks between
// the figures shown as warnings, and the table downloadable as .docx and .xlsx.
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { Alert, Button, Card, Flex, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { dashboardApi, type Figure, type Period } from '../../../api/dashboard';
import type { OrgScope } from '../../../api/types';
import { pickLang, useLocale, useT } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { PageHeader } from '../../../shared/PageHeader';
import { ScopeSwitch } from '../../../shared/ScopeSwitch';
import { useIsPhone } from '../../../shared/useIsPhone';
import { PeriodPicker, periodOf, periodParams } from '../components/PeriodPicker';
import { RecordsDrawer } from './RecordsDrawer';

const GROUPS = ['proposals', 'opinions', 'consultations', 'halls'] as const;

export default function FiguresPage() {
  const t = useT('dashboard');
  const { lang } = useLocale();
  // The period and scope live in the address: a link reproduces the table.
  const [params, setParams] = useSearchParams();
  const period = periodOf(params);
  const scope: OrgScope = params.get('scope') === 'system' ? 'system' : 'own';
  const set = (change: { scope?: OrgScope; period?: Period }) => setParams({ scope: change.scope ?? scope, ...periodParams(change.period ?? period) });
  const [open, setOpen] = useState<Figure | null>(null);
  // On a phone the definition goes under the name: two columns fit 375 px without scrolling.
  const phone = useIsPhone();
  const figures = useQuery({ queryKey: ['dashboard', 'figures', period, scope], queryFn: () => dashboardApi.figures(period, scope) });
  const data = figures.data;
  const groups = data ? [...GROUPS, ...new Set(data.figures.map((f) => f.group).filter((g) => !(GROUPS as readonly string[]).includes(g)))] : [];
  const failed = data?.checks.filter((c) => !c.ok) ?? [];
  return (
    <>
      <PageHeader
        title={t('figures.title')}
        extra={
          <>
            <ScopeSwitch value={scope} onChange={(s) => set({ scope: s })} />
            <PeriodPicker value={period} onChange={(p) => set({ period: p })} />
            <Button icon={<DownloadOutlined />} href={dashboardApi.docxUrl(period, scope)} data-testid="download-docx">{t('figures.docx')}</Button>
            <Button icon={<DownloadOutlined />} href={dashboardApi.xlsxUrl(period, scope)} data-testid="download-xlsx">{t('figures.xlsx')}</Button>
          </>
        }
      />
      <ErrorAlert error={figures.error} />
      {data && (
        <Flex vertical gap={16}>
          {failed.length > 0 ? (
            <Alert type="warning" showIcon data-testid="checks" title={t('figures.disagree')} description={<ul style={{ margin: 0, paddingInlineStart: 20 }}>{failed.map((c) => <li key={c.codes.join()}>{pickLang(lang, c.message.zh, c.message.en)}</li>)}</ul>} />
          ) : (
            <Alert type="success" showIcon data-testid="checks" title={t('figures.allAgree')} />
          )}
          {groups.map((g) => {
            const rows = data.figures.filter((f) => f.group === g);
            if (!rows.length) return null;
            return (
              <Card key={g} size="small" title={GROUPS.includes(g as (typeof GROUPS)[number]) ? t(`group.${g as (typeof GROUPS)[number]}`) : g} data-testid={`group-${g}`}>
                <Table<Figure>
                  size="small"
                  rowKey="code"
                  pagination={false}
                  dataSource={rows}
                  scroll={phone ? undefined : { x: 560 }}
                  columns={[
                    {
                      key: 'name', title: t('figures.name'), fixed: phone ? undefined : 'left', width: phone ? undefined : 140,
                      render: (_, f) => (
                        <>
                          {pickLang(lang, f.name.zh, f.name.en)}
                          {phone && <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: 12 }}>{pickLang(lang, f.definition.zh, f.definition.en)}</Typography.Paragraph>}
                        </>
                      ),
                    },
                    {
                      key: 'value', title: t('figures.value'), width: 90, align: 'right',
                      render: (_, f) => <Button type="link" size="small" data-testid={`figure-${f.code}`} onClick={() => setOpen(f)}>{f.value.toLocaleString()}</Button>,
                    },
                    ...(phone ? [] : [{ key: 'definition', title: t('figures.definition'), render: (_: unknown, f: Figure) => <Typography.Text type="secondary">{pickLang(lang, f.definition.zh, f.definition.en)}</Typography.Text> }]),
                  ]}
                />
              </Card>
            );
          })}
        </Flex>
      )}
      {open && <RecordsDrawer figure={open} period={period} scope={scope} onClose={() => setOpen(null)} />}
    </>
  );
}
