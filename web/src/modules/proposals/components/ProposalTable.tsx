import type { ReactNode } from 'react';
import { Flex, Tag, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import type { ProposalSummary } from '../../../api/proposals';
import { pickLang, useLocale, useT } from '../../../i18n/LocaleProvider';
import { ResponsiveTable, type Column } from '../../../shared/ResponsiveTable';
import { useIsPhone } from '../../../shared/useIsPhone';
import { formatTime } from '../../../shared/time';
import { StateTag } from './labels';

interface Props {
  items: ProposalSummary[];
  loading?: boolean;
  testId?: string;
  /** Buttons for one row (confirm a co-sign request, sign for an assignment, ...). */
  actions?: (p: ProposalSummary) => ReactNode;
  /** Show each unit's deadline (units and the office care; members less). */
  deadlines?: boolean;
}

/** Proposals as a table, or as cards on a phone; the title opens the proposal. */
export function ProposalTable({ items, loading, testId, actions, deadlines }: Props) {
  const t = useT('proposals');
  const { lang } = useLocale();
  const navigate = useNavigate();
  const isPhone = useIsPhone();
  const columns: Column<ProposalSummary>[] = [
    {
      key: 'number',
      title: t('field.number'),
      dataIndex: 'numberLabel',
      width: lang === 'en' ? 170 : 150,
      render: (v: string | null, p) => (v ? <span data-testid="proposal-row-number">{pickLang(lang, v, p.numberLabel_en ?? undefined)}</span> : ''),
    },
    {
      key: 'title',
      title: t('field.title'),
      dataIndex: 'title',
      hideInCard: true,
      width: 260,
      render: (v: string, p) => (
        <Flex gap={4} wrap align="center">
          {p.isKey && <Tag color="red">{t('field.key')}</Tag>}
          <Link to={`/proposals/${p.id}`}>{v}</Link>
        </Flex>
      ),
    },
    { key: 'state', title: t('field.state'), dataIndex: 'state', render: (s: ProposalSummary['state'], p) => <>{<StateTag state={s} t={t} />}{p.overdue && <Tag color="red">{t('field.overdue')}</Tag>}</> },
    { key: 'proposer', title: t('field.proposer'), render: (_: unknown, p) => `${p.proposerName}${p.sectorName ? `（${p.sectorName}）` : ''}` },
    { key: 'kind', title: t('field.kind'), dataIndex: 'kind', render: (k: ProposalSummary['kind']) => t(`kind.${k}`) },
    { key: 'category', title: t('field.category'), dataIndex: 'categoryName', render: (v: string | null) => v ?? '' },
    {
      key: 'units',
      title: t('field.units'),
      render: (_: unknown, p) =>
        p.units
          .filter((u) => u.state !== 'withdrawn')
          .map((u) => (
            <div key={u.assignmentId}>
              {u.name}
              <Typography.Text type="secondary">
                （{t(`role.${u.role}`)}
                {deadlines ? ` · ${t('field.deadlineShort', { date: u.deadline })}` : ''}）
              </Typography.Text>
            </div>
          )),
    },
    { key: 'at', title: t('field.filedAt'), render: (_: unknown, p) => formatTime(p.filedAt ?? p.createdAt, lang) },
  ];
  if (actions) columns.push({ key: 'actions', title: t('field.actions'), render: (_: unknown, p) => <Flex wrap gap={6} onClick={(e) => e.stopPropagation()}>{actions(p)}</Flex> });
  return (
    <ResponsiveTable<ProposalSummary>
      testId={testId}
      columns={columns}
      keyColumns={['number', 'title']}
      dataSource={items}
      rowKey="id"
      loading={loading}
      onRowClick={isPhone ? (p) => void navigate(`/proposals/${p.id}`) : undefined}
      cardTitle={(p) => (
        <span style={{ whiteSpace: 'normal' }}>
          {p.isKey && <Tag color="red">{t('field.key')}</Tag>}
          {p.title}
        </span>
      )}
    />
  );
}
