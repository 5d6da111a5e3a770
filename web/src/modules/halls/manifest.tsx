import { lazy } from 'react';
import { BarChartOutlined, CalendarOutlined, CoffeeOutlined, FilterOutlined, HomeOutlined, InboxOutlined, MessageOutlined, TrophyOutlined } from '@ant-design/icons';
import type { Role } from '../../api/types';
import type { WebModule } from '../../app/manifest';

const OFFICE: readonly Role[] = ['admin', 'staff'];
const READERS: readonly Role[] = ['admin', 'staff', 'leader'];
const MEMBERS: readonly Role[] = ['member'];
/** Members, and residents invited as representatives. */
const INVITED: readonly Role[] = ['member', 'public'];

export const hallsModule: WebModule = {
  name: 'halls',
  namespace: 'halls',
  menuLabelKey: 'menu.group',
  menuIcon: <HomeOutlined />,
  menu: [
    { path: '/halls', labelKey: 'menu.workbench', icon: <InboxOutlined />, roles: OFFICE },
    { path: '/halls/topics', labelKey: 'menu.toScreen', icon: <FilterOutlined />, roles: OFFICE },
    { path: '/halls/my-sessions', labelKey: 'menu.mySessions', icon: <CalendarOutlined />, roles: INVITED },
    { path: '/halls/ranking', labelKey: 'menu.ranking', icon: <TrophyOutlined />, roles: READERS },
    { path: '/halls/stats', labelKey: 'menu.stats', icon: <BarChartOutlined />, roles: READERS },
    { path: '/halls/lounges', labelKey: 'menu.lounges', icon: <CoffeeOutlined />, roles: OFFICE },
    { path: '/halls/lounge-duty', labelKey: 'menu.loungeDuty', icon: <MessageOutlined />, roles: MEMBERS },
  ],
  routes: [
    { path: 'halls', roles: OFFICE, page: lazy(() => import('./pages/WorkbenchPage')) },
    { path: 'halls/topics', roles: OFFICE, page: lazy(() => import('./pages/TopicsToScreenPage')) },
    { path: 'halls/my-sessions', roles: INVITED, page: lazy(() => import('./pages/MySessionsPage')) },
    { path: 'halls/ranking', roles: READERS, page: lazy(() => import('./pages/RankingPage')) },
    { path: 'halls/stats', roles: READERS, page: lazy(() => import('./pages/StatsPage')) },
    { path: 'halls/lounges', roles: OFFICE, page: lazy(() => import('./pages/LoungesPage')) },
    { path: 'halls/lounge-duty', roles: MEMBERS, page: lazy(() => import('./pages/LoungeDutyPage')) },
  ],
  // A hall's public page, /hall/<id>, and a session's check-in page, /hall/checkin/<token>, are
  // served by the resident's small app (opinions/resident.tsx), as are a lounge's public page,
  // /lounge/<id>, and a lounge event's check-in page, /lounge/checkin/<token>.
};
