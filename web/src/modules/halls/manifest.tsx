import { lazy } from 'react';
import { HomeOutlined, InboxOutlined, TrophyOutlined } from '@ant-design/icons';
import type { Role } from '../../api/types';
import type { WebModule } from '../../app/manifest';

const OFFICE: readonly Role[] = ['admin', 'staff'];
const READERS: readonly Role[] = ['admin', 'staff', 'leader'];

export const hallsModule: WebModule = {
  name: 'halls',
  namespace: 'halls',
  menuLabelKey: 'menu.group',
  menuIcon: <HomeOutlined />,
  menu: [
    { path: '/halls', labelKey: 'menu.workbench', icon: <InboxOutlined />, roles: OFFICE },
    { path: '/halls/ranking', labelKey: 'menu.ranking', icon: <TrophyOutlined />, roles: READERS },
  ],
  routes: [
    { path: 'halls', roles: OFFICE, page: lazy(() => import('./pages/WorkbenchPage')) },
    { path: 'halls/ranking', roles: READERS, page: lazy(() => import('./pages/RankingPage')) },
  ],
  // A hall's public page, /hall/<id>, is served by the resident's small app (opinions/resident.tsx).
};
