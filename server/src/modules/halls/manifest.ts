import type { Manifest } from '../../platform/manifest.js';
import { routes } from './routes.js';
import { fileAccess } from './files.js';

/** Livelihood halls (民生议事堂): residents' topics, deliberation sessions and feedback in public. */
export const halls: Manifest = { name: 'halls', routes, fileAccess };
