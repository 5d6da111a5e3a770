import { useState } from 'react';
import { Button, Flex, Input, Select } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { orgsApi } from '../../../api/orgs';
import { PLACE_KINDS, type Place, type PlaceKind } from '../../../api/types';
import { hasAnyRole, useMe } from '../../../app/session';
import { useT } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { ListFooter } from '../../../shared/ListFooter';
import { OrganizationSelect } from '../../../shared/OrganizationSelect';
import { PageHeader } from '../../../shared/PageHeader';
import { ResponsiveTable } from '../../../shared/ResponsiveTable';
import { useIsPhone } from '../../../shared/useIsPhone';
import { useKeysetList } from '../../../shared/useKeysetList';
import { KindTag, placeColumns } from '../components/placeColumns';
import { PlaceModal } from '../components/PlaceModal';
import { OFFICE } from '../manifest';

interface Filters {
  kind?: PlaceKind;
  organizationId?: number;
  q?: string;
}

export default function PlacesPage() {
  const t = useT('orgs');
  const ta = useT('app');
  const me = useMe();
  const isPhone = useIsPhone();
  const [filters, setFilters] = useState<Filters>({});
  const [editing, setEditing] = useState<Place | null | undefined>(undefined);
  const list = useKeysetList(['orgs', 'places', filters], (cursor) => orgsApi.places(filters, cursor));
  const office = hasAnyRole(me, OFFICE);
  const width = isPhone ? '100%' : 200;

  return (
    <>
      <PageHeader
        title={t('places.title')}
        extra={
          office && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>
              {t('places.new')}
            </Button>
          )
        }
      />
      <Flex wrap gap={8} style={{ marginBottom: 16 }}>
        <Select
          value={filters.kind}
          onChange={(kind?: PlaceKind) => setFilters({ ...filters, kind })}
          options={PLACE_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
          placeholder={t('place.kind')}
          allowClear
          style={{ width }}
        />
        <OrganizationSelect
          value={filters.organizationId}
          onChange={(organizationId) => setFilters({ ...filters, organizationId })}
          placeholder={ta('common.organization')}
          allowClear
          style={{ width }}
        />
        <Input.Search
          placeholder={t('places.searchPlaceholder')}
          allowClear
          onSearch={(q) => setFilters({ ...filters, q: q.trim() || undefined })}
          style={{ width: isPhone ? '100%' : 240 }}
        />
      </Flex>
      <ErrorAlert error={list.error} />
      <ResponsiveTable<Place>
        testId="places-table"
        columns={placeColumns(t, ta, office ? setEditing : undefined)}
        keyColumns={['name']}
        dataSource={list.items}
        rowKey="id"
        loading={list.loading}
        cardTitle={(p) => (
          <Flex gap={6} align="center">
            <KindTag kind={p.kind} t={t} />
            {p.name}
          </Flex>
        )}
      />
      <ListFooter total={list.total} shown={list.items.length} hasMore={list.hasMore} loadingMore={list.loadingMore} onLoadMore={list.loadMore} />
      {editing !== undefined && <PlaceModal place={editing} onClose={() => setEditing(undefined)} />}
    </>
  );
}
