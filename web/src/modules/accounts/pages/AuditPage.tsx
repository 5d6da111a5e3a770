import { useState } from 'react';
import { Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { accountsApi } from '../../../api/accounts';
import type { AuditEntry, AuditFilters } from '../../../api/types';
import { pickLang, useLocale, useT } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { ListFooter } from '../../../shared/ListFooter';
import { PageHeader } from '../../../shared/PageHeader';
import { ResponsiveTable, type Column } from '../../../shared/ResponsiveTable';
import { formatTime } from '../../../shared/time';
import { useKeysetList } from '../../../shared/useKeysetList';
import { actionKey, entityKey, recordPath } from '../audit';
import { AuditDiff } from '../components/AuditDiff';
import { AuditFilterBar } from '../components/AuditFilterBar';

export default function AuditPage() {
  const t = useT('accounts');
  const { lang } = useLocale();
  const [filters, setFilters] = useState<AuditFilters>({});
  const list = useKeysetList(['audit', filters], (cursor) => accountsApi.audit(filters, cursor));
  const actionLabel = (a: string) => {
    const key = actionKey(a);
    return key ? t(key) : t('audit.otherAction');
  };
  const entityLabel = (e: string) => {
    const key = entityKey(e);
    return key ? t(key) : t('audit.otherRecord');
  };

  const columns: Column<AuditEntry>[] = [
    { key: 'at', title: t('audit.at'), dataIndex: 'at', hideInCard: true, render: (v: string) => formatTime(v, lang) },
    {
      key: 'actor',
      title: t('audit.actor'),
      render: (_: unknown, e: AuditEntry) => (
        <>
          {e.actorName ?? (e.actorId === null ? t('audit.system') : '')}
        </>
      ),
    },
    {
      key: 'action',
      title: t('audit.action'),
      dataIndex: 'action',
      render: (a: string) => <Tag color={a === 'login_failed' || a === 'lockout' ? 'red' : 'blue'}>{actionLabel(a)}</Tag>,
    },
    {
      key: 'record',
      title: t('audit.record'),
      render: (_: unknown, e: AuditEntry) => {
        const name = e.subject ? pickLang(lang, e.subject.name, e.subject.name_en ?? undefined) : '';
        const path = recordPath(e.entityType, e.entityId);
        return (
          <span data-testid="audit-record">
            <Typography.Text type="secondary">{entityLabel(e.entityType)}</Typography.Text>
            {name && ' '}
            {name && (path ? <Link to={path} onClick={(ev) => ev.stopPropagation()}>{name}</Link> : name)}
            {!name && path && (
              <>
                {' '}
                <Link to={path} onClick={(ev) => ev.stopPropagation()}>{t('audit.open')}</Link>
              </>
            )}
          </span>
        );
      },
    },
    { key: 'ip', title: t('audit.ip'), dataIndex: 'ip' },
  ];

  return (
    <>
      <PageHeader title={t('audit.title')} />
      <AuditFilterBar value={filters} onChange={setFilters} />
      <ErrorAlert error={list.error} />
      <ResponsiveTable<AuditEntry>
        testId="audit-table"
        columns={columns}
        dataSource={list.items}
        rowKey="id"
        loading={list.loading}
        cardTitle={(e) => formatTime(e.at, lang)}
        expandedRowRender={(e) => <AuditDiff entry={e} />}
      />
      <ListFooter total={list.total} shown={list.items.length} hasMore={list.hasMore} loadingMore={list.loadingMore} onLoadMore={list.loadMore} />
    </>
  );
}
