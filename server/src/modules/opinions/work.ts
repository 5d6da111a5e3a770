// What waits on each role in public-opinion reports, for the home page (platform/home.ts). Each
// count is the total of the list its link opens, read through that list's own query. Instructions
// are recorded by the office when they come; what a leader is shown as waiting is what was sent to
// the city's leaders and has none yet (queries.ts).
import type { WorkItem } from '../../platform/home.js';
import { countHandoffs } from './handoffs.js';
import { countOpinions } from './queries.js';

const OFFICE = ['staff', 'admin'] as const;

export const opinionsWork: WorkItem[] = [
  {
    code: 'opinions.screen', name: { zh: '待采用的社情民意', en: 'Reports to accept' }, roles: OFFICE, order: 20,
    count: async (ctx) => ({ count: await countOpinions(ctx, { state: 'new' }) }),
    link: () => '/opinions?state=new',
  },
  {
    code: 'opinions.compile', name: { zh: '已采用待编报', en: 'Accepted, to compile' }, roles: OFFICE, order: 21,
    count: async (ctx) => ({ count: await countOpinions(ctx, { state: 'accepted' }) }),
    link: () => '/opinions?state=accepted',
  },
  {
    // The office follows its units' answers; a unit answers its own. Same list, same rules.
    code: 'opinions.handoffs', name: { zh: '转交待答复', en: 'Hand-offs to answer' }, roles: ['unit', 'staff', 'admin'], order: 30,
    count: async (ctx) => ({ count: await countHandoffs(ctx, { answered: 'no' }), overdue: await countHandoffs(ctx, { overdue: true }) }),
    link: (part) => (part === 'overdue' ? '/opinions/handoffs?overdue=true' : '/opinions/handoffs'),
  },
  {
    code: 'opinions.instruction', name: { zh: '报送市委市政府待批示', en: "Sent to the city's leaders, no instruction yet" }, roles: ['leader'], order: 20,
    count: async (ctx) => ({ count: await countOpinions(ctx, { awaitingInstruction: 'true' }) }),
    link: () => '/opinions?awaitingInstruction=true',
  },
];
