// HTTP routes of the live room: parse, call, shape.
import { z } from 'zod';
import { hasRoleAt } from '../../platform/context.js';
import { invalid } from '../../platform/errors.js';
import { acceptsGzip } from '../../platform/http.js';
import type { App, ModuleDeps } from '../../platform/manifest.js';
import * as s from './room-schema.js';
import { answer, commentTimeline, like, moderate, updateSettings, type Moderation } from './room.js';
import { cachedMeeting, listComments, loadMeeting, roomAccess, roomDetail } from './room-queries.js';
import { CommentPages } from './room-pages.js';
import { CommentWriter } from './room-writer.js';
import { LiveHub } from './live.js';

const tags = ['consultations'];
const office = { access: ['admin', 'staff'] as const };
const answerers = { access: ['admin', 'staff', 'leader', 'unit'] as const };
const signedIn = { access: 'signed-in' as const };

export function roomRoutes(app: App, deps: ModuleDeps): void {
  const writer = new CommentWriter(deps.services, app.log);
  const hub = new LiveHub(deps.services, app.log);
  const pages = new CommentPages(deps.services);
  const stopPages = pages.start();
  app.addHook('onReady', async () => hub.start());
  app.addHook('onClose', async () => stopPages());
  // Open streams would keep the server from closing.
  app.addHook('preClose', async () => hub.stop());

  const base = '/api/consultations';
  app.get(`${base}/meetings/:id/room`, { config: signedIn, schema: { tags, summary: 'The live room of an online meeting', params: s.idParams, response: { 200: s.roomOut } } }, async (req) =>
    roomDetail(req.ctx, req.actor!, req.params.id),
  );
  app.put(`${base}/meetings/:id/room`, { config: office, schema: { tags, summary: 'Room settings: video address, moderation, open or closed', params: s.idParams, body: s.settingsIn, response: { 200: s.roomOut } } }, async (req) => {
    await updateSettings(req.ctx, req.params.id, req.body);
    return roomDetail(req.ctx, req.actor!, req.params.id);
  });
  app.get(`${base}/meetings/:id/comments`, { config: signedIn, schema: { tags, summary: "A page of a room's comments, newest first", params: s.idParams, querystring: s.commentsQuery, response: { 200: s.commentsPage } } }, async (req, reply) => {
    const access = roomAccess(req.ctx, req.actor!, await cachedMeeting(req.ctx.db, req.params.id));
    // What the many read comes from memory; the office's views (pending, hidden) from the database.
    if (!access.moderate && (req.query.state ?? 'visible') === 'visible') {
      const cursor = req.query.cursor ? Number(req.query.cursor) : null;
      const page = await pages.json(req.params.id, req.actor!.userId, cursor, req.query.limit, acceptsGzip(req.headers['accept-encoding']));
      reply.type('application/json; charset=utf-8').header('vary', 'accept-encoding');
      if (page.gzipped) reply.header('content-encoding', 'gzip');
      return reply.send(page.body as never);
    }
    return listComments(req.ctx, req.actor!, req.params.id, req.query);
  });
  // A person types a comment every few seconds at most; a script that floods a room is stopped per account.
  const limits = deps.config.rateLimits;
  const perUser = limits ? { max: limits.publicWrite.max, timeWindow: limits.publicWrite.windowMs, keyGenerator: (req: { actor: { userId: number } | null; ip: string }) => `room-comment:${req.actor?.userId ?? req.ip}` } : false;
  app.post(`${base}/meetings/:id/comments`, { config: { ...signedIn, rateLimit: perUser }, schema: { tags, summary: 'Comment in a live room (1–500 characters)', params: s.idParams, body: s.commentIn, response: { 201: s.postedOut } } }, async (req, reply) =>
    reply.code(201).send(await writer.post(req.ctx, req.params.id, req.body.body)),
  );

  const act = (path: Moderation) =>
    app.post(`${base}/comments/:id/${path}`, { config: office, schema: { tags, params: s.idParams, response: { 200: z.object({ ok: z.literal(true) }) } } }, async (req) => {
      await moderate(req.ctx, req.params.id, path);
      return { ok: true as const };
    });
  for (const path of ['hide', 'show', 'approve', 'pin', 'unpin'] as const) act(path);
  app.post(`${base}/comments/:id/answer`, { config: answerers, schema: { tags, summary: 'Answer a comment (shown under it)', params: s.idParams, body: s.answerIn, response: { 200: z.object({ ok: z.literal(true) }) } } }, async (req) => {
    await answer(req.ctx, req.params.id, req.body.body);
    return { ok: true as const };
  });
  app.put(`${base}/comments/:id/like`, { config: signedIn, schema: { tags, params: s.idParams, response: { 200: s.likeOut } } }, async (req) => like(req.ctx, req.params.id, true));
  app.delete(`${base}/comments/:id/like`, { config: signedIn, schema: { tags, params: s.idParams, response: { 200: s.likeOut } } }, async (req) => like(req.ctx, req.params.id, false));
  app.get(`${base}/comments/:id/timeline`, { config: office, schema: { tags, params: s.idParams } }, async (req) => commentTimeline(req.ctx, req.params.id));

  app.get(
    `${base}/meetings/:id/live`,
    { config: signedIn, schema: { tags, summary: 'Server-Sent Events of the room; Last-Event-ID (header or ?lastEventId=) replays what was missed', params: s.idParams, querystring: s.liveQuery } },
    async (req, reply) => {
      const meeting = await loadMeeting(req.ctx.db, req.params.id);
      roomAccess(req.ctx, req.actor!, meeting);
      const header = req.headers['last-event-id'];
      const raw = typeof header === 'string' && header !== '' ? header : req.query.lastEventId;
      if (raw !== undefined && !/^[0-9]{1,15}$/.test(raw)) throw invalid('lastEventId', { zh: '事件编号无效', en: 'Invalid event id' });
      const staff = hasRoleAt(req.ctx, req.actor!, ['staff', 'admin'], meeting!.organization_id);
      await hub.open(reply, req.params.id, req.actor!, staff, raw === undefined ? null : Number(raw));
    },
  );
}
