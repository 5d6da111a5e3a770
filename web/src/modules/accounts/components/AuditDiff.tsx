import { Table, Typography } from 'antd';
import type { AuditEntry } from '../../../api/types';
import { useT } from '../../../i18n/LocaleProvider';
import type { AccountsKey } from '../../../i18n/keys';

interface Row {
  field: string;
  before: string;
  after: string;
  changed: boolean;
}

function show(value: unknown): string {
  if (value === undefined) return '';
  if (value === null) return '∅';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function diffRows(before: AuditEntry['before'], after: AuditEntry['after']): Row[] {
  const b = before ?? {};
  const a = after ?? {};
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return fields.map((field) => ({
    field,
    before: show(before ? b[field] : undefined),
    after: show(after ? a[field] : undefined),
    changed: JSON.stringify(b[field]) !== JSON.stringify(a[field]),
  }));
}

/** Before and after of one audit entry, field by field. */
export function AuditDiff({ entry }: { entry: AuditEntry }) {
  const t = useT('accounts');
  const rows = diffRows(entry.before, entry.after);
  if (rows.length === 0) return <Typography.Text type="secondary">{t('audit.noChanges')}</Typography.Text>;
  return (
    <Table<Row>
      data-testid="audit-diff"
      size="small"
      pagination={false}
      rowKey="field"
      dataSource={rows}
      scroll={{ x: 'max-content' }}
      columns={[
        {
          key: 'field',
          title: t('audit.field'),
          dataIndex: 'field',
          // The field's name where the messages have one; its code beside it, small, for those who look it up.
          render: (f: string) => {
            const key = `auditField.${f}` as AccountsKey;
            const label = t(key);
            return label === key ? (
              <code>{f}</code>
            ) : (
              <>
                {label} <Typography.Text type="secondary" style={{ fontSize: 12 }}><code>{f}</code></Typography.Text>
              </>
            );
          },
        },
        {
          key: 'before',
          title: t('audit.before'),
          dataIndex: 'before',
          render: (v: string, r) => (r.changed && entry.before ? <Typography.Text delete type="danger">{v}</Typography.Text> : v),
        },
        {
          key: 'after',
          title: t('audit.after'),
          dataIndex: 'after',
          render: (v: string, r) => (r.changed && entry.after ? <Typography.Text type="success">{v}</Typography.Text> : v),
        },
      ]}
    />
  );
}
