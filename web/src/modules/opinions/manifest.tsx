import { lazy } from 'react';
import { BarChartOutlined, FileTextOutlined, FormOutlined, InboxOutlined, MessageOutlined, QrcodeOutlined, SendOutlined, TrophyOutlined, UnorderedListOutlined } from '@ant-design/icons';
import type { Role } from '../../api/types';
import type { WebModule } from '../../app/manifest';

export const READERS: readonly Role[] = ['admin', 'staff', 'leader'];
export const OFFICE: readonly Role[] = ['admin', 'staff'];
export const REPORTERS: readonly Role[] = ['member', 'admin', 'staff'];
const RANKED: readonly Role[] = ['admin', 'staff', 'leader', 'member'];
/** Residents' concerns handed to units: the units answer them, the office follows them. */
const HANDOFFS: readonly Role[] = ['unit', 'admin', 'staff'];

export const opinionsModule: WebModule = {
  name: 'opinions',
  namespace: 'opinions',
  menuLabelKey: 'menu.group',
  menuIcon: <MessageOutlined />,
  menu: [
    { path: '/opinions', labelKey: 'menu.workbench', icon: <InboxOutlined />, roles: READERS },
    { path: '/opinions/report', labelKey: 'menu.report', icon: <FormOutlined />, roles: REPORTERS },
    { path: '/opinions/mine', labelKey: 'menu.mine', icon: <UnorderedListOutlined />, roles: REPORTERS },
    { path: '/opinions/issues', labelKey: 'menu.issues', icon: <FileTextOutlined />, roles: READERS },
    { path: '/opinions/handoffs', labelKey: 'menu.handoffs', icon: <SendOutlined />, roles: HANDOFFS },
    { path: '/opinions/qr', labelKey: 'menu.qr', icon: <QrcodeOutlined />, roles: OFFICE },
    { path: '/opinions/ranking', labelKey: 'menu.ranking', icon: <TrophyOutlined />, roles: RANKED },
    { path: '/opinions/stats', labelKey: 'menu.stats', icon: <BarChartOutlined />, roles: READERS },
  ],
  routes: [
    { path: 'opinions', roles: READERS, page: lazy(() => import('./pages/WorkbenchPage')) },
    { path: 'opinions/report', roles: REPORTERS, page: lazy(() => import('./pages/ReportFormPage')) },
    { path: 'opinions/mine', roles: REPORTERS, page: lazy(() => import('./pages/MyReportsPage')) },
    { path: 'opinions/issues', roles: READERS, page: lazy(() => import('./pages/IssuesPage')) },
    { path: 'opinions/issues/new', roles: OFFICE, page: lazy(() => import('./pages/IssueComposePage')) },
    { path: 'opinions/issues/:id', roles: READERS, page: lazy(() => import('./pages/IssuePage')) },
    { path: 'opinions/handoffs', roles: HANDOFFS, page: lazy(() => import('./pages/HandoffsPage')) },
    { path: 'opinions/qr', roles: OFFICE, page: lazy(() => import('./pages/QrCodesPage')) },
    { path: 'opinions/ranking', roles: RANKED, page: lazy(() => import('./pages/RankingPage')) },
    { path: 'opinions/stats', roles: READERS, page: lazy(() => import('./pages/StatsPage')) },
    // Sources (members) open their own reports too; the server decides who may read one.
    { path: 'opinions/:id', page: lazy(() => import('./pages/OpinionPage')) },
  ],
  // The resident's pages, /q/<code> and /track/<code>, are not routed here: main.tsx serves them
  // from a small app of their own (resident.tsx), never loading this one on a resident's phone.
};
