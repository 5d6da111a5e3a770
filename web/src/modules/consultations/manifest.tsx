import { lazy } from 'react';
import { BarChartOutlined, BulbOutlined, CalendarOutlined, CommentOutlined, FileDoneOutlined, ScheduleOutlined } from '@ant-design/icons';
import type { Role } from '../../api/types';
import type { WebModule } from '../../app/manifest';
import { liveRoutes } from './live/routes';

export const OFFICE: readonly Role[] = ['admin', 'staff'];
export const READERS: readonly Role[] = ['admin', 'staff', 'leader'];
const PLAN_READERS: readonly Role[] = ['admin', 'staff', 'leader', 'member'];
// The public see the published online meetings (and join their live rooms from there).
const MEETING_READERS: readonly Role[] = ['admin', 'staff', 'leader', 'member', 'public'];
const SUGGESTION_READERS: readonly Role[] = ['admin', 'staff', 'leader', 'unit'];

export const consultationsModule: WebModule = {
  name: 'consultations',
  namespace: 'consultations',
  menuLabelKey: 'menu.group',
  menuIcon: <CommentOutlined />,
  menu: [
    { path: '/consultations/plan', labelKey: 'menu.plan', icon: <ScheduleOutlined />, roles: PLAN_READERS },
    { path: '/consultations/meetings', labelKey: 'menu.meetings', icon: <CalendarOutlined />, roles: MEETING_READERS },
    { path: '/consultations/suggestions', labelKey: 'menu.suggestions', icon: <BulbOutlined />, roles: SUGGESTION_READERS },
    { path: '/consultations/outcomes', labelKey: 'menu.outcomes', icon: <FileDoneOutlined />, roles: READERS },
    { path: '/consultations/stats', labelKey: 'menu.stats', icon: <BarChartOutlined />, roles: READERS },
  ],
  routes: [
    ...liveRoutes,
    { path: 'consultations/plan', page: lazy(() => import('./pages/PlanPage')) },
    { path: 'consultations/meetings', page: lazy(() => import('./pages/MeetingsPage')) },
    { path: 'consultations/meetings/new', roles: OFFICE, page: lazy(() => import('./pages/MeetingFormPage')) },
    { path: 'consultations/meetings/:id/edit', roles: OFFICE, page: lazy(() => import('./pages/MeetingFormPage')) },
    // Invitees, the public (online meetings) and officials open a meeting; the server decides who may read one.
    { path: 'consultations/meetings/:id', page: lazy(() => import('./pages/MeetingPage')) },
    { path: 'consultations/checkin/:token', page: lazy(() => import('./pages/CheckinPage')) },
    { path: 'consultations/suggestions', roles: SUGGESTION_READERS, page: lazy(() => import('./pages/SuggestionsPage')) },
    // One suggestion is the shared tracker's page (suggestions module), at the address meetings and notifications link to.
    { path: 'consultations/suggestions/:id', roles: SUGGESTION_READERS, page: lazy(() => import('../suggestions/pages/SuggestionPage')) },
    { path: 'consultations/outcomes', roles: READERS, page: lazy(() => import('./pages/OutcomesPage')) },
    { path: 'consultations/outcomes/:id', roles: READERS, page: lazy(() => import('./pages/OutcomePage')) },
    { path: 'consultations/stats', roles: READERS, page: lazy(() => import('./pages/StatsPage')) },
  ],
};
