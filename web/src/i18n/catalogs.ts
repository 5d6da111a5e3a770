import appZh from '../app/messages.zh-CN.json';
import appEn from '../app/messages.en.json';
import orgsZh from '../modules/orgs/messages.zh-CN.json';
import orgsEn from '../modules/orgs/messages.en.json';
import accountsZh from '../modules/accounts/messages.zh-CN.json';
import accountsEn from '../modules/accounts/messages.en.json';
import opinionsZh from '../modules/opinions/messages.zh-CN.json';
import opinionsEn from '../modules/opinions/messages.en.json';
import proposalsZh from '../modules/proposals/messages.zh-CN.json';
import proposalsEn from '../modules/proposals/messages.en.json';
import consultationsZh from '../modules/consultations/messages.zh-CN.json';
import consultationsEn from '../modules/consultations/messages.en.json';
import historyZh from '../modules/history/messages.zh-CN.json';
import historyEn from '../modules/history/messages.en.json';
import roomZh from '../modules/consultations/live/messages.zh-CN.json';
import roomEn from '../modules/consultations/live/messages.en.json';
import setupZh from '../modules/setup/messages.zh-CN.json';
import setupEn from '../modules/setup/messages.en.json';
import hallsZh from '../modules/halls/messages.zh-CN.json';
import hallsEn from '../modules/halls/messages.en.json';
import suggestionsZh from '../modules/suggestions/messages.zh-CN.json';
import suggestionsEn from '../modules/suggestions/messages.en.json';
import dutyZh from '../modules/duty/messages.zh-CN.json';
import dutyEn from '../modules/duty/messages.en.json';
import dashboardZh from '../modules/dashboard/messages.zh-CN.json';
import dashboardEn from '../modules/dashboard/messages.en.json';

// Typing each English table as its Chinese twin makes a missing translation a compile error.
const app: typeof appZh = appEn;
const orgs: typeof orgsZh = orgsEn;
const accounts: typeof accountsZh = accountsEn;
const opinions: typeof opinionsZh = opinionsEn;
const proposals: typeof proposalsZh = proposalsEn;
const consultations: typeof consultationsZh = consultationsEn;
const room: typeof roomZh = roomEn;
const setup: typeof setupZh = setupEn;
const history: typeof historyZh = historyEn;
const halls: typeof hallsZh = hallsEn;
const suggestions: typeof suggestionsZh = suggestionsEn;
const duty: typeof dutyZh = dutyEn;
const dashboard: typeof dashboardZh = dashboardEn;

export const catalogs = {
  app: { 'zh-CN': appZh, en: app },
  orgs: { 'zh-CN': orgsZh, en: orgs },
  accounts: { 'zh-CN': accountsZh, en: accounts },
  opinions: { 'zh-CN': opinionsZh, en: opinions },
  proposals: { 'zh-CN': proposalsZh, en: proposals },
  consultations: { 'zh-CN': consultationsZh, en: consultations },
  room: { 'zh-CN': roomZh, en: room },
  setup: { 'zh-CN': setupZh, en: setup },
  history: { 'zh-CN': historyZh, en: history },
  halls: { 'zh-CN': hallsZh, en: halls },
  suggestions: { 'zh-CN': suggestionsZh, en: suggestions },
  duty: { 'zh-CN': dutyZh, en: duty },
  dashboard: { 'zh-CN': dashboardZh, en: dashboard },
};

export type Namespace = keyof typeof catalogs;
