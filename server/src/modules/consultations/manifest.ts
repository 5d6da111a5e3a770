import type { Manifest } from '../../platform/manifest.js';
import { countOf } from '../../platform/open-cases.js';
import { roomRoutes } from './room-routes.js';
import { routes } from './routes.js';
import { fileAccess } from './file-access.js';

// The consultation work (plan, meetings, attendance, speeches, votes, suggestions, outcomes:
// routes.ts) and the live room of online meetings (comments pushed to every open page:
// room-routes.ts) are one module.
export const consultations: Manifest = {
  name: 'consultations',
  routes: (app, deps) => {
    routes(app, deps);
    roomRoutes(app, deps);
  },
  fileAccess,
  openCases: async (db, organizationId) => [
    {
      zh: '场协商活动已发布或正在进行', en: 'meetings published or in progress',
      count: await countOf(db.selectFrom('consultation_meetings').select((eb) => eb.fn.countAll().as('n')).where('organization_id', '=', organizationId).where('state', 'in', ['published', 'in_progress'])),
    },
    {
      zh: '条意见建议尚未办结', en: 'suggestions not yet settled',
      count: await countOf(db.selectFrom('consultation_suggestions').select((eb) => eb.fn.countAll().as('n')).where('organization_id', '=', organizationId).where('state', 'in', ['open', 'assigned', 'answered'])),
    },
  ],
};
