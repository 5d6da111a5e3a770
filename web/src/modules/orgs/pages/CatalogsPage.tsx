import { useState } from 'react';
import { Flex, Tabs } from 'antd';
import { hasAnyRole, useMe } from '../../../app/session';
import { useT } from '../../../i18n/LocaleProvider';
import { OrganizationSelect } from '../../../shared/OrganizationSelect';
import { PageHeader } from '../../../shared/PageHeader';
import { useIsPhone } from '../../../shared/useIsPhone';
import { CatalogTab } from '../components/CatalogTab';
import { CATALOG_KINDS } from '../catalogs';
import { OFFICE } from '../manifest';

export default function CatalogsPage() {
  const t = useT('orgs');
  const ta = useT('app');
  const me = useMe();
  const isPhone = useIsPhone();
  const [organizationId, setOrganizationId] = useState<number | undefined>(me.organization.id);
  const canEdit = hasAnyRole(me, OFFICE);

  return (
    <>
      <PageHeader title={t('catalogs.title')} />
      <Flex style={{ marginBottom: 8 }}>
        <OrganizationSelect value={organizationId} onChange={setOrganizationId} placeholder={ta('common.organization')} style={{ width: isPhone ? '100%' : 240 }} />
      </Flex>
      <Tabs
        items={CATALOG_KINDS.map((kind) => ({
          key: kind,
          label: t(`catalogs.tab.${kind}`),
          children: <CatalogTab kind={kind} organizationId={organizationId} defaultOrganizationId={me.organization.id} canEdit={canEdit} />,
        }))}
      />
    </>
  );
}
