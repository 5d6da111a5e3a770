import type { Manifest } from '../../platform/manifest.js';
import { roomRoutes } from './room-routes.js';
import { routes } from './routes.js';

// The consultation work (plan, meetings, attendance, speeches, votes, suggestions, outcomes:
// routes.ts) and the live room of online meetings (comments pushed to every open page:
// room-routes.ts) are one module.
export const consultations: Manifest = {
  name: 'consultations',
  routes: (app, deps) => {
    routes(app, deps);
    roomRoutes(app, deps);
  },
};
