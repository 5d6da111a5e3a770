import { useState } from 'react';
import { App, Button, Checkbox, Flex, Input, Select } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { accountsApi, type AccountFilters } from '../../../api/accounts';
import { problemMessage } from '../../../api/errors';
import { ROLES, type Account } from '../../../api/types';
import { useLocale, useT } from '../../../i18n/LocaleProvider';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { ListFooter } from '../../../shared/ListFooter';
import { OrganizationSelect } from '../../../shared/OrganizationSelect';
import { PageHeader } from '../../../shared/PageHeader';
import { ResponsiveTable } from '../../../shared/ResponsiveTable';
import { useIsPhone } from '../../../shared/useIsPhone';
import { useKeysetList } from '../../../shared/useKeysetList';
import { accountColumns } from '../components/accountColumns';
import { AccountFormModal } from '../components/AccountFormModal';
import { ResetPasswordModal } from '../components/ResetPasswordModal';

export default function AccountsPage() {
  const t = useT('accounts');
  const ta = useT('app');
  const { lang } = useLocale();
  const { message, modal } = App.useApp();
  const isPhone = useIsPhone();
  const queryClient = useQueryClient();
  const [filters, setFilters] = useState<AccountFilters>({});
  const [editing, setEditing] = useState<Account | null | undefined>(undefined);
  const [resetting, setResetting] = useState<Account | null>(null);
  const list = useKeysetList(['accounts', filters], (cursor) => accountsApi.list(filters, cursor));
  const width = isPhone ? '100%' : 180;

  const toggle = (a: Account) => {
    const disabling = a.status === 'active';
    modal.confirm({
      title: t(disabling ? 'accounts.disableConfirm' : 'accounts.enableConfirm', { name: a.username }),
      okText: disabling ? t('accounts.disable') : t('accounts.enable'),
      okButtonProps: { danger: disabling },
      cancelText: ta('common.cancel'),
      onOk: async () => {
        try {
          await (disabling ? accountsApi.disable(a.id) : accountsApi.enable(a.id));
          void queryClient.invalidateQueries({ queryKey: ['accounts'] });
          message.success(ta('common.saved'));
        } catch (e) {
          message.error(problemMessage(e, lang));
        }
      },
    });
  };

  const unlock = (a: Account) => {
    modal.confirm({
      title: t('accounts.unlockConfirm', { name: a.username }),
      okText: t('accounts.unlock'),
      cancelText: ta('common.cancel'),
      onOk: async () => {
        try {
          await accountsApi.unlock(a.id);
          void queryClient.invalidateQueries({ queryKey: ['accounts'] });
          message.success(t('accounts.unlocked', { name: a.username }));
        } catch (e) {
          message.error(problemMessage(e, lang));
        }
      },
    });
  };

  return (
    <>
      <PageHeader
        title={t('accounts.title')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>
            {t('accounts.new')}
          </Button>
        }
      />
      <Flex wrap gap={8} style={{ marginBottom: 16 }}>
        <Input.Search
          placeholder={t('accounts.searchPlaceholder')}
          allowClear
          onSearch={(q) => setFilters({ ...filters, q: q.trim() || undefined })}
          style={{ width: isPhone ? '100%' : 240 }}
        />
        <Select
          value={filters.role}
          onChange={(role?: AccountFilters['role']) => setFilters({ ...filters, role })}
          options={ROLES.map((r) => ({ value: r, label: ta(`role.${r}`) }))}
          placeholder={t('accounts.roles')}
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
        <Select
          value={filters.status}
          onChange={(status?: AccountFilters['status']) => setFilters({ ...filters, status })}
          options={[
            { value: 'active', label: t('status.active') },
            { value: 'disabled', label: t('status.disabled') },
          ]}
          placeholder={t('accounts.status')}
          allowClear
          style={{ width }}
        />
        <Checkbox checked={!!filters.locked} onChange={(e) => setFilters({ ...filters, locked: e.target.checked || undefined })} data-testid="accounts-locked-only">
          {t('accounts.lockedOnly')}
        </Checkbox>
      </Flex>
      <ErrorAlert error={list.error} />
      <ResponsiveTable<Account>
        testId="accounts-table"
        columns={accountColumns(t, ta, lang, { edit: setEditing, resetPassword: setResetting, toggle, unlock })}
        keyColumns={['username', 'displayName']}
        dataSource={list.items}
        rowKey="id"
        loading={list.loading}
        cardTitle={(a) => a.username}
      />
      <ListFooter total={list.total} shown={list.items.length} hasMore={list.hasMore} loadingMore={list.loadingMore} onLoadMore={list.loadMore} />
      {editing !== undefined && <AccountFormModal account={editing} onClose={() => setEditing(undefined)} />}
      {resetting && <ResetPasswordModal account={resetting} onClose={() => setResetting(null)} />}
    </>
  );
}
