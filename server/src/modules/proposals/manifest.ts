import type { Manifest } from '../../platform/manifest.js';
import { followupJobs, followupRoutes } from './followup-routes.js';
import { routes } from './routes.js';

// The core lifecycle (routes.ts) and the follow-up work (deadlines, key proposals, quality,
// disclosure, documents, statistics: followup-routes.ts) are one module.
export const proposals: Manifest = {
  name: 'proposals',
  routes: (app, deps) => {
    routes(app);
    followupRoutes(app, deps);
  },
  jobs: followupJobs,
};
