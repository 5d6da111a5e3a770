import { lazy } from 'react';
import type { WebModule } from '../../app/manifest';

// The set-up page of an empty install: public, outside the signed-in layout, no menu.
export const setupModule: WebModule = {
  name: 'setup',
  namespace: 'setup',
  menuLabelKey: 'menu.group',
  menu: [],
  routes: [],
  publicRoutes: [{ path: '/setup', page: lazy(() => import('./pages/SetupPage')) }],
};
