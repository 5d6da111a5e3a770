// HTTP routes of the dashboard (全景图): the year's figures of an organization alone (本级) or with
// every organization below it (全系统), the records behind each, the .docx and .xlsx of the table,
// and the public figures. A unit's own figures are in unit-routes.ts: these are the office's and
// the leaders' report, not a unit's own handling.
import type { FastifyReply } from 'fastify';
import { AnswerCache } from '../../platform/answer-cache.js';
import type { Ctx } from '../../platform/context.js';
import { seesOrg } from '../../platform/context.js';
import { DOCX_MIME } from '../../platform/docx.js';
import { notFound } from '../../platform/errors.js';
import type { App, ModuleDeps } from '../../platform/manifest.js';
import { scopeOrgs, type OrgScope } from '../../platform/scope.js';
import { DATA_CHANGED, onLocalWrite } from '../../platform/writes.js';
import { attachment, XLSX_MIME } from '../../platform/xlsx.js';
import { liveRoutes } from './live-routes.js';
import { figuresDocx, figuresXlsx, reportTitle, type Report } from './documents.js';
import { periodOf, type Period } from './period.js';
import * as s from './schema.js';
import { checks, countAll, declaration, figureOut, periodParams } from './service.js';

const tags = ['dashboard'];
const readers = { access: ['admin', 'staff', 'leader'] as const };
const noSuchOrg = () => notFound({ zh: '组织不存在', en: 'No such organization' });

/** The organization asked for, if the caller sees it: their own by default; one above theirs is answered as missing. */
export function visibleOrg(ctx: Ctx, organizationId?: number) {
  const id = organizationId ?? ctx.actor!.organizationId;
  if (!seesOrg(ctx, ctx.actor!, id)) throw noSuchOrg();
  return id;
}

export async function organizationName(ctx: Ctx, id: number) {
  const row = await ctx.db.selectFrom('organizations').select('name').where('id', '=', id).executeTakeFirst();
  if (!row) throw noSuchOrg();
  return row.name;
}

const periodLabel = (p: Period) => (p.year !== null ? `${p.year}年` : `${p.from}至${p.to}`);

export function routes(app: App, deps: ModuleDeps) {
  const { figures: decls, services, config } = deps;
  // The public figures are asked anonymously and cost a count per figure: an answer is kept a
  // minute (no write invalidates it; a public figure a minute old is still this year's figure).
  const publicAnswers = new AnswerCache(services.bus, { enabled: config.listCache, topic: 'dashboard.public', ttlMs: 60_000 });
  // The year's figures of a province's system cost a second to count and are asked far more often
  // than the data changes (every leader's home, the panorama, the report table): the answer is kept,
  // shared by every caller who may see that organization, and forgotten on any write: at once in
  // this process, on the next data.changed in the others, and after a minute in any case (writes
  // that no request makes, such as a job's).
  const figureAnswers = new AnswerCache(services.bus, { enabled: config.listCache, topic: 'dashboard.figures', alsoOn: [DATA_CHANGED], ttlMs: 60_000 });
  onLocalWrite(app, () => figureAnswers.invalidate());
  /** Every figure counted, with the checks; `publicOnly` leaves out what the portal may not show. */
  async function answer(ctx: Ctx, organizationId: number, scope: OrgScope, period: Period, publicOnly: boolean) {
    const name = await organizationName(ctx, organizationId);
    const orgs = scopeOrgs(ctx, organizationId, scope);
    const counted = await countAll(ctx.db, publicOnly ? decls.filter((d) => d.public) : decls, orgs, period.range);
    const query = periodParams(organizationId, scope, period);
    return {
      organizationId, organizationName: name, scope, organizationIds: orgs,
      year: period.year, from: period.from, to: period.to,
      figures: counted.map((c) => ({ ...figureOut(c.decl, c.value), ...(publicOnly ? {} : { records: `/api/dashboard/figures/${encodeURIComponent(c.decl.code)}/records?${query}` }) })),
      ...(publicOnly ? {} : { checks: await checks(ctx.db, counted, orgs, period.range) }),
    };
  }
  async function report(ctx: Ctx, q: s.FiguresQuery): Promise<Report> {
    const period = periodOf(q);
    const a = await answer(ctx, visibleOrg(ctx, q.organizationId), q.scope, period, false);
    return { organizationName: a.organizationName, scope: q.scope, periodLabel: periodLabel(period), figures: a.figures };
  }
  liveRoutes(app, deps, answer, visibleOrg);
  const download = (reply: FastifyReply, mime: string, filename: string, body: unknown) => reply.type(mime).header('content-disposition', attachment(filename)).send(body);

  app.get('/api/dashboard/figures', { config: readers, schema: { tags, summary: "Every module's work figures of a year or period, with their definitions and the checks between them", description: "A year (default: this year in China) or from/to dates (both included, at most ten years); the caller's organization unless organizationId names one they see; scope=system adds every organization below it.", querystring: s.figuresQuery } }, async (req, reply) => {
    const q = req.query;
    const period = periodOf(q);
    const organizationId = visibleOrg(req.ctx, q.organizationId);
    return figureAnswers.send(req, reply, periodParams(organizationId, q.scope, period), () => answer(req.ctx, organizationId, q.scope, period, false));
  });
  app.get('/api/dashboard/figures/:code/records', { config: readers, schema: { tags, summary: 'The records behind one figure, a page at a time, oldest first; their total equals the figure', params: s.recordsParams, querystring: s.recordsQuery } }, async (req) => {
    const { page, pageSize, ...q } = req.query;
    const decl = declaration(decls, req.params.code);
    const period = periodOf(q);
    const org = visibleOrg(req.ctx, q.organizationId);
    const found = await decl.records(req.ctx.db, scopeOrgs(req.ctx, org, q.scope), period.range, { page, size: pageSize });
    return { code: decl.code, name: decl.name, page, pageSize, ...found };
  });
  app.get('/api/dashboard/figures.docx', { config: readers, schema: { tags, summary: 'The figures as a .docx table in the order of the work report', querystring: s.figuresQuery } }, async (req, reply) => {
    const r = await report(req.ctx, req.query);
    return download(reply, DOCX_MIME, `${reportTitle(r)}.docx`, await figuresDocx(r));
  });
  app.get('/api/dashboard/figures.xlsx', { config: readers, schema: { tags, summary: 'The figures as an .xlsx sheet', querystring: s.figuresQuery } }, async (req, reply) => {
    const r = await report(req.ctx, req.query);
    return download(reply, XLSX_MIME, `${reportTitle(r)}.xlsx`, figuresXlsx(r));
  });
  app.get('/api/dashboard/public/figures', { config: { access: 'anyone' }, schema: { tags, summary: "The public figures of an organization's year: values and definitions only, never the records", querystring: s.publicFiguresQuery } }, async (req, reply) => {
    const q = req.query;
    const period = periodOf(q);
    const key = `${q.organizationId}|${periodParams(q.organizationId, q.scope, period)}`;
    let body = publicAnswers.get(key);
    if (!body) {
      const version = publicAnswers.version;
      body = Buffer.from(JSON.stringify(await answer(req.ctx, q.organizationId, q.scope, period, true)));
      publicAnswers.set(key, body, version);
    }
    return reply.type('application/json; charset=utf-8').send(body);
  });
}
