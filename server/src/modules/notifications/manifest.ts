import type { Manifest } from '../../platform/manifest.js';
import { createMailer } from '../../platform/mail.js';
import { routes } from './routes.js';
import { deliverEmails } from './service.js';

export const notifications: Manifest = {
  name: 'notifications',
  routes,
  jobs: ({ config }) => {
    const mailer = createMailer(config);
    return mailer ? [{ name: 'notifications.email', everyMs: 60_000, run: async (services) => `sent ${await deliverEmails(services, mailer)}` }] : [];
  },
};
