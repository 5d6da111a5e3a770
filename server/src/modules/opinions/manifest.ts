import type { Manifest } from '../../platform/manifest.js';
import { routes } from './routes.js';

export const opinions: Manifest = { name: 'opinions', routes };
