import { lazy } from 'react';
import { HistoryOutlined, ImportOutlined } from '@ant-design/icons';
import type { Role } from '../../api/types';
import type { WebModule } from '../../app/manifest';

const OFFICE: readonly Role[] = ['admin', 'staff'];

export const historyModule: WebModule = {
  name: 'history',
  namespace: 'history',
  menuLabelKey: 'menu.group',
  menuIcon: <HistoryOutlined />,
  menu: [{ path: '/history/proposals', labelKey: 'menu.proposals', icon: <ImportOutlined />, roles: OFFICE }],
  routes: [{ path: 'history/proposals', roles: OFFICE, page: lazy(() => import('./pages/ImportPage')) }],
};
