import { Button, Space, Tag } from 'antd';
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useNavigate, useSearchParams } from 'react-router';
import { orgsApi } from '../../../api/orgs';
import type { Member } from '../../../api/types';
import { hasAnyRole, useMe } from '../../../app/session';
import { useT } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { ListFooter } from '../../../shared/ListFooter';
import { PageHeader } from '../../../shared/PageHeader';
import { ResponsiveTable } from '../../../shared/ResponsiveTable';
import { useKeysetList } from '../../../shared/useKeysetList';
import { MemberFilterBar } from '../components/MemberFilterBar';
import { memberColumns } from '../components/memberColumns';
import { filtersFromParams, paramsFromFilters } from '../filters';
import { OFFICE } from '../manifest';

export default function MembersPage() {
  const t = useT('orgs');
  const ta = useT('app');
  const me = useMe();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filters = filtersFromParams(params);
  const list = useKeysetList(['orgs', 'members', filters], (cursor) => orgsApi.members(filters, cursor));
  const office = hasAnyRole(me, OFFICE);

  return (
    <>
      <PageHeader
        title={t('members.title')}
        extra={
          office && (
            <>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/orgs/members/new')}>
                {t('members.new')}
              </Button>
              <Button icon={<UploadOutlined />} onClick={() => navigate('/orgs/members/import')}>
                {t('members.import')}
              </Button>
              <Button icon={<DownloadOutlined />} href={orgsApi.exportUrl(filters)} data-testid="members-export">
                {t('members.export')}
              </Button>
            </>
          )
        }
      />
      <MemberFilterBar value={filters} onChange={(next) => setParams(paramsFromFilters(next))} />
      <ErrorAlert error={list.error} />
      <ResponsiveTable<Member>
        testId="members-table"
        columns={memberColumns(t, ta)}
        dataSource={list.items}
        rowKey="id"
        loading={list.loading}
        onRowClick={(m) => navigate(`/orgs/members/${m.id}`)}
        cardTitle={(m) => (
          <Space size={4}>
            {m.name}
            {m.standing && <Tag color="red">{t('member.standingShort')}</Tag>}
          </Space>
        )}
      />
      <ListFooter total={list.total} shown={list.items.length} hasMore={list.hasMore} loadingMore={list.loadingMore} onLoadMore={list.loadMore} />
    </>
  );
}
