import type { Manifest } from '../../platform/manifest.js';
import { countOf } from '../../platform/open-cases.js';
import { roomRoutes } from './room-routes.js';
import { routes } from './routes.js';
import { fileAccess } from './file-access.js';
import { consultationsDuty } from './duty.js';
import { consultationFigures } from './figures.js';
import { consultationsWork } from './work.js';

// Its suggestions live in the shared tracker, which counts them among the open cases.
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
  duty: [consultationsDuty],
  figures: consultationFigures,
  work: () => consultationsWork,
  openCases: async (db, organizationId) => [
    {
      zh: '场协商活动已发布或正在进行', en: 'meetings published or in progress',
      count: await countOf(db.selectFrom('consultation_meetings').select((eb) => eb.fn.countAll().as('n')).where('organization_id', '=', organizationId).where('state', 'in', ['published', 'in_progress'])),
    },
  ],
};
