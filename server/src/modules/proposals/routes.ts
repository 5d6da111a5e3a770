// HTTP routes of proposals: parse, call, shape. The route list with access and purpose is in
// docs/api.md ("Proposals"); the shapes in schema.ts.
//
//   GET   /api/proposals/config                     signed-in   categories, reject reasons, sessions, units, filing identity
//   POST  /api/proposals/categories                 admin       add a category (PATCH …/:id to change)
//   POST  /api/proposals/reject-reasons             admin       add a reject reason (PATCH …/:id to change)
//   PUT   /api/proposals/settings                   admin       default deadline in months
//   PUT   /api/proposals/collective-accounts        admin       link an account to a party group, sector or committee
//   POST  /api/proposals                            member      new draft
//   PATCH /api/proposals/:id                        author      edit a draft
//   POST  /api/proposals/:id/file|withdraw|cosign   author, co-signer
//   POST  /api/proposals/similar                    member, office, leader   five most similar to a text
//   GET   /api/proposals/:id/similar                readers of the proposal
//   POST  /api/proposals/:id/accept|reject|reconsider|merge|convert|assign|another-round|close   admin, staff
//   POST  /api/proposals/:id/assignments/:assignmentId/sign|request-reassign|contacts|opinions|reply   the unit
//   POST  /api/proposals/:id/assignments/:assignmentId/reassign   admin, staff
//   POST  /api/proposals/:id/assignments/:assignmentId/evaluate   proposers
//   GET   /api/proposals                            admin, staff, leader   filtered list
//   GET   /api/proposals/mine | assigned | workbench
//   GET   /api/proposals/:id | :id/timeline         readers of the proposal
import { z } from 'zod';
import type { AnswerCache } from '../../platform/answer-cache.js';
import type { Ctx } from '../../platform/context.js';
import { serializerCompiler } from '../../platform/serializer.js';
import type { App } from '../../platform/manifest.js';
import * as s from './schema.js';
import * as commands from './commands.js';
import * as review from './review.js';
import * as handling from './handling.js';
import * as settings from './settings.js';
import { assignedProposals, findProposal, listProposals, myProposals, timeline, workbench } from './queries.js';
import { similarTo } from './similar.js';
import { requireProposal } from './service.js';

const tags = ['proposals'];
const office = { access: ['admin', 'staff'] as const };
const admin = { access: ['admin'] as const };
const member = { access: ['member'] as const };
const unit = { access: ['unit'] as const };
const signedIn = { access: 'signed-in' as const };
const created = z.object({ id: z.number() });
const writeSummaryPage = serializerCompiler({ schema: s.summaryPage });
const JSON_TYPE = 'application/json; charset=utf-8';

export function routes(app: App, listCache: AnswerCache) {
  const detail = (ctx: Ctx, id: number) => requireProposal(ctx, id);

  app.get('/api/proposals/config', { config: signedIn, schema: { tags, querystring: s.orgQuery, response: { 200: s.configOut } } }, async (req) =>
    settings.config(req.ctx, settings.oneOrg(req.ctx, req.query.organizationId)),
  );
  app.post('/api/proposals/categories', { config: admin, schema: { tags, body: s.categoryIn, response: { 201: created } } }, async (req, reply) =>
    reply.code(201).send({ id: await settings.addCategory(req.ctx, req.body) }),
  );
  app.patch('/api/proposals/categories/:id', { config: admin, schema: { tags, params: s.idParams, body: s.categoryPatch } }, async (req, reply) => {
    await settings.changeCategory(req.ctx, req.params.id, req.body);
    return reply.code(204).send();
  });
  app.post('/api/proposals/reject-reasons', { config: admin, schema: { tags, body: s.rejectReasonIn, response: { 201: created } } }, async (req, reply) =>
    reply.code(201).send({ id: await settings.addRejectReason(req.ctx, req.body) }),
  );
  app.patch('/api/proposals/reject-reasons/:id', { config: admin, schema: { tags, params: s.idParams, body: s.rejectReasonPatch } }, async (req, reply) => {
    await settings.changeRejectReason(req.ctx, req.params.id, req.body);
    return reply.code(204).send();
  });
  app.put('/api/proposals/settings', { config: admin, schema: { tags, body: s.settingsIn } }, async (req, reply) => {
    await settings.saveSettings(req.ctx, req.body);
    return reply.code(204).send();
  });
  app.put('/api/proposals/collective-accounts', { config: admin, schema: { tags, body: s.collectiveAccountIn } }, async (req, reply) => {
    await settings.linkCollectiveAccount(req.ctx, req.body);
    return reply.code(204).send();
  });

  app.get('/api/proposals', { config: { access: ['admin', 'staff', 'leader'] }, schema: { tags, querystring: s.listQuery, response: { 200: s.summaryPage } } }, async (req, reply) => {
    // Overdue flags turn with the date, so the day is part of the key (and answers live 60 s at most).
    const query = Object.entries(req.query).sort(([a], [b]) => (a < b ? -1 : 1));
    const key = `${listCache.callerKey(req.actor!)}|${commands.today()}|${JSON.stringify(query)}`;
    let body = listCache.get(key);
    if (body === undefined) {
      const version = listCache.version;
      body = Buffer.from(writeSummaryPage(await listProposals(req.ctx, req.query)));
      listCache.set(key, body, version);
    }
    return reply.type(JSON_TYPE).send(body as never);
  });
  app.get('/api/proposals/mine', { config: member, schema: { tags, summary: 'Proposals the caller wrote or co-signs', querystring: s.mineQuery, response: { 200: s.summaryPage } } }, async (req) => myProposals(req.ctx, req.query));
  app.get('/api/proposals/assigned', { config: unit, schema: { tags, summary: "Proposals assigned to the caller's unit", querystring: s.assignedQuery, response: { 200: s.summaryPage } } }, async (req) =>
    assignedProposals(req.ctx, req.query),
  );
  app.get('/api/proposals/workbench', { config: signedIn, schema: { tags, response: { 200: s.workbenchOut } } }, async (req) => workbench(req.ctx));

  app.post('/api/proposals/similar', { config: { access: ['member', 'admin', 'staff', 'leader'] }, schema: { tags, summary: 'The five most similar filed proposals to a draft text', body: s.similarIn, response: { 200: s.similarOut } } }, async (req) => {
    const org = settings.oneOrg(req.ctx, req.body.organizationId);
    return similarTo(req.ctx, org, [req.body.title, req.body.reasons, req.body.suggestions].join('\n'), { excludeId: req.body.excludeId });
  });

  app.post('/api/proposals', { config: member, schema: { tags, summary: 'A new draft', body: s.draftIn, response: { 201: s.proposalOut } } }, async (req, reply) =>
    reply.code(201).send(await detail(req.ctx, await commands.createDraft(req.ctx, req.body))),
  );
  app.patch('/api/proposals/:id', { config: member, schema: { tags, summary: 'Edit a draft', params: s.idParams, body: s.draftPatch, response: { 200: s.proposalOut } } }, async (req) => {
    await commands.updateDraft(req.ctx, req.params.id, req.body);
    return detail(req.ctx, req.params.id);
  });
  app.get('/api/proposals/:id', { config: signedIn, schema: { tags, params: s.idParams, response: { 200: s.proposalOut } } }, async (req) => detail(req.ctx, req.params.id));
  app.get('/api/proposals/:id/timeline', { config: signedIn, schema: { tags, params: s.idParams, response: { 200: s.timelineOut } } }, async (req) => {
    await detail(req.ctx, req.params.id);
    return timeline(req.ctx.db, req.params.id);
  });
  app.get('/api/proposals/:id/similar', { config: signedIn, schema: { tags, params: s.idParams, response: { 200: s.similarOut } } }, async (req) => {
    const p = await detail(req.ctx, req.params.id);
    // Proposals filed before this one; a draft compares with everything filed.
    return similarTo(req.ctx, p.organizationId, [p.title, p.reasons, p.suggestions].join('\n'), p.state === 'draft' ? { excludeId: p.id } : { beforeId: p.id });
  });

  const act = <B>(path: string, access: { access: 'signed-in' | readonly ('admin' | 'staff' | 'member' | 'unit')[] }, body: z.ZodType<B>, command: (ctx: Ctx, id: number, input: B) => Promise<unknown>) =>
    app.post(`/api/proposals/:id/${path}`, { config: access, schema: { tags, params: s.idParams, body, response: { 200: s.proposalOut } } }, async (req) => {
      await command(req.ctx, req.params.id, req.body as B);
      return detail(req.ctx, req.params.id);
    });
  const empty = z.strictObject({});
  act('file', member, s.fileIn, commands.file);
  app.post('/api/proposals/:id/cosign', { config: member, schema: { tags, summary: 'A co-signer confirms or declines', params: s.idParams, body: s.cosignIn, response: { 200: s.cosignOut } } }, async (req) => ({
    proposalId: req.params.id,
    decision: req.body.decision,
    proposalState: await commands.cosign(req.ctx, req.params.id, req.body),
  }));
  act('withdraw', member, empty, (ctx, id) => commands.withdraw(ctx, id));
  act('accept', office, empty, (ctx, id) => review.accept(ctx, id));
  act('reject', office, s.rejectIn, review.reject);
  act('reconsider', office, empty, (ctx, id) => review.reconsider(ctx, id));
  act('merge', office, s.mergeIn, review.merge);
  act('convert', office, s.convertIn, review.convert);
  act('assign', office, s.assignIn, review.assign);
  act('another-round', office, s.anotherRoundIn, review.anotherRound);
  act('close', office, empty, (ctx, id) => review.close(ctx, id));

  const onAssignment = <B>(path: string, access: { access: readonly ('admin' | 'staff' | 'member' | 'unit')[] }, body: z.ZodType<B>, command: (ctx: Ctx, id: number, assignmentId: number, input: B) => Promise<unknown>) =>
    app.post(`/api/proposals/:id/assignments/:assignmentId/${path}`, { config: access, schema: { tags, params: s.assignmentParams, body, response: { 200: s.proposalOut } } }, async (req) => {
      await command(req.ctx, req.params.id, req.params.assignmentId, req.body as B);
      return detail(req.ctx, req.params.id);
    });
  onAssignment('sign', unit, empty, (ctx, id, a) => handling.sign(ctx, id, a));
  onAssignment('request-reassign', unit, s.reasonIn, handling.requestReassign);
  onAssignment('contacts', unit, s.contactIn, handling.recordContact);
  onAssignment('opinions', unit, s.assistOpinionIn, handling.sendOpinion);
  onAssignment('reply', unit, s.replyIn, handling.reply);
  onAssignment('reassign', office, s.reassignIn, handling.reassign);
  onAssignment('evaluate', member, s.evaluateIn, handling.evaluate);
}

export { findProposal };
