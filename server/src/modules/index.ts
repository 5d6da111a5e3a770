// Every module the server runs. Adding a module is adding its manifest here.
import type { Manifest } from '../platform/manifest.js';
import { accounts } from './accounts/manifest.js';
import { orgs } from './orgs/manifest.js';
import { opinions } from './opinions/manifest.js';
import { notifications } from './notifications/manifest.js';
import { proposals } from './proposals/manifest.js';
import { consultations } from './consultations/manifest.js';
import { setup } from './setup/manifest.js';
import { history } from './history/manifest.js';
import { halls } from './halls/manifest.js';
import { attendance } from './attendance/manifest.js';
import { suggestions } from './suggestions/manifest.js';
import { duty } from './duty/manifest.js';
import { dashboard } from './dashboard/manifest.js';

export const modules: Manifest[] = [accounts, orgs, opinions, notifications, proposals, consultations, setup, history, halls, suggestions, attendance, duty, dashboard];
