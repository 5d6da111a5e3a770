// What waits on each role in proposals, for the home page (platform/home.ts). Each count is the
// total of the list its link opens, read through that list's own query.
import type { Ctx } from '../../platform/context.js';
import { DUE_SOON_DAYS, type WorkItem } from '../../platform/home.js';
import { addDays, chinaDate } from '../../platform/time.js';
import { sponsoredByMe } from './key.js';
import { countProposals, listProposals, memberQueues, unitQueue } from './queries.js';

const OFFICE = ['staff', 'admin'] as const;
const listed = async (ctx: Ctx, filters: { state?: 'submitted' | 'handling'; overdue?: boolean; dueWithin?: number }) =>
  (await listProposals(ctx, { limit: 1, ...filters })).total;
const unitCount = (ctx: Ctx, states: string[], deadline?: { from?: string; to?: string }) => countProposals(ctx.db, unitQueue(ctx, states, deadline));
const hasUnit = (ctx: Ctx) => ctx.actor!.handlingUnitId !== null;

export const proposalsWork: WorkItem[] = [
  {
    code: 'proposals.review', name: { zh: '待审查提案', en: 'Proposals to review' }, roles: OFFICE, order: 10,
    count: async (ctx) => ({ count: await listed(ctx, { state: 'submitted' }) }),
    link: () => '/proposals/list?state=submitted',
  },
  {
    code: 'proposals.handling', name: { zh: '办理中提案', en: 'Proposals in handling' }, roles: OFFICE, order: 11,
    count: async (ctx) => ({ count: await listed(ctx, { state: 'handling' }), overdue: await listed(ctx, { overdue: true }), dueSoon: await listed(ctx, { dueWithin: DUE_SOON_DAYS }) }),
    link: (part) => `/proposals/list?${part === 'overdue' ? 'overdue=true' : part === 'dueSoon' ? `dueWithin=${DUE_SOON_DAYS}` : 'state=handling'}`,
  },
  {
    code: 'proposals.cosign', name: { zh: '待附议的联名提案', en: 'Co-signature requests' }, roles: ['member'], order: 10,
    count: async (ctx) => ({ count: await countProposals(ctx.db, memberQueues(ctx).cosignRequests) }),
    link: () => '/proposals/mine',
  },
  {
    code: 'proposals.rate', name: { zh: '待测评的答复', en: 'Replies to rate' }, roles: ['member'], order: 11,
    count: async (ctx) => ({ count: await countProposals(ctx.db, memberQueues(ctx).ratingsDue) }),
    link: () => '/proposals/mine',
  },
  {
    code: 'proposals.sign', name: { zh: '待签收提案', en: 'Proposals to sign for' }, roles: ['unit'], order: 10,
    count: async (ctx) => (hasUnit(ctx) ? { count: await unitCount(ctx, ['assigned']) } : null),
    link: () => '/proposals/unit',
  },
  {
    // Overdue and due soon count every assignment still owing a reply, signed for or not.
    code: 'proposals.reply', name: { zh: '待答复提案', en: 'Proposals to reply to' }, roles: ['unit'], order: 11,
    count: async (ctx) => {
      if (!hasUnit(ctx)) return null;
      const day = chinaDate();
      return {
        count: await unitCount(ctx, ['signed']),
        overdue: await unitCount(ctx, ['assigned', 'signed'], { to: addDays(day, -1) }),
        dueSoon: await unitCount(ctx, ['assigned', 'signed'], { from: day, to: addDays(day, DUE_SOON_DAYS) }),
      };
    },
    link: () => '/proposals/unit',
  },
  {
    // Not yet closed: what still waits on the sponsor's push; overdue: a unit is past its deadline.
    code: 'proposals.sponsored', name: { zh: '领办的重点提案（未办结）', en: 'Key proposals I sponsor, not closed' }, roles: ['leader'], order: 10,
    count: async (ctx) => ({ count: (await sponsoredByMe(ctx, { open: true })).length, overdue: (await sponsoredByMe(ctx, { open: true, overdue: true })).length }),
    link: (part) => (part === 'overdue' ? '/proposals/key?open=true&overdue=true' : '/proposals/key?open=true'),
  },
];
