// HTTP routes of the member lounges (委员会客厅): the office's events, rota, moderation and star
// levels; the member on duty's answers; the public lounge page and residents' questions. Each says
// who may call it, parses with its schema, calls a command or query.
import { z } from 'zod';
import type { App, ModuleDeps } from '../../platform/manifest.js';
import { requestBaseUrl } from '../../platform/public-url.js';
import * as a from '../attendance/http.js';
import * as s from './lounges-schema.js';
import { idParams, placeParams } from './schema.js';
import * as l from './lounges.js';
import { eventAttendance, eventCheckin, eventCheckinCode, eventCheckinPreview } from './lounges-attendance.js';

const tags = ['halls'];
const anyone = { access: 'anyone' as const };
const signedIn = { access: 'signed-in' as const };
const office = { access: ['admin', 'staff'] as const };
const members = { access: ['member'] as const };

export function loungeRoutes(app: App, { config }: ModuleDeps) {
  const limits = config.rateLimits;
  const publicWrite = limits ? { max: limits.publicWrite.max, timeWindow: limits.publicWrite.windowMs } : false;

  // Public: the lounge page without sign-in; questions with a public account, rate-limited.
  app.get('/api/halls/lounges/public/:placeId', { config: anyone, schema: { tags, summary: "A lounge's public page: confirmed star level, rota, upcoming events, published questions with answers", params: placeParams } }, async (req) =>
    l.publicLounge(req.ctx.db, req.params.placeId, req.ctx.actor?.userId ?? null),
  );
  app.post('/api/halls/lounges/:placeId/questions', { config: { access: ['public'] as const, rateLimit: publicWrite }, schema: { tags, summary: 'Ask a question in the online lounge (shown once the office publishes it)', params: placeParams, body: s.questionIn } }, async (req, reply) =>
    reply.code(201).send({ id: await l.ask(req.ctx, req.params.placeId, req.body) }),
  );
  app.post('/api/halls/lounge-questions/:id/rating', { config: { access: ['public'] as const, rateLimit: publicWrite }, schema: { tags, summary: "Rate the answer to one's own question (once)", params: idParams, body: s.rateIn } }, async (req, reply) => {
    await l.rateAnswer(req.ctx, req.params.id, req.body.stars);
    return reply.code(204).send();
  });

  // The member on duty.
  app.get('/api/halls/lounge-duty', { config: members, schema: { tags, summary: "The member's lounge duty: rota entries from today and questions waiting in the lounges they are on duty at" } }, async (req) =>
    l.myDutyQuestions(req.ctx),
  );
  app.post('/api/halls/lounge-questions/:id/answer', { config: members, schema: { tags, summary: 'Answer a published question (the member on duty at that lounge, while on duty)', params: idParams, body: s.answerIn } }, async (req, reply) => {
    await l.answer(req.ctx, req.params.id, req.body);
    return reply.code(204).send();
  });

  // The office.
  app.get('/api/halls/lounges', { config: office, schema: { tags, summary: 'The lounges the office runs, with their latest confirmed star level' } }, async (req) => l.loungesForOffice(req.ctx));
  app.post('/api/halls/lounges/:placeId/events', { config: office, schema: { tags, summary: 'Plan a themed lounge event', params: placeParams, body: s.eventIn } }, async (req, reply) =>
    reply.code(201).send(await l.eventForOffice(req.ctx, await l.planEvent(req.ctx, req.params.placeId, req.body))),
  );
  app.get('/api/halls/lounges/:placeId/events', { config: office, schema: { tags, summary: "A lounge's events with their participations", params: placeParams } }, async (req) => l.eventsOfLounge(req.ctx, req.params.placeId));
  app.get('/api/halls/lounge-events/:id', { config: office, schema: { tags, summary: 'A lounge event with members, units, participations and timeline', params: idParams } }, async (req) => l.eventForOffice(req.ctx, req.params.id));
  app.post('/api/halls/lounge-events/:id/hold', { config: office, schema: { tags, summary: 'Record the event as held', params: idParams } }, async (req) => {
    await l.holdEvent(req.ctx, req.params.id);
    return l.eventForOffice(req.ctx, req.params.id);
  });
  app.post('/api/halls/lounge-events/:id/headcount', { config: office, schema: { tags, summary: 'Enter the participations by headcount, with a reason (counts instead of the check-ins)', params: idParams, body: s.headcountIn } }, async (req) => {
    await l.enterHeadcount(req.ctx, req.params.id, req.body);
    return l.eventForOffice(req.ctx, req.params.id);
  });
  app.get('/api/halls/lounge-events/:id/checkin-code', { config: office, schema: { tags, summary: "The event's check-in QR code, issued on first request", params: idParams, response: { 200: a.codeOut } } }, async (req) =>
    eventCheckinCode(req.ctx, req.params.id, requestBaseUrl(req, config)),
  );
  app.get('/api/halls/lounge-events/:id/attendance', { config: office, schema: { tags, summary: 'Who checked in at a lounge event', params: idParams } }, async (req) => eventAttendance(req.ctx, req.params.id));
  app.get('/api/halls/lounge-checkin/:token', { config: signedIn, schema: { tags, summary: 'The lounge event a check-in code leads to, and whether the caller may check in now', params: a.tokenParams, response: { 200: a.previewOut.extend({ eventId: z.number() }) } } }, async (req) =>
    eventCheckinPreview(req.ctx, req.params.token),
  );
  app.post('/api/halls/lounge-checkin/:token', { config: signedIn, schema: { tags, summary: 'Check in at a lounge event (once; a second scan says so)', params: a.tokenParams, response: { 200: a.checkinOut.extend({ eventId: z.number() }) } } }, async (req) =>
    eventCheckin(req.ctx, req.params.token),
  );

  app.get('/api/halls/lounges/:placeId/rota', { config: office, schema: { tags, summary: "A lounge's rota from today on", params: placeParams } }, async (req) => {
    const place = await l.officeLounge(req.ctx, req.params.placeId, { zh: '查看客厅值班', en: 'see the lounge rota' });
    return l.rotaOf(req.ctx.db, place.id, '0000-00-00');
  });
  app.post('/api/halls/lounges/:placeId/rota', { config: office, schema: { tags, summary: 'Publish a member on duty at a lounge for a date range', params: placeParams, body: s.rotaIn } }, async (req, reply) =>
    reply.code(201).send({ id: await l.addRota(req.ctx, req.params.placeId, req.body) }),
  );
  app.delete('/api/halls/lounge-rota/:id', { config: office, schema: { tags, summary: 'Remove a rota entry not yet over', params: idParams } }, async (req, reply) => {
    await l.removeRota(req.ctx, req.params.id);
    return reply.code(204).send();
  });

  app.get('/api/halls/lounges/:placeId/questions', { config: office, schema: { tags, summary: "A lounge's questions (the moderation queue with state=pending)", params: placeParams, querystring: s.questionsQuery } }, async (req) =>
    l.questionsOfLounge(req.ctx, req.params.placeId, req.query.state),
  );
  app.post('/api/halls/lounge-questions/:id/moderate', { config: office, schema: { tags, summary: 'Publish a question, or reject it with a reason the asker sees', params: idParams, body: s.moderateIn } }, async (req, reply) => {
    await l.moderateQuestion(req.ctx, req.params.id, req.body);
    return reply.code(204).send();
  });

  app.get('/api/halls/lounge-star-rules', { config: office, schema: { tags, summary: "An organization's star level rules (defaults until an admin sets them)", querystring: s.rulesQuery } }, async (req) =>
    l.starRules(req.ctx.db, l.rulesOrg(req.ctx, req.query.organizationId)),
  );
  app.put('/api/halls/lounge-star-rules', { config: { access: ['admin'] as const }, schema: { tags, summary: 'Set the thresholds of levels 1 to 5 (events, participations, answered questions, rating per year)', body: s.rulesIn } }, async (req) =>
    l.setStarRules(req.ctx, req.body),
  );
  app.get('/api/halls/lounges/:placeId/star', { config: office, schema: { tags, summary: "A lounge's figures of a year, the computed level and the confirmed one", params: placeParams, querystring: s.yearQuery } }, async (req) =>
    l.loungeStar(req.ctx, req.params.placeId, req.query.year),
  );
  app.post('/api/halls/lounges/:placeId/star', { config: office, schema: { tags, summary: "Confirm a year's computed level (once); the public page shows it", params: placeParams, body: s.confirmIn } }, async (req, reply) =>
    reply.code(201).send(await l.confirmStar(req.ctx, req.params.placeId, req.body.year)),
  );
}
