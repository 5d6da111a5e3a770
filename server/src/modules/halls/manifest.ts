import { AnswerCache } from '../../platform/answer-cache.js';
import type { Manifest } from '../../platform/manifest.js';
import { ORGANIZATION_CHANGED, ORGS_CHANGED } from '../orgs/service.js';
import { SUGGESTIONS_CHANGED } from '../suggestions/service.js';
import { routes } from './routes.js';
import { fileAccess } from './files.js';
import { hallsDuty } from './duty.js';
import { loungeEventsDuty, loungeQuestionsDuty, placeActivitiesDuty } from './lounges-duty.js';
import { loungeReminders } from './lounges-reminders.js';
import { hallsFigures } from './figures.js';
import { hallsWork, waitingRoutes } from './waiting.js';

/** Raised after any successful write to the halls, in any server process. */
export const HALLS_CHANGED = 'halls.changed';

/** Livelihood halls (民生议事堂): residents' topics, deliberation sessions and feedback in public. */
export const halls: Manifest = {
  name: 'halls',
  routes: (app, deps) => {
    // The public hall pages and the public index are kept (platform/answer-cache.ts). Every write
    // route of this module and of the suggestion tracker (a hall session's suggestions answered or
    // adopted) makes them stale once its change has committed and before its answer leaves; so do,
    // from other processes or modules, the tracker's changes and those of places, members, units
    // and organizations, whose names the pages show.
    const publicCache = new AnswerCache(deps.services.bus, { enabled: deps.config.listCache, topic: HALLS_CHANGED, alsoOn: [SUGGESTIONS_CHANGED, ORGS_CHANGED, ORGANIZATION_CHANGED] });
    app.addHook('onRoute', (route) => {
      const methods = [route.method].flat();
      if (!(route.url.startsWith('/api/halls') || route.url.startsWith('/api/suggestions')) || methods.every((m) => m === 'GET' || m === 'HEAD')) return;
      route.onSend = [publicCache.afterWrite, ...[route.onSend ?? []].flat()] as typeof route.onSend;
    });
    routes(app, deps, publicCache);
    waitingRoutes(app);
  },
  fileAccess,
  duty: [hallsDuty, loungeQuestionsDuty, loungeEventsDuty, placeActivitiesDuty],
  figures: hallsFigures,
  work: () => hallsWork,
  // Hourly: a lounge question unanswered past its days is reminded once.
  reminders: () => [loungeReminders],
};
