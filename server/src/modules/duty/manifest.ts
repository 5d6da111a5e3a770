import type { Manifest } from '../../platform/manifest.js';
import { evaluationRoutes } from './evaluation-routes.js';
import { dutyEntries } from './kinds.js';
import { routes } from './routes.js';
import { dutyWarnings } from './warnings.js';
import { dutyWork } from './work.js';

/** Members' duty records (委员履职在线): events from every module's declaration, points by rules as data, the yearly evaluation. */
export const duty: Manifest = {
  name: 'duty',
  routes: (app, deps) => {
    routes(app, deps);
    evaluationRoutes(app, deps);
  },
  duty: [dutyEntries],
  work: dutyWork,
  // Daily: members behind the year's requirements are warned, once per rule and quarter.
  reminders: (deps) => [dutyWarnings(deps.duty)],
};
