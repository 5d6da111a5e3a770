import { lazy } from 'react';
import { AuditOutlined, DashboardOutlined, FundProjectionScreenOutlined, LineChartOutlined, TableOutlined } from '@ant-design/icons';
import type { Role } from '../../api/types';
import type { WebModule } from '../../app/manifest';

// As the server's figures routes: the office and the leaders; units and members are not shown it.
const READERS: readonly Role[] = ['admin', 'staff', 'leader'];

/** The panorama (全景图): the year's work figures of every module, as the work report quotes them. */
export const dashboardModule: WebModule = {
  name: 'dashboard',
  namespace: 'dashboard',
  menuLabelKey: 'menu.group',
  menuIcon: <DashboardOutlined />,
  menu: [
    { path: '/dashboard/panorama', labelKey: 'menu.panorama', icon: <LineChartOutlined />, roles: READERS },
    { path: '/dashboard/figures', labelKey: 'menu.figures', icon: <TableOutlined />, roles: READERS },
    { path: '/dashboard/screen', labelKey: 'menu.screen', icon: <FundProjectionScreenOutlined />, roles: READERS },
    // A unit's own handling: the server gives a unit its own unit's figures only.
    { path: '/dashboard/unit', labelKey: 'menu.unit', icon: <AuditOutlined />, roles: ['unit'] },
    // The office and leaders pick a unit on the same page.
    { path: '/dashboard/unit', labelKey: 'menu.units', icon: <AuditOutlined />, roles: READERS },
  ],
  routes: [
    { path: 'dashboard/panorama', roles: READERS, page: lazy(() => import('./pages/PanoramaPage')) },
    { path: 'dashboard/figures', roles: READERS, page: lazy(() => import('./pages/FiguresPage')) },
    { path: 'dashboard/unit', roles: ['unit', ...READERS], page: lazy(() => import('./pages/UnitFiguresPage')) },
  ],
  // The big screens stand outside the layout (no menu): a wall display shows the figures alone.
  // The office's screen asks the server, which refuses whoever may not read the figures.
  publicRoutes: [
    { path: '/dashboard/screen', page: lazy(() => import('./pages/ScreenPage')) },
    { path: '/public/screen/:organizationId', page: lazy(() => import('./pages/PublicScreenPage')) },
  ],
};
