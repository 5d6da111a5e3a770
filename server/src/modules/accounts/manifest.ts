import type { Manifest } from '../../platform/manifest.js';
import { purgeExpiredSessions } from '../../platform/auth/sessions.js';
import { routes } from './routes.js';

export const accounts: Manifest = {
  name: 'accounts',
  routes,
  jobs: ({ config }) => [
    { name: 'accounts.purge-sessions', everyMs: 10 * 60_000, run: async ({ db }) => `purged ${await purgeExpiredSessions(db, config.session.idleMs)}` },
  ],
};
