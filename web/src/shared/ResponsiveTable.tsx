import { useState, type Key, type ReactNode } from 'react';
import { Button, Card, Empty, List, Table } from 'antd';
import type { ColumnType } from 'antd/es/table';
import { useIsPhone } from './useIsPhone';
import { useT } from '../i18n/LocaleProvider';

export interface Column<T> extends ColumnType<T> {
  /** Leave this column out of the phone card (e.g. the card title already shows it). */
  hideInCard?: boolean;
}

interface Props<T> {
  columns: Column<T>[];
  dataSource: T[];
  rowKey: keyof T & string;
  loading?: boolean;
  onRowClick?: (record: T) => void;
  cardTitle?: (record: T) => ReactNode;
  expandedRowRender?: (record: T) => ReactNode;
  testId?: string;
  /**
   * The columns that say which row this is (number, title). On a wide screen they stay fixed at
   * the left while the rest scrolls; on a phone they head each card when no cardTitle is given.
   */
  keyColumns?: string[];
}

/** A fixed column needs a width, or a long title would take the whole screen. */
const KEY_WIDTH = 220;

function cellValue<T>(col: Column<T>, record: T, index: number): ReactNode {
  const path = col.dataIndex;
  const value = typeof path === 'string' || typeof path === 'number' ? (record as Record<string | number, unknown>)[path] : undefined;
  if (col.render) {
    const out = col.render(value, record, index);
    return out as ReactNode;
  }
  return value === null || value === undefined ? '' : String(value);
}

/** A table on wide screens; on a phone each row becomes a card of label–value lines. */
export function ResponsiveTable<T extends object>(props: Props<T>) {
  const isPhone = useIsPhone();
  const t = useT('app');
  const [open, setOpen] = useState<Set<Key>>(new Set());
  const { dataSource, rowKey, loading, onRowClick, expandedRowRender, testId, keyColumns = [] } = props;
  const isKey = (c: Column<T>) => keyColumns.includes(String(c.key ?? c.dataIndex ?? ''));
  // Key columns first, so that fixing them at the left keeps the columns in a sensible order.
  const columns = keyColumns.length
    ? [...props.columns.filter(isKey).map((c) => ({ ...c, fixed: 'left' as const, width: c.width ?? KEY_WIDTH })), ...props.columns.filter((c) => !isKey(c))]
    : props.columns;
  const cardTitle =
    props.cardTitle ??
    (keyColumns.length
      ? (record: T) => (
          <span style={{ whiteSpace: 'normal' }}>
            {columns.filter(isKey).map((c, i) => (
              <span key={i}>{i > 0 && ' '}{cellValue(c, record, 0)}</span>
            ))}
          </span>
        )
      : undefined);

  if (!isPhone) {
    return (
      <Table<T>
        data-testid={testId}
        columns={columns}
        dataSource={dataSource}
        rowKey={rowKey}
        loading={loading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        size="middle"
        expandable={expandedRowRender ? { expandedRowRender } : undefined}
        onRow={onRowClick ? (record) => ({ onClick: () => onRowClick(record), style: { cursor: 'pointer' } }) : undefined}
      />
    );
  }

  const toggle = (key: Key) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });

  return (
    <List
      data-testid={testId}
      loading={loading}
      dataSource={dataSource}
      locale={{ emptyText: <Empty /> }}
      renderItem={(record, index) => {
        const key = record[rowKey] as Key;
        return (
          <List.Item style={{ padding: '6px 0', border: 'none' }}>
            <Card
              size="small"
              style={{ width: '100%', cursor: onRowClick ? 'pointer' : undefined }}
              title={cardTitle?.(record)}
              onClick={onRowClick ? () => onRowClick(record) : undefined}
            >
              {columns
                .filter((c) => !c.hideInCard)
                .map((col, i) => (
                  <div key={String(col.key ?? col.dataIndex ?? i)} style={{ display: 'flex', gap: 8, padding: '2px 0' }}>
                    <span style={{ color: 'rgba(0,0,0,0.45)', flex: '0 0 88px' }}>{col.title as ReactNode}</span>
                    <span style={{ flex: 1, minWidth: 0, wordBreak: 'break-all' }}>{cellValue(col, record, index)}</span>
                  </div>
                ))}
              {expandedRowRender && (
                <>
                  <Button type="link" size="small" style={{ padding: 0 }} onClick={(e) => { e.stopPropagation(); toggle(key); }}>
                    {open.has(key) ? t('common.collapse') : t('common.expand')}
                  </Button>
                  {open.has(key) && <div style={{ marginTop: 8 }}>{expandedRowRender(record)}</div>}
                </>
              )}
            </Card>
          </List.Item>
        );
      }}
    />
  );
}
