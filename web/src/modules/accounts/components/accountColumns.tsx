import { Button, Space, Tag } from 'antd';
import type { Account } from '../../../api/types';
import type { Lang, Translate } from '../../../i18n/LocaleProvider';
import type { AccountsKey, AppKey } from '../../../i18n/keys';
import type { Column } from '../../../shared/ResponsiveTable';
import { formatTime } from '../../../shared/time';

export interface AccountActions {
  edit: (a: Account) => void;
  resetPassword: (a: Account) => void;
  toggle: (a: Account) => void;
  unlock: (a: Account) => void;
}

export function isLocked(a: Account, now = Date.now()): boolean {
  return !!a.lockedUntil && new Date(a.lockedUntil).getTime() > now;
}

export function accountColumns(t: Translate<AccountsKey>, ta: Translate<AppKey>, lang: Lang, actions: AccountActions): Column<Account>[] {
  return [
    { key: 'username', title: t('login.username'), dataIndex: 'username', hideInCard: true, width: 140 },
    { key: 'displayName', title: t('register.displayName'), dataIndex: 'displayName', width: 140 },
    { key: 'organization', title: ta('common.organization'), dataIndex: 'organizationName' },
    {
      key: 'roles',
      title: t('accounts.roles'),
      dataIndex: 'roles',
      render: (roles: Account['roles']) => (
        <Space wrap size={4}>
          {roles.map((r) => (
            <Tag key={r}>{ta(`role.${r}`)}</Tag>
          ))}
        </Space>
      ),
    },
    {
      key: 'status',
      title: t('accounts.status'),
      dataIndex: 'status',
      render: (_: unknown, a: Account) => (
        <Space wrap size={4}>
          <Tag color={a.status === 'active' ? 'green' : 'default'}>{t(`status.${a.status}`)}</Tag>
          {isLocked(a) && <Tag color="red">{t('accounts.locked')}</Tag>}
          {a.mustChangePassword && <Tag color="orange">{t('accounts.mustChange')}</Tag>}
        </Space>
      ),
    },
    { key: 'linked', title: t('accounts.linkedTo'), render: (_: unknown, a: Account) => a.memberName ?? a.handlingUnitName ?? '' },
    { key: 'lockedUntil', title: t('accounts.lockedUntil'), dataIndex: 'lockedUntil', render: (v: string | null) => (v && isLocked({ lockedUntil: v } as Account) ? formatTime(v, lang) : '') },
    { key: 'lastLoginAt', title: t('accounts.lastLoginAt'), dataIndex: 'lastLoginAt', render: (v: string | null) => formatTime(v, lang) },
    {
      key: 'actions',
      title: ta('common.actions'),
      render: (_: unknown, a: Account) => (
        <Space wrap size={4}>
          <Button size="small" onClick={() => actions.edit(a)}>
            {ta('common.edit')}
          </Button>
          {isLocked(a) && (
            <Button size="small" onClick={() => actions.unlock(a)}>
              {t('accounts.unlock')}
            </Button>
          )}
          <Button size="small" onClick={() => actions.resetPassword(a)}>
            {t('reset.button')}
          </Button>
          <Button size="small" danger={a.status === 'active'} onClick={() => actions.toggle(a)}>
            {a.status === 'active' ? t('accounts.disable') : t('accounts.enable')}
          </Button>
        </Space>
      ),
    },
  ];
}
