import { lazy } from 'react';
import { AuditOutlined, BarChartOutlined, IdcardOutlined, LogoutOutlined, SettingOutlined, SolutionOutlined, TeamOutlined, TrophyOutlined } from '@ant-design/icons';
import type { Role } from '../../api/types';
import type { WebModule } from '../../app/manifest';

const MEMBERS: readonly Role[] = ['member'];
const READERS: readonly Role[] = ['admin', 'staff', 'leader'];

export const dutyModule: WebModule = {
  name: 'duty',
  namespace: 'duty',
  menuLabelKey: 'menu.group',
  menuIcon: <IdcardOutlined />,
  menu: [
    { path: '/duty/mine', labelKey: 'menu.mine', icon: <SolutionOutlined />, roles: MEMBERS },
    { path: '/duty/members', labelKey: 'menu.members', icon: <TeamOutlined />, roles: READERS },
    { path: '/duty/claims', labelKey: 'menu.claims', icon: <AuditOutlined />, roles: READERS },
    { path: '/duty/evaluation', labelKey: 'menu.evaluation', icon: <TrophyOutlined />, roles: READERS },
    { path: '/duty/exits', labelKey: 'menu.exits', icon: <LogoutOutlined />, roles: READERS },
    { path: '/duty/stats', labelKey: 'menu.stats', icon: <BarChartOutlined />, roles: READERS },
    { path: '/duty/rules', labelKey: 'menu.rules', icon: <SettingOutlined />, roles: READERS },
  ],
  routes: [
    { path: 'duty/mine', roles: MEMBERS, page: lazy(() => import('./pages/MyDutyPage')) },
    { path: 'duty/members', roles: READERS, page: lazy(() => import('./pages/MembersPage')) },
    { path: 'duty/claims', roles: READERS, page: lazy(() => import('./pages/ClaimsPage')) },
    { path: 'duty/evaluation', roles: READERS, page: lazy(() => import('./pages/EvaluationPage')) },
    { path: 'duty/exits', roles: READERS, page: lazy(() => import('./pages/ExitsPage')) },
    { path: 'duty/stats', roles: READERS, page: lazy(() => import('./pages/StatsPage')) },
    { path: 'duty/rules', roles: READERS, page: lazy(() => import('./pages/RulesPage')) },
  ],
};
