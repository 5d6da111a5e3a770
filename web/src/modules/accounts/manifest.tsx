import { lazy } from 'react';
import { AuditOutlined, SettingOutlined, UserOutlined } from '@ant-design/icons';
import type { Role } from '../../api/types';
import type { WebModule } from '../../app/manifest';

const ADMIN: readonly Role[] = ['admin'];

export const accountsModule: WebModule = {
  name: 'accounts',
  namespace: 'accounts',
  menuLabelKey: 'menu.group',
  menuIcon: <SettingOutlined />,
  menu: [
    { path: '/admin/accounts', labelKey: 'menu.accounts', icon: <UserOutlined />, roles: ADMIN },
    { path: '/admin/audit', labelKey: 'menu.audit', icon: <AuditOutlined />, roles: ADMIN },
  ],
  routes: [
    { path: 'admin/accounts', roles: ADMIN, page: lazy(() => import('./pages/AccountsPage')) },
    { path: 'admin/audit', roles: ADMIN, page: lazy(() => import('./pages/AuditPage')) },
  ],
};

// Login and registration are outside the signed-in layout, so the shell routes them itself.
export const LoginPage = lazy(() => import('./pages/LoginPage'));
export const RegisterPage = lazy(() => import('./pages/RegisterPage'));
export const ChangePasswordPage = lazy(() => import('./pages/ChangePasswordPage'));
