import type { Manifest } from '../../platform/manifest.js';
import { panoramaRoutes } from './panorama-routes.js';
import { routes } from './routes.js';
import { unitRoutes } from './unit-routes.js';

/** The panorama (全景图): the year's work figures every module declares, across the levels. It counts nothing of its own. */
export const dashboard: Manifest = {
  name: 'dashboard',
  routes: (app, deps) => {
    routes(app, deps);
    panoramaRoutes(app, deps);
    unitRoutes(app, deps);
  },
};
