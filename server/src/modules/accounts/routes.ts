// HTTP routes of accounts: parse, call the command, shape the answer.
import { z } from 'zod';
import type { FastifyReply } from 'fastify';
import type { App, ModuleDeps } from '../../platform/manifest.js';
import { visibleOrgs } from '../../platform/context.js';
import { CSRF_COOKIE, SESSION_COOKIE, setSessionCookies } from '../../platform/auth/sessions.js';
import { pageOf } from '../../platform/paging.js';
import * as s from './schema.js';
import * as commands from './commands.js';
import { listAccounts, listAudit, me } from './queries.js';
import { takeCredentials } from './initial.js';
import { DEVICE_COOKIE, DEVICE_MAX_AGE_MS } from './throttle.js';
import { attachment, XLSX_MIME } from '../../platform/xlsx.js';

const tags = ['accounts'];
const noContent = { 204: z.null() };

export function routes(app: App, { config }: ModuleDeps) {
  const setCookies = (reply: FastifyReply, token: string, csrfToken: string) => setSessionCookies(reply, config, token, csrfToken);
  const clearCookies = (reply: FastifyReply) => {
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    reply.clearCookie(CSRF_COOKIE, { path: '/' });
  };
  const limit = (l: { max: number; windowMs: number } | undefined) => (l ? { max: l.max, timeWindow: l.windowMs } : false);

  app.post(
    '/api/auth/login',
    {
      config: { access: 'anyone', rateLimit: limit(config.rateLimits?.login) },
      schema: { tags, summary: 'Sign in: sets the session cookie', body: s.loginBody, response: { 200: s.loginOut } },
    },
    async (req, reply) => {
      const session = await commands.login(req.ctx, config, req.body, req.cookies[DEVICE_COOKIE]);
      setCookies(reply, session.token, session.csrfToken);
      reply.setCookie(DEVICE_COOKIE, session.device, { path: '/api/auth', sameSite: 'lax', secure: config.secureCookies, httpOnly: true, maxAge: DEVICE_MAX_AGE_MS / 1000 });
      return { user: await me(req.ctx.db, session.userId), csrfToken: session.csrfToken };
    },
  );

  app.post(
    '/api/auth/register',
    {
      config: { access: 'anyone', rateLimit: limit(config.rateLimits?.register) },
      schema: { tags, summary: 'Public self-registration', body: s.registerBody, response: { 201: s.loginOut } },
    },
    async (req, reply) => {
      const session = await commands.register(req.ctx, config, req.body);
      setCookies(reply, session.token, session.csrfToken);
      return reply.code(201).send({ user: await me(req.ctx.db, session.userId), csrfToken: session.csrfToken });
    },
  );

  app.post('/api/auth/logout', { config: { access: 'signed-in', beforePasswordChange: true }, schema: { tags, response: noContent } }, async (req, reply) => {
    await commands.logout(req.ctx);
    clearCookies(reply);
    return reply.code(204).send(null);
  });

  app.get('/api/me', { config: { access: 'signed-in' }, schema: { tags, response: { 200: s.userOut } } }, async (req) => me(req.ctx.db, req.actor!.userId));

  app.post(
    '/api/me/password',
    { config: { access: 'signed-in', beforePasswordChange: true }, schema: { tags, body: s.changePasswordBody, response: noContent } },
    async (req, reply) => {
      await commands.changePassword(req.ctx, req.body);
      return reply.code(204).send(null);
    },
  );

  const admin = { access: ['admin'] as const };

  app.get(
    '/api/accounts',
    { config: admin, schema: { tags, querystring: s.accountQuery, response: { 200: pageOf(s.accountOut) } } },
    async (req) => listAccounts(req.ctx.db, visibleOrgs(req.ctx, req.actor!), req.query),
  );

  app.post(
    '/api/accounts',
    { config: admin, schema: { tags, body: s.createAccountBody, response: { 201: s.accountOut } } },
    async (req, reply) => reply.code(201).send(await commands.createAccount(req.ctx, req.body)),
  );

  app.patch(
    '/api/accounts/:id',
    { config: admin, schema: { tags, params: s.idParams, body: s.updateAccountBody, response: { 200: s.accountOut } } },
    async (req) => commands.updateAccount(req.ctx, req.params.id, req.body),
  );

  // Lifts a lock from repeated wrong passwords before it runs out (a reset password does too).
  app.post('/api/accounts/:id/unlock', { config: admin, schema: { tags, params: s.idParams, response: { 200: s.accountOut } } }, async (req) =>
    commands.unlockAccount(req.ctx, req.params.id),
  );

  app.post(
    '/api/accounts/:id/reset-password',
    { config: admin, schema: { tags, params: s.idParams, body: s.resetPasswordBody, response: noContent } },
    async (req, reply) => {
      await commands.resetPassword(req.ctx, req.params.id, req.body.password);
      return reply.code(204).send(null);
    },
  );

  for (const [path, status] of [['disable', 'disabled'], ['enable', 'active']] as const) {
    app.post(
      `/api/accounts/:id/${path}`,
      { config: admin, schema: { tags, params: s.idParams, response: { 200: s.accountOut } } },
      async (req) => commands.setStatus(req.ctx, req.params.id, status),
    );
  }

  app.get(
    '/api/accounts/credentials/:id',
    {
      config: { access: ['admin', 'staff'] },
      schema: { tags, summary: 'The initial passwords of the accounts an import created: for its importer, once, within an hour', params: z.strictObject({ id: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/) }) },
    },
    async (req, reply) => {
      const file = await takeCredentials(req.ctx, config, req.params.id);
      return reply.type(XLSX_MIME).header('cache-control', 'no-store').header('content-disposition', attachment('初始密码.xlsx')).send(file);
    },
  );

  app.get(
    '/api/audit',
    { config: admin, schema: { tags: ['audit'], querystring: s.auditQuery, response: { 200: pageOf(s.auditOut) } } },
    async (req) => listAudit(req.ctx.db, visibleOrgs(req.ctx, req.actor!), req.query),
  );
}
