// Which organizations a yearly figure covers. A CPPCC reports its own work ("本级") and, for the work
// report of the whole system ("全市政协系统"), its own together with every CPPCC below it.
import { z } from 'zod';
import type { Services } from './context.js';

export const orgScope = z.enum(['own', 'system']).default('own');
export type OrgScope = z.infer<typeof orgScope>;

/** The organization alone, or it and every organization below it. */
export const scopeOrgs = (ctx: Services, organizationId: number, scope: OrgScope): number[] =>
  scope === 'system' ? ctx.orgTree.subtree(organizationId) : [organizationId];
