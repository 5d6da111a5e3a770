import type { Manifest } from '../../platform/manifest.js';
import { routes } from './routes.js';

export const orgs: Manifest = { name: 'orgs', routes };
