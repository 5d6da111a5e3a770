import { useState } from 'react';
import { Button, Flex, Tag } from 'antd';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import type { CatalogKind } from '../../../api/orgs';
import { useT } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { ResponsiveTable, type Column } from '../../../shared/ResponsiveTable';
import { useCatalog } from '../hooks';
import { CATALOG_FIELDS } from '../catalogs';
import { CatalogModal, type CatalogRow } from './CatalogModal';

interface Props {
  kind: CatalogKind;
  organizationId: number | undefined;
  defaultOrganizationId: number;
  canEdit: boolean;
}

export function CatalogTab({ kind, organizationId, defaultOrganizationId, canEdit }: Props) {
  const t = useT('orgs');
  const ta = useT('app');
  const list = useCatalog<CatalogRow>(kind, organizationId);
  const [editing, setEditing] = useState<CatalogRow | null | undefined>(undefined);
  const fields = CATALOG_FIELDS[kind];

  const columns: Column<CatalogRow>[] = [
    { key: 'name', title: t('catalogs.name'), dataIndex: 'name', hideInCard: true },
    ...(fields.includes('kind')
      ? [{ key: 'kind', title: t('catalogs.partyKind'), dataIndex: 'kind', render: (k: string) => t(`partyKind.${k}` as 'partyKind.other') }]
      : []),
    ...(fields.includes('contactName')
      ? [
          { key: 'contactName', title: t('catalogs.contactName'), dataIndex: 'contactName' },
          { key: 'contactPhone', title: t('catalogs.contactPhone'), dataIndex: 'contactPhone' },
          {
            key: 'active',
            title: t('catalogs.active'),
            dataIndex: 'active',
            render: (a: boolean) => <Tag color={a ? 'green' : 'default'}>{a ? ta('common.active') : ta('common.inactive')}</Tag>,
          },
        ]
      : []),
    { key: 'sort', title: t('catalogs.sort'), dataIndex: 'sort' },
    ...(canEdit
      ? [
          {
            key: 'actions',
            title: ta('common.actions'),
            render: (_: unknown, row: CatalogRow) => (
              <Button size="small" onClick={() => setEditing(row)}>
                {ta('common.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      {canEdit && (
        <Flex justify="flex-end" gap={8} wrap style={{ marginBottom: 12 }}>
          {kind === 'handling-units' && (
            <Link to="/orgs/handling-units/import">
              <Button icon={<UploadOutlined />}>{t('unitImport.title')}</Button>
            </Link>
          )}
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>
            {t('catalogs.add')}
          </Button>
        </Flex>
      )}
      <ErrorAlert error={list.error} />
      <ResponsiveTable<CatalogRow> columns={columns} keyColumns={['name']} dataSource={list.data ?? []} rowKey="id" loading={list.isLoading} cardTitle={(r) => r.name} />
      {editing !== undefined && (
        <CatalogModal kind={kind} item={editing} organizationId={organizationId ?? defaultOrganizationId} onClose={() => setEditing(undefined)} />
      )}
    </>
  );
}
