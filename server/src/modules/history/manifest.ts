import type { Manifest } from '../../platform/manifest.js';
import { routes } from './routes.js';

export const history: Manifest = { name: 'history', routes };
