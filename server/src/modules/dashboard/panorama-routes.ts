// GET /api/dashboard/panorama: the page 全景图 in one answer, for the same callers, organizations and
// periods as the figures (routes.ts). Units, members and the public are refused.
import { visibleOrgs, type Ctx } from '../../platform/context.js';
import type { App, ModuleDeps } from '../../platform/manifest.js';
import { scopeOrgs } from '../../platform/scope.js';
import { breakdowns, countyTable, headlines, trends } from './panorama.js';
import { periodOf } from './period.js';
import { organizationName, visibleOrg } from './routes.js';
import * as s from './schema.js';
import { figureOut, periodParams } from './service.js';

const tags = ['dashboard'];
const readers = { access: ['admin', 'staff', 'leader'] as const };

export function panoramaRoutes(app: App, { figures, breakdowns: splits }: ModuleDeps) {
  const heads = headlines(figures);

  async function panorama(ctx: Ctx, q: s.FiguresQuery) {
    const period = periodOf(q);
    const organizationId = visibleOrg(ctx, q.organizationId);
    const name = await organizationName(ctx, organizationId);
    const orgs = scopeOrgs(ctx, organizationId, q.scope);
    const records = (code: string, org: number, scope: typeof q.scope) => `/api/dashboard/figures/${encodeURIComponent(code)}/records?${periodParams(org, scope, period)}`;
    const [trend, split, counties] = await Promise.all([
      trends(ctx.db, heads, orgs, period),
      breakdowns(ctx.db, splits, orgs, period.range),
      q.scope === 'system' && orgs.length > 1 ? countyTable(ctx, heads, organizationId, period.range) : Promise.resolve(null),
    ]);
    // The parent is named only when the caller sees it: the page's way back from a county to its city.
    const parentId = ctx.orgTree.entries().find((e) => e.id === organizationId)?.parent_id ?? null;
    return {
      organizationId, organizationName: name, scope: q.scope, organizationIds: orgs,
      parentId: parentId !== null && visibleOrgs(ctx, ctx.actor!).includes(parentId) ? parentId : null,
      year: period.year, from: period.from, to: period.to,
      months: trend.months,
      headlines: trend.figures.map((f) => ({ ...figureOut(f.decl, f.value), records: records(f.decl.code, organizationId, q.scope), trend: f.trend })),
      breakdowns: split,
      counties: counties?.map((c) => ({ ...c, page: `/dashboard/panorama?${periodParams(c.organizationId, c.own ? 'own' : 'system', period)}` })) ?? null,
    };
  }

  app.get('/api/dashboard/panorama', {
    config: readers,
    schema: {
      tags, querystring: s.figuresQuery,
      summary: 'The panorama: headline figures with their months, breakdowns, and for a whole system one row per organization below',
      description: 'The same organization, period and scope rules as /api/dashboard/figures. A month is the figure counted over that month (China time), so the months add up to it.',
    },
  }, async (req) => panorama(req.ctx, req.query));
}
