import { forgetSpentChallenges } from '../../platform/challenge.js';
import type { Manifest } from '../../platform/manifest.js';
import { countOf } from '../../platform/open-cases.js';
import { routes } from './routes.js';
import { fileAccess } from './file-access.js';
import { opinionsDuty } from './duty.js';
import { opinionBreakdowns, opinionFigures, opinionUnitFigures } from './figures.js';
import { opinionsWork } from './work.js';

export const opinions: Manifest = {
  name: 'opinions',
  routes,
  fileAccess,
  duty: [opinionsDuty],
  figures: opinionFigures,
  unitFigures: opinionUnitFigures,
  breakdowns: opinionBreakdowns,
  work: () => opinionsWork,
  // The scan-to-consult page's solved challenges are kept until they expire.
  // Reports compiled or forwarded are the office's part done; those not yet screened are not.
  openCases: async (db, organizationId) => [{
    zh: '条社情民意信息尚未处理', en: 'public-opinion reports not yet screened or compiled',
    count: await countOf(db.selectFrom('opinions').select((eb) => eb.fn.countAll().as('n')).where('organization_id', '=', organizationId).where('state', 'in', ['new', 'accepted'])),
  }],
  jobs: () => [{ name: 'opinions.forget-spent-challenges', everyMs: 3600_000, run: async (services) => `forgot ${await forgetSpentChallenges(services.db)}` }],
};
