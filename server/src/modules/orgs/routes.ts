// HTTP routes of organizations and people: parse, call, shape.
import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { App, ModuleDeps } from '../../platform/manifest.js';
import { hasRoleAt, visibleOrgs, type Ctx } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { pageOf } from '../../platform/paging.js';
import { attachment, writeSheet, XLSX_MIME } from '../../platform/xlsx.js';
import * as s from './schema.js';
import * as commands from './commands.js';
import * as structure from './structure.js';
import { catalogs, createCatalogEntry, listCatalog, schemas, updateCatalogEntry } from './catalogs.js';
import { checkMemberImport, COLUMNS, importMembers } from './import.js';
import { importJobOut, startImport } from '../../platform/import-jobs.js';
import { importUnits, UNIT_COLUMNS } from './unit-import.js';
import { serializerCompiler } from '../../platform/serializer.js';
import { memberListCache } from './list-cache.js';
import { eachMember, findMember, findPlace, listDivisions, listMembers, listOrganizations, listPlaces, listTerms } from './queries.js';

const tags = ['orgs'];
const office = { access: ['admin', 'staff'] as const };
const readers = { access: ['admin', 'staff', 'leader'] as const };
const signedIn = { access: 'signed-in' as const };
const memberPage = pageOf(s.memberOut).extend({ totalExact: z.boolean() });
const writeMemberPage = serializerCompiler({ schema: memberPage });
const memberQueryKeys = Object.keys(s.memberQuery.shape) as (keyof z.infer<typeof s.memberQuery>)[];
const JSON_TYPE = 'application/json; charset=utf-8';

/** The one .xlsx file of an import request. */
async function uploaded(req: FastifyRequest) {
  if (!req.isMultipart()) throw new AppError('unsupported_media_type', { zh: '请以 multipart/form-data 上传 .xlsx 文件', en: 'Upload the .xlsx file as multipart/form-data' });
  const file = await req.file();
  if (!file) throw new AppError('validation_failed', { zh: '请选择要导入的 .xlsx 文件', en: 'Choose an .xlsx file to import' });
  return file.toBuffer();
}

/** The organizations a list may show: those the caller sees, narrowed to one when asked. */
const scope = (ctx: Ctx, organizationId?: number) => {
  const orgs = visibleOrgs(ctx, ctx.actor!);
  return organizationId ? orgs.filter((id) => id === organizationId) : orgs;
};

export function routes(app: App, { services, config }: ModuleDeps) {
  const listCache = memberListCache(services.bus, config.listCache);
  // Every write route of this module: once its change has committed, and before its answer leaves,
  // every kept member list (here and in the other server processes) is stale.
  const write = { onSend: listCache.afterWrite };

  app.get('/api/public/organizations', { config: { access: 'anyone' }, schema: { tags, summary: 'Organizations a resident can register with', response: { 200: z.array(s.organizationOut) } } }, async (req) =>
    listOrganizations(req.ctx.db, req.ctx.orgTree.entries().map((e) => e.id)),
  );
  app.get('/api/orgs/organizations', { config: signedIn, schema: { tags, querystring: s.organizationQuery, response: { 200: z.array(s.organizationOut) } } }, async (req) =>
    listOrganizations(req.ctx.db, visibleOrgs(req.ctx, req.actor!), req.query.includeRetired),
  );
  const admin = { access: ['admin'] as const };
  app.post('/api/orgs/organizations', { ...write, config: admin, schema: { tags, body: s.organizationIn, response: { 201: s.organizationOut } } }, async (req, reply) =>
    reply.code(201).send(await structure.createOrganization(req.ctx, req.body)),
  );
  app.patch('/api/orgs/organizations/:id', { ...write, config: admin, schema: { tags, params: s.idParams, body: s.organizationPatch, response: { 200: s.organizationOut } } }, async (req) =>
    structure.updateOrganization(req.ctx, req.params.id, req.body),
  );
  app.post('/api/orgs/organizations/:id/retire', { ...write, config: admin, schema: { tags, params: s.idParams, response: { 200: s.organizationOut } } }, async (req) =>
    structure.retireOrganization(req.ctx, req.params.id),
  );
  const termById = async (ctx: Ctx, id: number) => (await listTerms(ctx.db, visibleOrgs(ctx, ctx.actor!))).find((t) => t.id === id)!;
  app.post('/api/orgs/terms', { ...write, config: office, schema: { tags, body: s.termIn, response: { 201: s.termOut } } }, async (req, reply) =>
    reply.code(201).send(await termById(req.ctx, await structure.createTerm(req.ctx, req.body))),
  );
  app.patch('/api/orgs/terms/:id', { ...write, config: office, schema: { tags, params: s.idParams, body: s.termPatch, response: { 200: s.termOut } } }, async (req) => {
    await structure.updateTerm(req.ctx, req.params.id, req.body);
    return termById(req.ctx, req.params.id);
  });
  app.post('/api/orgs/terms/:id/close', { ...write, config: office, schema: { tags, params: s.idParams, response: { 200: s.termOut } } }, async (req) => {
    await structure.closeTerm(req.ctx, req.params.id);
    return termById(req.ctx, req.params.id);
  });
  app.post('/api/orgs/terms/:id/make-current', { ...write, config: office, schema: { tags, params: s.idParams, response: { 200: s.termOut } } }, async (req) => {
    await structure.makeCurrent(req.ctx, req.params.id);
    return termById(req.ctx, req.params.id);
  });
  const termOfSession = async (ctx: Ctx, sessionId: number) => (await listTerms(ctx.db, visibleOrgs(ctx, ctx.actor!))).find((t) => t.sessions.some((x) => x.id === sessionId))!;
  app.post('/api/orgs/sessions', { ...write, config: office, schema: { tags, body: s.sessionIn, response: { 201: s.termOut } } }, async (req, reply) =>
    reply.code(201).send(await termOfSession(req.ctx, await structure.createSession(req.ctx, req.body))),
  );
  app.patch('/api/orgs/sessions/:id', { ...write, config: office, schema: { tags, params: s.idParams, body: s.sessionPatch, response: { 200: s.termOut } } }, async (req) => {
    await structure.updateSession(req.ctx, req.params.id, req.body);
    return termOfSession(req.ctx, req.params.id);
  });
  app.post('/api/orgs/sessions/:id/close', { ...write, config: office, schema: { tags, params: s.idParams, response: { 200: s.termOut } } }, async (req) => {
    await structure.closeSession(req.ctx, req.params.id);
    return termOfSession(req.ctx, req.params.id);
  });
  app.get('/api/orgs/divisions', { config: signedIn, schema: { tags, querystring: s.divisionQuery, response: { 200: z.array(s.divisionOut) } } }, async (req) =>
    listDivisions(req.ctx.db, req.query.parent),
  );
  app.get('/api/orgs/terms', { config: signedIn, schema: { tags, querystring: s.orgFilter, response: { 200: z.array(s.termOut) } } }, async (req) =>
    listTerms(req.ctx.db, scope(req.ctx, req.query.organizationId)),
  );

  for (const catalog of catalogs) {
    const shapes = schemas(catalog);
    const path = `/api/orgs/${catalog.path}`;
    app.get(path, { config: signedIn, schema: { tags, querystring: s.orgFilter, response: { 200: z.array(shapes.out) } } }, async (req) =>
      listCatalog(req.ctx, catalog, scope(req.ctx, req.query.organizationId)),
    );
    app.post(path, { ...write, config: office, schema: { tags, body: shapes.create, response: { 201: shapes.out } } }, async (req, reply) =>
      reply.code(201).send(await createCatalogEntry(req.ctx, catalog, req.body as never)),
    );
    app.patch(`${path}/:id`, { ...write, config: office, schema: { tags, params: s.idParams, body: shapes.patch, response: { 200: shapes.out } } }, async (req) =>
      updateCatalogEntry(req.ctx, catalog, req.params.id, req.body as Record<string, unknown>),
    );
  }

  app.get('/api/orgs/members', { config: readers, schema: { tags, querystring: s.memberQuery, response: { 200: memberPage } } }, async (req, reply) => {
    const key = `${listCache.callerKey(req.actor!)}|${JSON.stringify(memberQueryKeys.map((k) => req.query[k] ?? null))}`;
    let body = listCache.get(key);
    if (body === undefined) {
      const version = listCache.version;
      // Kept as bytes: encoding 20 members' Chinese text anew would cost more than the lookup.
      body = Buffer.from(writeMemberPage(await listMembers(req.ctx, scope(req.ctx), req.query, commands.phoneVisibleTo(req.ctx))));
      listCache.set(key, body, version);
    }
    return reply.type(JSON_TYPE).send(body as never);
  });

  app.get(
    '/api/orgs/members/lookup',
    { config: { access: ['admin', 'staff', 'leader', 'member'] }, schema: { tags, querystring: s.memberLookupQuery, response: { 200: s.memberLookupOut } } },
    async (req) => {
      const page = await listMembers(req.ctx, scope(req.ctx, req.query.organizationId), { q: req.query.q, status: 'active', limit: 20 }, () => false);
      return { items: page.items.map((m) => ({ id: m.id, name: m.name, sectorName: m.sectorName, organizationId: m.organizationId, organizationName: m.organizationName })) };
    },
  );

  app.get('/api/orgs/members/export.xlsx', { config: office, schema: { tags, querystring: s.memberExportQuery } }, async (req, reply) => {
    const rows = (async function* () {
      for await (const m of eachMember(req.ctx, scope(req.ctx), req.query, commands.phoneVisibleTo(req.ctx)))
        yield [m.name, m.gender === 'male' ? '男' : '女', m.birthYear, m.ethnicity, m.politicalAffiliation, m.sectorName, m.committeeNames.join('、'), m.workplace, m.title, m.phone, m.standing ? '是' : '否', m.organizationName, m.status === 'active' ? '在任' : '已退出', m.exitedOn, m.exitReason];
    })();
    const header = [...COLUMNS, '所属政协', '状态', '退出日期', '退出原因'].map((h) => ({ header: h }));
    return reply.type(XLSX_MIME).header('content-disposition', attachment('委员名单.xlsx')).send(writeSheet('委员名单', header, rows));
  });

  app.get('/api/orgs/members/import-template.xlsx', { config: office, schema: { tags } }, async (_req, reply) => {
    const example = (async function* () {
      yield ['王小伟', '男', 1975, '汉族', '中共党员', '经济界', '经济委员会', '嘉兴某某科技有限公司', '董事长', '13800000000', '否'];
    })();
    return reply.type(XLSX_MIME).header('content-disposition', attachment('委员导入模板.xlsx')).send(writeSheet('委员名单', COLUMNS.map((h) => ({ header: h })), example));
  });

  // Imports answer 202 with their job (GET /api/import-jobs/:id), whose result is the report.
  app.post('/api/orgs/members/import', { config: office, schema: { tags, querystring: s.importQuery, response: { 202: importJobOut } } }, async (req, reply) => {
    await checkMemberImport(req.ctx, req.query);
    const data = await uploaded(req);
    return reply.code(202).send(await startImport(req.ctx, 'orgs.members', req.query.organizationId, (progress, signal) => importMembers(req.ctx, config, req.query, data, progress, signal)));
  });

  app.get('/api/orgs/handling-units/import-template.xlsx', { config: office, schema: { tags } }, async (_req, reply) => {
    const example = (async function* () {
      yield ['市教育局', '张明', '0573-82000000'];
    })();
    return reply.type(XLSX_MIME).header('content-disposition', attachment('承办单位导入模板.xlsx')).send(writeSheet('承办单位', UNIT_COLUMNS.map((h) => ({ header: h, width: 24 })), example));
  });

  app.post('/api/orgs/handling-units/import', { config: office, schema: { tags, querystring: s.unitImportQuery, response: { 202: importJobOut } } }, async (req, reply) => {
    commands.requireOfficeAt(req.ctx, req.query.organizationId);
    const data = await uploaded(req);
    return reply.code(202).send(await startImport(req.ctx, 'orgs.handling-units', req.query.organizationId, (progress, signal) => importUnits(req.ctx, config, req.query, data, progress, signal)));
  });

  app.get('/api/orgs/members/:id', { config: { access: ['admin', 'staff', 'leader', 'member'] }, schema: { tags, params: s.idParams, response: { 200: s.memberOut } } }, async (req) => {
    const actor = req.actor!;
    const member = await findMember(req.ctx.db, req.params.id, commands.phoneVisibleTo(req.ctx));
    const mayRead = member && (actor.memberId === member.id || hasRoleAt(req.ctx, actor, ['admin', 'staff', 'leader'], member.organizationId));
    if (!mayRead) throw notFound({ zh: '委员不存在', en: 'No such member' });
    return member;
  });
  app.post('/api/orgs/members', { ...write, config: office, schema: { tags, body: s.memberIn, response: { 201: s.memberOut } } }, async (req, reply) =>
    reply.code(201).send(await commands.createMember(req.ctx, req.body)),
  );
  app.patch('/api/orgs/members/:id', { ...write, config: office, schema: { tags, params: s.idParams, body: s.memberPatch, response: { 200: s.memberOut } } }, async (req) =>
    commands.updateMember(req.ctx, req.params.id, req.body),
  );
  app.post('/api/orgs/members/:id/retire', { ...write, config: office, schema: { tags, params: s.idParams, body: s.retireBody, response: { 200: s.memberOut } } }, async (req) =>
    commands.retireMember(req.ctx, req.params.id, req.body),
  );

  app.get('/api/orgs/places', { config: signedIn, schema: { tags, querystring: s.placeQuery, response: { 200: pageOf(s.placeOut) } } }, async (req) =>
    listPlaces(req.ctx.db, scope(req.ctx), req.query),
  );
  app.get('/api/orgs/places/:id', { config: signedIn, schema: { tags, params: s.idParams, response: { 200: s.placeOut } } }, async (req) => {
    const place = await findPlace(req.ctx.db, scope(req.ctx), req.params.id);
    if (!place) throw notFound({ zh: '场所不存在', en: 'No such place' });
    return place;
  });
  app.post('/api/orgs/places', { ...write, config: office, schema: { tags, body: s.placeIn, response: { 201: s.placeOut } } }, async (req, reply) =>
    reply.code(201).send(await commands.createPlace(req.ctx, req.body)),
  );
  app.patch('/api/orgs/places/:id', { ...write, config: office, schema: { tags, params: s.idParams, body: s.placePatch, response: { 200: s.placeOut } } }, async (req) =>
    commands.updatePlace(req.ctx, req.params.id, req.body),
  );
}
