// Where each role starts: every module declares its work items (what waits on an account of a
// role, counted for the caller by the same query its list uses, and the web list that shows those
// records); GET /api/home collects the items of the caller's roles. The home page never counts on
// its own, so an item's count and the list behind its link cannot drift apart.
import { z } from 'zod';
import type { Ctx } from './context.js';
import type { Role } from './db/types.js';
import type { Text } from './errors.js';
import type { App } from './manifest.js';

/** Days ahead that count as "due soon" on a home page: this week. */
export const DUE_SOON_DAYS = 7;

/** A count, and for deadline items how many of them are past their deadline or due within DUE_SOON_DAYS. */
export interface WorkCount {
  count: number;
  overdue?: number;
  dueSoon?: number;
}

export type WorkPart = 'all' | 'overdue' | 'dueSoon';

export interface WorkItem {
  /** Stable code, module first: proposals.review. */
  code: string;
  name: Text;
  /** The roles whose home shows the item, the card it goes in first. */
  roles: readonly Role[];
  /** Place on the card: lower first, across every module. */
  order: number;
  /** The caller's count; null when the item does not apply to this account (a unit role without a unit). */
  count(ctx: Ctx): Promise<WorkCount | null>;
  /** The web list showing exactly the records counted, for the whole count or one of its parts. */
  link(part: WorkPart): string;
}

const countOut = z.object({ count: z.number(), link: z.string() });
const itemOut = z.object({
  code: z.string(),
  role: z.string(),
  name: z.string(),
  name_en: z.string(),
  count: z.number(),
  link: z.string(),
  overdue: countOut.optional(),
  dueSoon: countOut.optional(),
});
export const homeOut = z.object({ items: z.array(itemOut) });

/** The items of the caller's roles with their counts, grouped by the first of the caller's roles each item names. */
export async function homeOf(ctx: Ctx, items: WorkItem[]): Promise<z.infer<typeof homeOut>> {
  const held = new Set(ctx.actor!.roles.map((r) => r.role));
  const mine = items.flatMap((item) => {
    const role = item.roles.find((r) => held.has(r));
    return role ? [{ item, role }] : [];
  });
  // One after another: a home page is a handful of small counts, and a parallel burst would hold
  // several pooled connections for one page.
  const out: z.infer<typeof itemOut>[] = [];
  for (const { item, role } of mine.sort((a, b) => a.item.order - b.item.order)) {
    const c = await item.count(ctx);
    if (!c) continue;
    out.push({
      code: item.code, role, name: item.name.zh, name_en: item.name.en, count: c.count, link: item.link('all'),
      ...(c.overdue === undefined ? {} : { overdue: { count: c.overdue, link: item.link('overdue') } }),
      ...(c.dueSoon === undefined ? {} : { dueSoon: { count: c.dueSoon, link: item.link('dueSoon') } }),
    });
  }
  return { items: out };
}

export function homeRoutes(app: App, items: WorkItem[]) {
  const codes = new Set<string>();
  for (const i of items) {
    if (codes.has(i.code)) throw new Error(`two work items named ${i.code}`);
    codes.add(i.code);
  }
  // Any signed-in account: each sees only the items of its own roles, counted for itself. A
  // public user's reports are followed on their own pages, so their home has no items.
  app.get(
    '/api/home',
    { config: { access: 'signed-in' }, schema: { tags: ['platform'], summary: "What waits on the caller today: the work items of the caller's roles with counts and links", response: { 200: homeOut } } },
    async (req) => homeOf(req.ctx, items),
  );
}
