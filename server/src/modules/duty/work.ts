// What waits on each role in duty, for the home page (platform/home.ts): the office's claims to
// approve, and a member's minimums still missing in the year, read as their own duty page reads them.
import type { Ctx } from '../../platform/context.js';
import type { WorkItem } from '../../platform/home.js';
import type { ModuleDeps } from '../../platform/manifest.js';
import { chinaYear } from '../../platform/time.js';
import { claimsOf } from './claims.js';
import { standingOf } from './evaluation.js';
import { memberRecord } from './queries.js';

export const dutyWork = ({ duty: decls }: ModuleDeps): WorkItem[] => [
  {
    code: 'duty.claims', name: { zh: '待审核的履职申报', en: 'Duty claims to approve' }, roles: ['staff', 'admin'], order: 50,
    count: async (ctx: Ctx) => ({ count: (await claimsOf(ctx, { state: 'pending' })).length }),
    link: () => '/duty/claims',
  },
  {
    code: 'duty.missing', name: { zh: '本年度未达最低要求的履职项', en: "Duty minimums still missing this year" }, roles: ['member'], order: 30,
    count: async (ctx: Ctx) => {
      const memberId = ctx.actor!.memberId;
      if (memberId === null) return null;
      const record = await memberRecord(ctx.db, decls, memberId, chinaYear());
      return { count: (await standingOf(ctx.db, decls, record)).missing.length };
    },
    link: () => '/duty/mine',
  },
];
