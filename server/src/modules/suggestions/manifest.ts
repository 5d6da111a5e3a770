import type { Manifest } from '../../platform/manifest.js';
import { countOf } from '../../platform/open-cases.js';
import { routes } from './routes.js';
import { suggestionReminders } from './reminders.js';
import { suggestionUnitFigures } from './figures.js';
import { suggestionsWork } from './work.js';

/** Suggestions (意见建议): one tracker fed by consultations, halls and later supervision. */
export const suggestions: Manifest = {
  name: 'suggestions',
  routes,
  work: () => suggestionsWork,
  unitFigures: suggestionUnitFigures,
  // Hourly: a unit is reminded once when its deadline is near or past.
  reminders: () => [suggestionReminders],
  openCases: async (db, organizationId) => [
    {
      zh: '条意见建议尚未办结', en: 'suggestions not yet settled',
      count: await countOf(db.selectFrom('suggestions').select((eb) => eb.fn.countAll().as('n')).where('organization_id', '=', organizationId).where('state', 'in', ['open', 'assigned', 'answered'])),
    },
  ],
};
