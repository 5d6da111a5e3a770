import { Tag } from 'antd';
import type { ImportRow } from '../../../api/types';
import { pickLang, useLocale, useT } from '../../../i18n/LocaleProvider';
import { ResponsiveTable, type Column } from '../../../shared/ResponsiveTable';

export function ImportRowsTable({ rows }: { rows: ImportRow[] }) {
  const t = useT('orgs');
  const { lang } = useLocale();
  const columns: Column<ImportRow>[] = [
    { key: 'row', title: t('import.row'), dataIndex: 'row', width: 72, hideInCard: true },
    { key: 'name', title: t('member.name'), dataIndex: 'name', hideInCard: true },
    {
      key: 'status',
      title: t('import.status'),
      dataIndex: 'status',
      render: (s: ImportRow['status']) => <Tag color={s === 'ok' ? 'green' : 'red'}>{t(`import.status.${s}`)}</Tag>,
    },
    {
      key: 'errors',
      title: t('import.errors'),
      dataIndex: 'errors',
      render: (_: unknown, r: ImportRow) =>
        r.errors.map((e, i) => (
          <div key={i} data-testid="import-error">
            <strong>{e.column}</strong>
            {lang === 'en' ? ': ' : '：'}
            {pickLang(lang, e.message, e.message_en)}
          </div>
        )),
    },
  ];
  return (
    <ResponsiveTable<ImportRow>
      testId="import-rows"
      columns={columns}
      dataSource={rows}
      rowKey="row"
      cardTitle={(r) => t('import.rowTitle', { row: r.row, name: r.name })}
    />
  );
}
