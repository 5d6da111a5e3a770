import { lazy } from 'react';
import { AuditOutlined, BarChartOutlined, BellOutlined, FileAddOutlined, FileTextOutlined, InboxOutlined, SettingOutlined, SolutionOutlined, StarOutlined, TrophyOutlined, UnorderedListOutlined } from '@ant-design/icons';
import type { Role } from '../../api/types';
import type { WebModule } from '../../app/manifest';

export const OFFICE: readonly Role[] = ['admin', 'staff'];
export const READERS: readonly Role[] = ['admin', 'staff', 'leader'];
export const MEMBERS: readonly Role[] = ['member'];
export const UNITS: readonly Role[] = ['unit'];
const KEY_READERS: readonly Role[] = ['admin', 'staff', 'leader'];
const ADMINS: readonly Role[] = ['admin'];

export const proposalsModule: WebModule = {
  name: 'proposals',
  namespace: 'proposals',
  menuLabelKey: 'menu.group',
  menuIcon: <FileTextOutlined />,
  menu: [
    { path: '/proposals/mine', labelKey: 'menu.member', icon: <SolutionOutlined />, roles: MEMBERS },
    { path: '/proposals/new', labelKey: 'menu.new', icon: <FileAddOutlined />, roles: MEMBERS },
    { path: '/proposals/office', labelKey: 'menu.office', icon: <InboxOutlined />, roles: OFFICE },
    { path: '/proposals/unit', labelKey: 'menu.unit', icon: <AuditOutlined />, roles: UNITS },
    { path: '/proposals/key', labelKey: 'menu.key', icon: <StarOutlined />, roles: KEY_READERS },
    { path: '/proposals/list', labelKey: 'menu.list', icon: <UnorderedListOutlined />, roles: READERS },
    { path: '/proposals/quality', labelKey: 'menu.quality', icon: <TrophyOutlined />, roles: READERS },
    { path: '/proposals/stats', labelKey: 'menu.stats', icon: <BarChartOutlined />, roles: READERS },
    { path: '/proposals/settings', labelKey: 'menu.settings', icon: <SettingOutlined />, roles: ADMINS },
    { path: '/proposals/notifications', labelKey: 'menu.notifications', icon: <BellOutlined /> },
  ],
  routes: [
    { path: 'proposals/mine', roles: MEMBERS, page: lazy(() => import('./pages/MemberWorkbenchPage')) },
    { path: 'proposals/new', roles: MEMBERS, page: lazy(() => import('./pages/ProposalFormPage')) },
    { path: 'proposals/:id/edit', roles: MEMBERS, page: lazy(() => import('./pages/ProposalFormPage')) },
    { path: 'proposals/office', roles: OFFICE, page: lazy(() => import('./pages/OfficeWorkbenchPage')) },
    { path: 'proposals/unit', roles: UNITS, page: lazy(() => import('./pages/UnitWorkbenchPage')) },
    { path: 'proposals/key', roles: KEY_READERS, page: lazy(() => import('./pages/KeyProposalsPage')) },
    { path: 'proposals/list', roles: READERS, page: lazy(() => import('./pages/ListPage')) },
    { path: 'proposals/quality', roles: READERS, page: lazy(() => import('./pages/QualityPage')) },
    { path: 'proposals/stats', roles: READERS, page: lazy(() => import('./pages/StatsPage')) },
    { path: 'proposals/settings', roles: ADMINS, page: lazy(() => import('./pages/SettingsPage')) },
    { path: 'proposals/notifications', page: lazy(() => import('./pages/NotificationsPage')) },
    // Proposers, co-signers and assigned units open their own proposals; the server decides who may read one.
    { path: 'proposals/:id', page: lazy(() => import('./pages/ProposalPage')) },
  ],
  publicRoutes: [
    { path: '/disclosure/proposals', page: lazy(() => import('./pages/PublicListPage')) },
    { path: '/disclosure/proposals/:id', page: lazy(() => import('./pages/PublicProposalPage')) },
  ],
};
