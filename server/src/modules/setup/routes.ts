// HTTP routes of set-up: public, and open only until the first admin exists.
import type { App, ModuleDeps } from '../../platform/manifest.js';
import { conflict } from '../../platform/errors.js';
import { createSession, setSessionCookies } from '../../platform/auth/sessions.js';
import * as s from './schema.js';
import { setUp, SETUP_DONE } from './commands.js';
import { listDivisions, setupDone } from './queries.js';
import { tokenState } from './tokens.js';

const tags = ['setup'];

export function routes(app: App, { config }: ModuleDeps) {
  const limit = config.rateLimits ? { max: config.rateLimits.login.max, timeWindow: config.rateLimits.login.windowMs } : false;

  // Tells the login page whether set-up is still to be done, and the set-up page whether its link works.
  app.get(
    '/api/setup/status',
    { config: { access: 'anyone', rateLimit: limit }, schema: { tags, querystring: s.statusQuery, response: { 200: s.statusOut } } },
    async (req) => {
      const open = !(await setupDone(req.ctx.db));
      return { open, ...(open && req.query.token !== undefined && { token: await tokenState(req.ctx.db, req.query.token) }) };
    },
  );

  // The division codes and names are public (GB/T 2260); still, the read closes with set-up, since
  // signed-in pages have GET /api/orgs/divisions.
  app.get(
    '/api/setup/divisions',
    { config: { access: 'anyone' }, schema: { tags, querystring: s.divisionQuery, response: { 200: s.divisionOut.array() } } },
    async (req) => {
      if (await setupDone(req.ctx.db)) throw conflict(SETUP_DONE);
      return listDivisions(req.ctx.db, req.query.parent);
    },
  );

  app.post(
    '/api/setup',
    {
      config: { access: 'anyone', rateLimit: limit },
      schema: { tags, summary: 'First set-up: the first admin and the organization; signs the admin in', body: s.setupBody, response: { 201: s.setupOut } },
    },
    async (req, reply) => {
      const { token, ...input } = req.body;
      const done = await setUp(req.ctx, input, token, 'web');
      const session = await createSession(req.ctx.db, done.userId, req.ctx.ip, config.session.absoluteMs);
      setSessionCookies(reply, config, session.token, session.csrfToken);
      return reply.code(201).send({ ...done, csrfToken: session.csrfToken });
    },
  );
}
