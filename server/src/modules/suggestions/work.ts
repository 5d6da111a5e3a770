// What waits on each role in the suggestions tracker, for the home page (platform/home.ts). Each
// count is the total of the list its link opens, read through that list's own query.
import type { WorkItem } from '../../platform/home.js';
import { listSuggestions } from './queries.js';
import type { ListQuery } from './schema.js';

const total = async (ctx: Parameters<WorkItem['count']>[0], q: Partial<ListQuery>) => (await listSuggestions(ctx, { limit: 1, ...q } as ListQuery)).total;

export const suggestionsWork: WorkItem[] = [
  {
    code: 'suggestions.overdue', name: { zh: '超期未答复的意见建议', en: 'Suggestions past their deadline' }, roles: ['staff', 'admin'], order: 40,
    count: async (ctx) => ({ count: await total(ctx, { overdue: true }) }),
    link: () => '/suggestions?overdue=true',
  },
  {
    code: 'suggestions.answer', name: { zh: '待答复的意见建议', en: 'Suggestions to answer' }, roles: ['unit'], order: 20,
    count: async (ctx) => (ctx.actor!.handlingUnitId === null ? null : { count: await total(ctx, { mine: true }), overdue: await total(ctx, { mine: true, overdue: true }) }),
    link: () => '/suggestions/mine',
  },
];
