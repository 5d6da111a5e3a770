import { lazy } from 'react';
import { HistoryOutlined, ImportOutlined } from '@ant-design/icons';
import { HISTORY_KINDS } from '../../api/history';
import type { Role } from '../../api/types';
import type { WebModule } from '../../app/manifest';

const OFFICE: readonly Role[] = ['admin', 'staff'];

export const historyModule: WebModule = {
  name: 'history',
  namespace: 'history',
  menuLabelKey: 'menu.group',
  menuIcon: <HistoryOutlined />,
  menu: HISTORY_KINDS.map((kind) => ({ path: `/history/${kind}`, labelKey: `menu.${kind}`, icon: <ImportOutlined />, roles: OFFICE })),
  routes: [{ path: 'history/:kind', roles: OFFICE, page: lazy(() => import('./pages/ImportPage')) }],
};
