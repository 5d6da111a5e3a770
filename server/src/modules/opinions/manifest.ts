import { forgetSpentChallenges } from '../../platform/challenge.js';
import type { Manifest } from '../../platform/manifest.js';
import { routes } from './routes.js';

export const opinions: Manifest = {
  name: 'opinions',
  routes,
  // The scan-to-consult page's solved challenges are kept until they expire.
  jobs: () => [{ name: 'opinions.forget-spent-challenges', everyMs: 3600_000, run: async (services) => `forgot ${await forgetSpentChallenges(services.db)}` }],
};
