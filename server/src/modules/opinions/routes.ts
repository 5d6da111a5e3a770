// HTTP routes of public opinion for signed-in users: parse, call, shape.
import { z } from 'zod';
import { queryRecordId } from '../../platform/ids.js';
import { audit } from '../../platform/audit.js';
import { forbidden, notFound } from '../../platform/errors.js';
import { hasRoleAt, visibleOrgs, type Ctx } from '../../platform/context.js';
import type { App, ModuleDeps } from '../../platform/manifest.js';
import { pageOf, pageQuery } from '../../platform/paging.js';
import { scopeOrgs } from '../../platform/scope.js';
import { mayRevealResident } from '../../platform/privacy.js';
import { chinaYear } from '../../platform/time.js';
import { attachment, writeSheet, XLSX_MIME } from '../../platform/xlsx.js';
import * as s from './schema.js';
import * as commands from './commands.js';
import { compile, listIssues, requireIssue } from './issues.js';
import { DOCX_MIME, issueDocx } from './docx.js';
import { moduleKeys, residentContact } from './keys.js';
import { Intake, restoreSearchIndex } from './intake.js';
import { publicRoutes } from './public-routes.js';
import { findOpinion, listOpinions, myOpinions, similarGroups, timeline } from './queries.js';
import { answerHandoff, handOff, listHandoffs } from './handoffs.js';
import { forward, forwardIssue, recordAdoption, recordFeedback, recordInstruction } from './results.js';
import { loadRules, ranking, setRules } from './scoring.js';
import { opinionStats } from './stats.js';

const tags = ['opinions'];
const office = { access: ['admin', 'staff'] as const };
const readers = { access: ['admin', 'staff', 'leader'] as const };

/** The one organization a statistic or ranking is about: the caller's own unless they name one they see. */
function oneOrg(ctx: Ctx, organizationId?: number) {
  const id = organizationId ?? ctx.actor!.organizationId;
  if (!visibleOrgs(ctx, ctx.actor!).includes(id)) throw notFound({ zh: '组织不存在', en: 'No such organization' });
  return id;
}
const rankingNames = { member: '委员', contact_point: '联系点', sector: '界别', place: '场所' } as const;

export function routes(app: App, deps: ModuleDeps) {
  const keys = moduleKeys(deps.config);
  const intake = new Intake(deps.services, app.log, deps.services.dialect === 'sqlite' ? deps.config.dataDir : null);
  app.addHook('onReady', async () => {
    await restoreSearchIndex(deps.services, app.log);
    intake.start();
  });
  app.addHook('onClose', async () => intake.stop());
  publicRoutes(app, deps, keys, intake);

  async function detail(ctx: Ctx, id: number) {
    const found = await findOpinion(ctx, keys.data, id);
    if (!found) throw notFound({ zh: '社情民意信息不存在', en: 'No such report' });
    return found;
  }

  app.get('/api/opinions', { config: readers, schema: { tags, querystring: s.listQuery, response: { 200: pageOf(s.opinionSummary) } } }, async (req) => listOpinions(req.ctx, keys.data, req.query));
  app.get('/api/opinions/mine', { config: { access: ['member', 'admin', 'staff'] }, schema: { tags, summary: 'Reports the caller submitted or is credited on', querystring: z.strictObject(pageQuery), response: { 200: pageOf(s.opinionSummary) } } }, async (req) =>
    myOpinions(req.ctx, keys.data, req.query),
  );
  app.post('/api/opinions', { config: { access: ['member', 'admin', 'staff'] }, schema: { tags, summary: "A member's or contact point's report", body: s.reportIn, response: { 201: s.opinionOut } } }, async (req, reply) =>
    reply.code(201).send(await detail(req.ctx, await commands.submitReport(req.ctx, intake, req.body))),
  );
  app.get('/api/opinions/stats', { config: readers, schema: { tags, summary: "A year's figures of the organization, or with scope=system of it and every organization below it", querystring: s.statsQuery } }, async (req) => {
    const org = oneOrg(req.ctx, req.query.organizationId);
    return opinionStats(req.ctx.db, org, req.query.scope, scopeOrgs(req.ctx, org, req.query.scope), req.query.year ?? chinaYear());
  });
  app.get('/api/opinions/similar', { config: readers, schema: { tags, summary: 'Groups of similar reports, largest first', querystring: z.strictObject({ organizationId: queryRecordId.optional() }) } }, async (req) =>
    similarGroups(req.ctx, req.query.organizationId),
  );
  app.get('/api/opinions/ranking', { config: { access: ['admin', 'staff', 'leader', 'member'] }, schema: { tags, querystring: s.rankingQuery, response: { 200: s.rankingOut } } }, async (req) =>
    ranking(req.ctx.db, [oneOrg(req.ctx, req.query.organizationId)], req.query.year ?? chinaYear(), req.query.by),
  );
  app.get('/api/opinions/ranking.xlsx', { config: readers, schema: { tags, querystring: s.rankingQuery } }, async (req, reply) => {
    const year = req.query.year ?? chinaYear();
    const rows = await ranking(req.ctx.db, [oneOrg(req.ctx, req.query.organizationId)], year, req.query.by);
    const name = `${year}年社情民意${rankingNames[req.query.by]}积分排名`;
    const sheet = writeSheet(rankingNames[req.query.by] + '排名', [{ header: '名次', width: 8 }, { header: rankingNames[req.query.by], width: 30 }, { header: '积分' }, { header: '信息条数' }],
      (async function* () {
        for (const r of rows) yield [r.rank, r.name, r.points, r.opinions];
      })());
    return reply.type(XLSX_MIME).header('content-disposition', attachment(`${name}.xlsx`)).send(sheet);
  });
  app.get('/api/opinions/scoring-rules', { config: readers, schema: { tags, querystring: z.strictObject({ organizationId: queryRecordId.optional() }), response: { 200: s.scoringRules } } }, async (req) =>
    loadRules(req.ctx.db, oneOrg(req.ctx, req.query.organizationId)),
  );
  app.put('/api/opinions/scoring-rules', { config: { access: ['admin'] }, schema: { tags, body: s.scoringIn, response: { 200: s.scoringRules } } }, async (req) => {
    if (!hasRoleAt(req.ctx, req.actor!, ['admin'], req.body.organizationId)) throw forbidden();
    return setRules(req.ctx, req.body.organizationId, req.body.rules);
  });

  app.get('/api/opinions/issues', { config: readers, schema: { tags, querystring: s.yearQuery, response: { 200: z.array(s.issueOut) } } }, async (req) => listIssues(req.ctx, req.query));
  app.post('/api/opinions/issues', { config: office, schema: { tags, summary: 'Compile accepted reports into the next numbered issue', body: s.compileIn, response: { 201: s.issueOut } } }, async (req, reply) =>
    reply.code(201).send(await compile(req.ctx, req.body)),
  );
  app.get('/api/opinions/issues/:id', { config: readers, schema: { tags, params: s.idParams, response: { 200: s.issueOut } } }, async (req) => requireIssue(req.ctx, req.params.id));
  app.get('/api/opinions/issues/:id/export.docx', { config: readers, schema: { tags, params: s.idParams } }, async (req, reply) => {
    const issue = await requireIssue(req.ctx, req.params.id);
    return reply.type(DOCX_MIME).header('content-disposition', attachment(`社情民意${issue.year}年第${issue.number}期.docx`)).send(await issueDocx(issue));
  });
  app.post('/api/opinions/issues/:id/forward', { config: office, schema: { tags, summary: 'Forward every report of an issue', params: s.idParams, body: s.forwardIn, response: { 200: s.issueOut } } }, async (req) =>
    forwardIssue(req.ctx, req.params.id, req.body),
  );

  app.get('/api/opinions/:id', { config: { access: 'signed-in' }, schema: { tags, params: s.idParams, response: { 200: s.opinionOut } } }, async (req) => detail(req.ctx, req.params.id));
  app.get('/api/opinions/:id/timeline', { config: { access: 'signed-in' }, schema: { tags, params: s.idParams, response: { 200: s.timelineOut } } }, async (req) => {
    await detail(req.ctx, req.params.id);
    return timeline(req.ctx.db, req.params.id);
  });
  // The office that handles the report may call the resident back: each reveal is audited (who,
  // when, which report) and shows on the report's timeline.
  app.get('/api/opinions/:id/contact', { config: office, schema: { tags, summary: "A resident's name and phone in full, for the office that handles the report (audited)", params: s.idParams, response: { 200: s.contactOut } } }, async (req) => {
    const row = await req.ctx.db.selectFrom('opinions').select(['id', 'organization_id', 'resident_name_enc', 'resident_phone_enc']).where('id', '=', req.params.id).executeTakeFirst();
    if (!row || !visibleOrgs(req.ctx, req.actor!).includes(row.organization_id)) throw notFound({ zh: '社情民意信息不存在', en: 'No such report' });
    if (!mayRevealResident(req.ctx, row.organization_id)) throw forbidden({ zh: '无权查看该群众的联系方式', en: "You may not see this resident's contact" });
    await audit(req.ctx.db, req.ctx, { action: 'reveal_contact', entityType: 'opinion', entityId: row.id, organizationId: row.organization_id });
    return residentContact(keys.data, row, true);
  });

  app.get('/api/opinions/handoffs', { config: { access: ['unit', 'admin', 'staff'] }, schema: { tags, summary: "Residents' concerns handed to units: a unit's own, or those of the office's organizations", querystring: s.handoffQuery, response: { 200: pageOf(s.handoffItem) } } }, async (req) =>
    listHandoffs(req.ctx, req.query),
  );
  app.post('/api/opinions/handoffs/:id/answer', { config: { access: ['unit'] }, schema: { tags, summary: "The handling unit's answer to a concern handed to it", params: s.idParams, body: s.handoffAnswerIn, response: { 200: s.handoffOut } } }, async (req) =>
    answerHandoff(req.ctx, req.params.id, req.body),
  );

  const act = <B>(path: string, body: z.ZodType<B>, run: (ctx: Ctx, id: number, input: B) => Promise<unknown>) =>
    app.post(`/api/opinions/:id/${path}`, { config: office, schema: { tags, params: s.idParams, body, response: { 200: s.opinionOut } } }, async (req) => {
      await run(req.ctx, req.params.id, req.body as B);
      return detail(req.ctx, req.params.id);
    });
  act('screen', s.screenIn, commands.screen);
  act('forward', s.forwardIn, forward);
  act('adoptions', s.adoptionIn, recordAdoption);
  act('instructions', s.instructionIn, recordInstruction);
  act('feedback', s.feedbackIn, recordFeedback);
  act('handoff', s.handOffIn, handOff);
  act('title', s.retitleIn, commands.retitle);
}
