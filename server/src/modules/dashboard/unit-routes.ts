// A handling unit's own figures (承办单位): the proposals, suggestions and hand-offs it was given in
// a period, how many it answered (and on time) and how the proposers rated it, each figure opening
// its records. A unit sees its own unit only: asking for another is answered as if it did not
// exist. The office and leaders may look at any unit of the organizations they see.
import { hasRole, hasRoleAt, type Ctx } from '../../platform/context.js';
import { invalid, notFound } from '../../platform/errors.js';
import type { App, ModuleDeps } from '../../platform/manifest.js';
import { periodOf, type Period } from './period.js';
import * as s from './schema.js';
import { checks, countAll, declaration, unitFigureOut } from './service.js';

const tags = ['dashboard'];
const OFFICE = ['admin', 'staff', 'leader'] as const;
const noSuchUnit = () => notFound({ zh: '承办单位不存在', en: 'No such handling unit' });

/** The unit asked for, if the caller may see its figures. */
async function visibleUnit(ctx: Ctx, unitId: number | undefined) {
  const actor = ctx.actor!;
  const own = hasRole(actor, ['unit']) ? actor.handlingUnitId : null;
  const id = unitId ?? own;
  if (id === null) {
    if (hasRole(actor, OFFICE)) throw invalid('querystring.unitId', { zh: '请选择承办单位', en: 'Name the handling unit (unitId)' }, 'required');
    throw noSuchUnit();
  }
  const unit = await ctx.db.selectFrom('handling_units').select(['id', 'name', 'organization_id']).where('id', '=', id).executeTakeFirst();
  if (!unit || (unit.id !== own && !hasRoleAt(ctx, actor, OFFICE, unit.organization_id))) throw noSuchUnit();
  return unit;
}

const params = (unitId: number, p: Period) => new URLSearchParams({ unitId: String(unitId), ...(p.year !== null ? { year: String(p.year) } : { from: p.from, to: p.to }) }).toString();

export function unitRoutes(app: App, { unitFigures: decls }: ModuleDeps) {
  app.get('/api/dashboard/unit-figures', {
    config: { access: ['unit', ...OFFICE] },
    schema: {
      tags, querystring: s.unitFiguresQuery,
      summary: "A handling unit's own figures of a year or period: what it was assigned, answered (on time) and how it was rated",
      description: "A unit account gets its own unit's; naming another unit is a 404. Staff and leaders name a unit of the organizations they see. The period is read as for /api/dashboard/figures.",
    },
  }, async (req) => {
    const period = periodOf(req.query);
    const unit = await visibleUnit(req.ctx, req.query.unitId);
    const counted = await countAll(req.ctx.db, decls, unit.id, period.range);
    const query = params(unit.id, period);
    return {
      unitId: unit.id, unitName: unit.name, year: period.year, from: period.from, to: period.to,
      figures: counted.map((c) => ({ ...unitFigureOut(c.decl, c.value), records: `/api/dashboard/unit-figures/${encodeURIComponent(c.decl.code)}/records?${query}` })),
      checks: await checks(req.ctx.db, counted, unit.id, period.range),
    };
  });

  app.get('/api/dashboard/unit-figures/:code/records', {
    config: { access: ['unit', ...OFFICE] },
    schema: { tags, params: s.recordsParams, querystring: s.unitRecordsQuery, summary: "The records behind one of a unit's figures, a page at a time, oldest first; their total equals the figure" },
  }, async (req) => {
    const { page, pageSize, unitId, ...q } = req.query;
    const decl = declaration(decls, req.params.code);
    const period = periodOf(q);
    const unit = await visibleUnit(req.ctx, unitId);
    return { code: decl.code, name: decl.name, page, pageSize, ...(await decl.records(req.ctx.db, unit.id, period.range, { page, size: pageSize })) };
  });
}
