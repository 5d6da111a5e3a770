import type { Manifest } from '../../platform/manifest.js';
import { routes } from './routes.js';

export const setup: Manifest = { name: 'setup', routes };
