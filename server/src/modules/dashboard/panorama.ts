// The panorama (全景图): the headline figures of an organization's period with their monthly trend,
// the breakdowns the modules declare, and for a city's whole system one row per CPPCC below it.
// Every number comes from a declaration's own count(): a month is the same figure over a shorter
// range, so the months of a figure add up to it by its own definition.
import type { Services, Trx } from '../../platform/context.js';
import type { BreakdownDeclaration, FigureDeclaration, FigureRange } from '../../platform/figures.js';
import { addMonths } from '../../platform/time.js';
import { chinaStart, type Period } from './period.js';
import { countAll } from './service.js';

export const headlines = (decls: FigureDeclaration[]) => decls.filter((d) => d.headline);

/** The calendar months (China's dates) the period touches, the first and last cut to the period. */
export function monthsOf(period: Period): { month: string; range: FigureRange }[] {
  const out: { month: string; range: FigureRange }[] = [];
  for (let start = `${period.from.slice(0, 7)}-01`; start < period.range.toDate; start = addMonths(start, 1)) {
    const next = addMonths(start, 1);
    const fromDate = start < period.from ? period.from : start;
    const toDate = next > period.range.toDate ? period.range.toDate : next;
    out.push({ month: start.slice(0, 7), range: { from: chinaStart(fromDate), to: chinaStart(toDate), fromDate, toDate } });
  }
  return out;
}

/** Each headline figure's value and its count in every month of the period. */
export async function trends(db: Trx, decls: FigureDeclaration[], orgs: number[], period: Period) {
  const months = monthsOf(period);
  const counted = await countAll(db, decls, orgs, period.range);
  const perMonth = await Promise.all(counted.map((c) => Promise.all(months.map((m) => c.decl.count(db, orgs, m.range)))));
  return { months: months.map((m) => m.month), figures: counted.map((c, i) => ({ ...c, trend: perMonth[i]! })) };
}

export async function breakdowns(db: Trx, decls: BreakdownDeclaration[], orgs: number[], range: FigureRange) {
  const sorted = [...decls].sort((a, b) => a.order - b.order);
  const rows = await Promise.all(sorted.map((d) => d.count(db, orgs, range)));
  return sorted.map((d, i) => ({ code: d.code, name: d.name, definition: d.definition, rows: rows[i]! }));
}

/**
 * For a whole system: the organization alone, then each CPPCC directly below it with everything
 * below that one, so that the rows add up to the system's figures. Retired organizations are left out
 * unless they still have something counted (a CPPCC merged away mid-year still did that work).
 */
export async function countyTable(ctx: Pick<Services, 'orgTree' | 'db'>, decls: FigureDeclaration[], organizationId: number, range: FigureRange) {
  const children = ctx.orgTree.entries().filter((e) => e.parent_id === organizationId).map((e) => e.id);
  const names = await ctx.db.selectFrom('organizations').select(['id', 'name', 'level', 'retired_at']).where('id', 'in', [organizationId, ...children]).execute();
  const byId = new Map(names.map((o) => [o.id, o]));
  const rows = await Promise.all(
    [organizationId, ...children.sort((a, b) => byId.get(a)!.name.localeCompare(byId.get(b)!.name, 'zh'))].map(async (id) => {
      const orgs = id === organizationId ? [id] : ctx.orgTree.subtree(id);
      const values = await Promise.all(decls.map((d) => d.count(ctx.db, orgs, range)));
      const o = byId.get(id)!;
      return { organizationId: id, organizationName: o.name, level: o.level, own: id === organizationId, retired: o.retired_at !== null, values: Object.fromEntries(decls.map((d, i) => [d.code, values[i]!])) };
    }),
  );
  return rows.filter((r) => r.own || !r.retired || Object.values(r.values).some((v) => v > 0)).map(({ retired: _, ...r }) => r);
}
