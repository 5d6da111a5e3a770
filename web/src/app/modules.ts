import { orgsModule } from '../modules/orgs/manifest';
import { accountsModule } from '../modules/accounts/manifest';
import { opinionsModule } from '../modules/opinions/manifest';
import { proposalsModule } from '../modules/proposals/manifest';
import { consultationsModule } from '../modules/consultations/manifest';
import { setupModule } from '../modules/setup/manifest';
import { historyModule } from '../modules/history/manifest';
import { hallsModule } from '../modules/halls/manifest';
import { suggestionsModule } from '../modules/suggestions/manifest';
import { dutyModule } from '../modules/duty/manifest';
import { dashboardModule } from '../modules/dashboard/manifest';
import type { WebModule } from './manifest';

// The shell builds its routes and menu from this list; a new module adds one line here.
export const webModules: WebModule[] = [orgsModule, accountsModule, opinionsModule, proposalsModule, consultationsModule, setupModule, historyModule, hallsModule, suggestionsModule, dutyModule, dashboardModule];
