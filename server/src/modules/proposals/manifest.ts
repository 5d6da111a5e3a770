import { AnswerCache } from '../../platform/answer-cache.js';
import type { Manifest } from '../../platform/manifest.js';
import { countOf } from '../../platform/open-cases.js';
import { ORGANIZATION_CHANGED, ORGS_CHANGED } from '../orgs/service.js';
import { followupRoutes } from './followup-routes.js';
import { deadlineReminders } from './reminders.js';
import { notificationHandlers } from './followup-notify.js';
import { routes } from './routes.js';
import { fileAccess } from './file-access.js';
import { proposalsDuty } from './duty.js';
import { proposalBreakdowns, proposalFigures, proposalUnitFigures } from './figures.js';
import { proposalsWork } from './work.js';

/** Raised after any successful write to proposals, in any server process. */
export const PROPOSALS_CHANGED = 'proposals.changed';

// The core lifecycle (routes.ts) and the follow-up work (deadlines, key proposals, quality,
// disclosure, documents, statistics: followup-routes.ts) are one module.
export const proposals: Manifest = {
  name: 'proposals',
  routes: (app, deps) => {
    // The office's filtered lists are kept (platform/answer-cache.ts). Every write route of this
    // module makes them stale once its change has committed and before its answer leaves; so do
    // PROPOSALS_CHANGED from elsewhere (the history import job, once it has committed) and changes
    // to the names of people and organizations that a list shows.
    const listCache = new AnswerCache(deps.services.bus, { enabled: deps.config.listCache, topic: PROPOSALS_CHANGED, alsoOn: [ORGS_CHANGED, ORGANIZATION_CHANGED] });
    app.addHook('onRoute', (route) => {
      const methods = [route.method].flat();
      if (!route.url.startsWith('/api/proposals') || methods.every((m) => m === 'GET' || m === 'HEAD')) return;
      route.onSend = [listCache.afterWrite, ...[route.onSend ?? []].flat()] as typeof route.onSend;
    });
    routes(app, listCache);
    followupRoutes(app, deps);
  },
  reminders: () => [deadlineReminders],
  outbox: notificationHandlers,
  fileAccess,
  duty: [proposalsDuty],
  figures: proposalFigures,
  unitFigures: proposalUnitFigures,
  breakdowns: proposalBreakdowns,
  work: () => proposalsWork,
  openCases: async (db, organizationId) => [{
    zh: '件提案尚未办结', en: 'proposals not yet closed',
    count: await countOf(db.selectFrom('proposals').select((eb) => eb.fn.countAll().as('n')).where('organization_id', '=', organizationId)
      .where('state', 'in', ['cosigning', 'submitted', 'accepted', 'handling', 'replied', 'evaluated'])),
  }],
};
