import { lazy } from 'react';
import { BulbOutlined, InboxOutlined, UnorderedListOutlined } from '@ant-design/icons';
import type { Role } from '../../api/types';
import type { WebModule } from '../../app/manifest';

const READERS: readonly Role[] = ['admin', 'staff', 'leader'];
const INVOLVED: readonly Role[] = ['admin', 'staff', 'leader', 'unit'];

/** The shared suggestion tracker: the office's overview, a unit's own to-do list, one suggestion. */
export const suggestionsModule: WebModule = {
  name: 'suggestions',
  namespace: 'suggestions',
  menuLabelKey: 'menu.group',
  menuIcon: <BulbOutlined />,
  menu: [
    { path: '/suggestions', labelKey: 'menu.all', icon: <UnorderedListOutlined />, roles: READERS },
    { path: '/suggestions/mine', labelKey: 'menu.mine', icon: <InboxOutlined />, roles: ['unit'] },
  ],
  routes: [
    { path: 'suggestions', roles: READERS, page: lazy(() => import('./pages/SuggestionsPage')) },
    { path: 'suggestions/mine', roles: ['unit'], page: lazy(() => import('./pages/MySuggestionsPage')) },
    { path: 'suggestions/:id', roles: INVOLVED, page: lazy(() => import('./pages/SuggestionPage')) },
  ],
};
