// HTTP routes of the big screen (驾驶舱): the year's figures as Server-Sent Events, for the office
// (the same organizations and roles as /api/dashboard/figures) and for the public (public figures
// only, no sign-in). Everything a request can get wrong is answered before the stream opens, as a
// problem: a stream, once open, carries figures only.
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Ctx } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { App, ModuleDeps } from '../../platform/manifest.js';
import type { OrgScope } from '../../platform/scope.js';
import { FigureHub } from './live.js';
import { periodOf, type Period } from './period.js';
import * as s from './schema.js';
import { periodParams } from './service.js';

const tags = ['dashboard'];
export type Answer = (ctx: Ctx, organizationId: number, scope: OrgScope, period: Period, publicOnly: boolean) => Promise<unknown>;

const stateOut = z.object({ screens: z.number(), watches: z.number(), counts: z.number() });

/** `answer` counts the figures as /api/dashboard/figures does; `visibleOrg` applies its organization rule. */
export function liveRoutes(app: App, { services }: ModuleDeps, answer: Answer, visibleOrg: (ctx: Ctx, id?: number) => number) {
  const hub = new FigureHub(services.bus, app.log);
  app.addHook('onReady', async () => hub.start());
  // Open streams would keep the server from closing.
  app.addHook('preClose', async () => hub.stop());
  // Counted for nobody in particular: one count serves every screen of the same organization, scope and period.
  const counter: Ctx = { ...services, actor: null, ip: null };

  async function stream(reply: FastifyReply, organizationId: number, q: s.FiguresQuery, publicOnly: boolean) {
    const period = periodOf(q);
    // A screen given no year nor dates shows this year in China, whichever year that is when the
    // figures are counted: a wall display left on over New Year turns to the new year by itself.
    const current = q.year === undefined && !q.from && !q.to;
    const org = await services.db.selectFrom('organizations').select('id').where('id', '=', organizationId).executeTakeFirst();
    if (!org) throw notFound({ zh: '组织不存在', en: 'No such organization' });
    if (hub.full) throw new AppError('rate_limited', { zh: '大屏连接过多，请稍后再试', en: 'Too many screens are connected; try again later' });
    const key = `${publicOnly ? 'public' : 'office'}|${current ? `current|${organizationId}|${q.scope}` : periodParams(organizationId, q.scope, period)}`;
    hub.open(reply, key, () => answer(counter, organizationId, q.scope, current ? periodOf(q) : period, publicOnly));
  }

  app.get('/api/dashboard/live', { config: { access: ['admin', 'staff', 'leader'] }, schema: { tags, summary: 'The figures of /api/dashboard/figures as Server-Sent Events: first the current figures, then a `figures` event each time they change', description: 'Same query and organization rules as /api/dashboard/figures; without year, from and to, the stream follows the year in China and sends the new year\'s figures after midnight on 1 January. Counted again at most every two seconds after a write in any server process; a comment line every 25 seconds keeps the connection open.', querystring: s.figuresQuery } }, async (req, reply) => {
    await stream(reply, visibleOrg(req.ctx, req.query.organizationId), req.query, false);
  });
  app.get('/api/dashboard/public/live', { config: { access: 'anyone' }, schema: { tags, summary: 'The public figures as Server-Sent Events, without sign-in (the public panorama screen)', querystring: s.publicFiguresQuery } }, async (req, reply) => {
    await stream(reply, req.query.organizationId, req.query, true);
  });
  app.get('/api/dashboard/live/state', { config: { access: ['admin'] }, schema: { tags, summary: "This server process's screens, the watches they share, and the counts made since it started", response: { 200: stateOut } } }, async () => hub.state);
}
