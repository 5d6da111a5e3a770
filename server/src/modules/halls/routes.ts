// HTTP routes of the halls: each says who may call it, parses with its schema, calls a command or query.
import { z } from 'zod';
import { hasRoleAt, visibleOrgs } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { scopeOrgs } from '../../platform/scope.js';
import { hallStats } from './stats.js';
import type { AnswerCache } from '../../platform/answer-cache.js';
import type { App, ModuleDeps } from '../../platform/manifest.js';
import { fileRoutes } from './files.js';
import { networkRoutes } from './network.js';
import { chinaYear } from '../../platform/time.js';
import * as s from './schema.js';
import * as commands from './commands.js';
import { similarTopics } from './similar.js';
import { attendanceRoutes } from './attendance-routes.js';
import { loungeRoutes } from './lounges-routes.js';
import { createSessionSuggestion } from './suggestions.js';
import { hallFigures, pendingRatings, publicHall, sessionForOffice, topicForOffice } from './queries.js';

const tags = ['halls'];
const anyone = { access: 'anyone' as const };
const signedIn = { access: 'signed-in' as const };
const office = { access: ['admin', 'staff'] as const };
const raisers = { access: ['public', 'member', 'admin', 'staff'] as const };
const yearQuery = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100).optional() });

export function routes(app: App, deps: ModuleDeps, publicCache: AnswerCache) {
  fileRoutes(app, deps);
  networkRoutes(app);
  attendanceRoutes(app, deps);
  loungeRoutes(app, deps);
  // Public reading: no sign-in, no personal data (counts, never the supporters). The answers are
  // kept until a write makes them stale (manifest.ts, platform/answer-cache.ts); a hall page by the
  // account that reads it, since it marks the topics the account supports.
  app.get('/api/halls/public', { config: anyone, schema: { tags, summary: 'Every hall with this year\'s sessions held, topics closed and average rating, by county and town', querystring: yearQuery } }, async (req, reply) => {
    const year = req.query.year ?? chinaYear();
    return publicCache.send(req, reply, `index|${year}`, () => hallFigures(req.ctx.db, year));
  });
  app.get('/api/halls/public/:placeId', { config: anyone, schema: { tags, summary: "A hall's public page: topics, supports, states, sessions with their record, approved ratings", params: s.placeParams } }, async (req, reply) => {
    const userId = req.ctx.actor?.userId ?? null;
    return publicCache.send(req, reply, `hall|${req.params.placeId}|u${userId ?? ''}`, () => publicHall(req.ctx.db, req.params.placeId, userId));
  });

  app.get('/api/halls/cases', { config: anyone, schema: { tags, summary: 'Published cases: before and after, newest first' } }, async (req) =>
    req.ctx.db.selectFrom('hall_cases').innerJoin('hall_topics', 'hall_topics.id', 'hall_cases.topic_id').innerJoin('places', 'places.id', 'hall_topics.place_id')
      .select(['hall_cases.id', 'hall_cases.title', 'hall_cases.before_text as before', 'hall_cases.after_text as after', 'hall_cases.published_at as publishedAt', 'hall_topics.id as topicId', 'places.id as placeId', 'places.name as placeName'])
      .orderBy('hall_cases.id', 'desc').limit(200).execute(),
  );
  app.post('/api/halls/topics/:id/case', { config: office, schema: { tags, summary: 'Publish a closed topic as a case', params: s.idParams, body: s.caseIn } }, async (req, reply) =>
    reply.code(201).send({ id: await commands.publishCase(req.ctx, req.params.id, req.body) }),
  );

  // Residents, members and the office raise topics; any signed-in account supports once.
  app.post('/api/halls/places/:placeId/topics', { config: raisers, schema: { tags, summary: 'Raise a topic at a hall', params: s.placeParams, body: s.topicIn } }, async (req, reply) =>
    reply.code(201).send({ id: await commands.raiseTopic(req.ctx, req.params.placeId, req.body) }),
  );
  app.get('/api/halls/places/:placeId/similar', { config: raisers, schema: { tags, summary: 'Earlier topics like the one being written', params: s.placeParams, querystring: s.similarQuery } }, async (req) => {
    const place = await commands.requirePlace(req.ctx.db, req.params.placeId);
    return similarTopics(req.ctx.db, req.ctx.dialect, place.organization_id, req.query.text);
  });
  app.post('/api/halls/topics/:id/support', { config: signedIn, schema: { tags, summary: 'Support a topic (once per account)', params: s.idParams } }, async (req, reply) => {
    await commands.support(req.ctx, req.params.id);
    return reply.code(204).send();
  });
  app.delete('/api/halls/topics/:id/support', { config: signedIn, schema: { tags, summary: 'Withdraw one\'s support', params: s.idParams } }, async (req, reply) => {
    await commands.withdrawSupport(req.ctx, req.params.id);
    return reply.code(204).send();
  });
  app.post('/api/halls/topics/:id/ratings', { config: signedIn, schema: { tags, summary: 'Rate how a closed topic was handled (once per account; shown after moderation)', params: s.idParams, body: s.ratingIn } }, async (req, reply) =>
    reply.code(201).send({ id: await commands.rate(req.ctx, req.params.id, req.body) }),
  );

  // The office of the hall's organization.
  app.get('/api/halls/topics/:id', { config: office, schema: { tags, summary: 'A topic with its timeline', params: s.idParams } }, async (req) => topicForOffice(req.ctx, req.params.id));
  app.post('/api/halls/topics/:id/screen', { config: office, schema: { tags, summary: 'Adopt, merge or decline a topic', params: s.idParams, body: s.screenIn } }, async (req) => {
    await commands.screen(req.ctx, req.params.id, req.body);
    return topicForOffice(req.ctx, req.params.id);
  });
  app.post('/api/halls/sessions', { config: office, schema: { tags, summary: 'Plan a deliberation session with adopted topics', body: s.sessionIn } }, async (req, reply) =>
    reply.code(201).send(await sessionForOffice(req.ctx, await commands.createSession(req.ctx, req.body))),
  );
  app.get('/api/halls/sessions/:id', { config: office, schema: { tags, summary: 'A session with its timeline', params: s.idParams } }, async (req) => sessionForOffice(req.ctx, req.params.id));
  app.post('/api/halls/sessions/:id/events', { config: office, schema: { tags, summary: 'Publish the notice, record as held (with minutes), close', params: s.idParams, body: s.sessionEventIn } }, async (req) => {
    await commands.advanceSession(req.ctx, req.params.id, req.body.event, req.body.minutes, req.body.speakers);
    return sessionForOffice(req.ctx, req.params.id);
  });
  app.post('/api/halls/sessions/:id/suggestions', { config: office, schema: { tags, summary: 'Write down a suggestion of a held session, tracked by the shared suggestion tracker', params: s.idParams, body: s.suggestionIn } }, async (req, reply) =>
    reply.code(201).send({ id: await createSessionSuggestion(req.ctx, req.params.id, req.body) }),
  );
  app.get('/api/halls/places/:placeId/sessions', { config: office, schema: { tags, summary: "A hall's sessions in every state", params: s.placeParams } }, async (req) => {
    const place = await commands.requirePlace(req.ctx.db, req.params.placeId);
    commands.requireOfficeAt(req.ctx, place.organization_id);
    return req.ctx.db.selectFrom('hall_sessions').select(['id', 'title', 'starts_at as startsAt', 'state']).where('place_id', '=', place.id).orderBy('starts_at', 'desc').limit(200).execute();
  });
  app.get('/api/halls/places/:placeId/ratings', { config: office, schema: { tags, summary: 'Ratings waiting for moderation', params: s.placeParams } }, async (req) => {
    const place = await commands.requirePlace(req.ctx.db, req.params.placeId);
    commands.requireOfficeAt(req.ctx, place.organization_id, { zh: '审核评价', en: 'moderate ratings' });
    return pendingRatings(req.ctx, place.id);
  });
  app.post('/api/halls/ratings/:id/moderate', { config: office, schema: { tags, summary: 'Approve or reject a rating', params: s.idParams, body: s.moderateIn } }, async (req, reply) => {
    await commands.moderate(req.ctx, req.params.id, req.body.decision);
    return reply.code(204).send();
  });
  app.get('/api/halls/stats', { config: { access: ['admin', 'staff', 'leader'] as const }, schema: { tags, summary: "A year's figures of the halls, stations, studios and lounges", description: "The year defaults to the current one in Asia/Shanghai, the organization to the caller's own; scope=system adds every organization below it. For staff, admins and leaders of the organization or one above it.", querystring: s.statsQuery } }, async (req) => {
    const org = req.query.organizationId ?? req.ctx.actor!.organizationId;
    if (!hasRoleAt(req.ctx, req.ctx.actor!, ['admin', 'staff', 'leader'], org)) throw notFound({ zh: '组织不存在', en: 'No such organization' });
    return hallStats(req.ctx.db, org, req.query.scope, scopeOrgs(req.ctx, org, req.query.scope), req.query.year ?? chinaYear());
  });
  app.get('/api/halls/ranking', { config: { access: ['admin', 'staff', 'leader'] as const }, schema: { tags, summary: 'Halls ranked by sessions held, topics closed and rating', querystring: yearQuery } }, async (req) => {
    const rows = await hallFigures(req.ctx.db, req.query.year ?? chinaYear(), visibleOrgs(req.ctx, req.ctx.actor!));
    return rows.sort((a, b) => b.sessions - a.sessions || b.closedTopics - a.closedTopics || (b.rating ?? 0) - (a.rating ?? 0)).map((r, i) => ({ rank: i + 1, ...r }));
  });
}
