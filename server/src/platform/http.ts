// The HTTP pipeline every module's routes run through: body parsing, who may call a route, the
// session and CSRF checks, and one error handler that answers problem+json.
import crypto from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, problem } from './errors.js';
import { fieldErrors } from './validation.js';
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS } from './db/unavailable.js';
import { illegalTextErrors } from './text.js';
import { hasRole, type Actor, type Ctx, type Services } from './context.js';
import { resolveCachedSession, resolveSession, SESSION_COOKIE, type Resolved } from './auth/sessions.js';
import type { Config } from './config.js';
import type { Role } from './db/types.js';

/** Who may call a route. Every /api route must say; the server refuses to start otherwise. */
export type Access = 'anyone' | 'signed-in' | readonly Role[];

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /** Callable by a user who must still change an initial password (changing it, signing out). */
    beforePasswordChange?: boolean;
  }
  interface FastifyRequest {
    actor: Actor | null;
    ctx: Ctx;
  }
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Security headers of every answer, written out once rather than rebuilt per request: the
 * helmet defaults, with a CSP for the web app and frames denied.
 */
const CSP_DIRECTIVES = [
  "default-src 'self'",
  "base-uri 'self'",
  "font-src 'self' https: data:",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "img-src 'self' data: blob:",
  "object-src 'none'",
  "script-src 'self'",
  "script-src-attr 'none'",
  // Ant Design writes its styles at run time.
  "style-src 'self' 'unsafe-inline'",
  // The live room of an online consultation plays the stream or embeds the player that staff
  // configure (https only: the platform does not host or transcode video). An HLS stream is
  // fetched by hls.js itself (connect-src), which transmuxes it in a worker of its own (blob:).
  "connect-src 'self' https:",
  "worker-src 'self' blob:",
  'frame-src https:',
  "media-src 'self' https: blob:",
];
/**
 * The headers for a server behind HTTPS (secure cookies on) or not. `upgrade-insecure-requests`
 * only behind HTTPS: over plain HTTP from the office network it would turn every script and
 * stylesheet request into an https:// one that nothing answers, and the page would stay blank.
 */
export function securityHeaders(secure: boolean): Readonly<Record<string, string>> {
  const csp = secure ? [...CSP_DIRECTIVES, 'upgrade-insecure-requests'] : CSP_DIRECTIVES;
  return { ...BASE_HEADERS, 'content-security-policy': csp.join(';') };
}
const BASE_HEADERS: Readonly<Record<string, string>> = {
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'DENY',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
};
const decoder = new TextDecoder('utf-8', { fatal: true });

/** Whether an Accept-Encoding header admits gzip (and does not refuse it with q=0). */
export function acceptsGzip(header: string | undefined): boolean {
  const m = header && /(?:^|,)\s*gzip\s*(?:;\s*q=([0-9.]+))?\s*(?:,|$)/i.exec(header);
  return !!m && (m[1] === undefined || Number(m[1]) > 0);
}

export function installPipeline(app: FastifyInstance, services: Services, config: Config, spa: boolean): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('ctx', null as unknown as Ctx);
  const headers = securityHeaders(config.secureCookies);

  // JSON is decoded strictly: bad UTF-8 is refused rather than silently turned into U+FFFD.
  // The API speaks JSON (and multipart for uploads); anything else is refused with 415.
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body: Buffer, done) => {
    let text: string;
    try {
      text = decoder.decode(body);
    } catch {
      return done(new AppError('invalid_utf8'), undefined);
    }
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      done(new AppError('invalid_json'), undefined);
    }
  });

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api') || route.url.startsWith('/api/docs')) return;
    const access = route.config?.access;
    if (!access) throw new Error(`route ${route.method} ${route.url} does not say who may call it`);
    // Every write that needs no account is rate-limited unless the route sets its own limit.
    const methods = ([] as string[]).concat(route.method);
    if (access === 'anyone' && methods.some((m) => WRITE_METHODS.has(m)) && config.rateLimits && !route.config?.rateLimit) {
      route.config = { ...route.config, rateLimit: { max: config.rateLimits.publicWrite.max, timeWindow: config.rateLimits.publicWrite.windowMs } };
    }
  });

  // A callback hook rather than an async one: a session found in memory costs no promise.
  app.addHook('onRequest', (req, reply, done) => {
    reply.headers(headers);
    req.ctx = { ...services, actor: null, ip: req.ip };
    const access = req.routeOptions.config?.access;
    if (!access) return done(); // not an /api route: static files and the 404 handler
    const token = req.cookies[SESSION_COOKIE];
    if (!token) return done(admit(req, access, null));
    const cached = resolveCachedSession(services.sessions, token, config.session.idleMs);
    if (cached) return done(admit(req, access, cached));
    resolveSession(services.db, services.sessions, token, config.session.idleMs).then(
      (resolved) => done(admit(req, access, resolved)),
      (err: FastifyError) => done(err),
    );
  });

  // One rule for every text that comes in, before any schema sees it: a character that no
  // database or XML file can hold (NUL, other controls, lone surrogates, noncharacters) is
  // refused with the field it is in, on SQLite as on PostgreSQL. Multipart fields are read by
  // their routes and go through the same check (platform/files.ts, opinions' QR form). Fields are
  // named as the schema's errors name them: body.x, querystring.x, params.x.
  app.addHook('preValidation', (req, _reply, done) => {
    if (!req.routeOptions.config?.access) return done();
    const errors = [...illegalTextErrors(req.params, 'params'), ...illegalTextErrors(req.query, 'querystring'), ...illegalTextErrors(req.body, 'body')];
    done(errors.length ? (new AppError('validation_failed', undefined, errors) as unknown as FastifyError) : undefined);
  });

  app.setErrorHandler((error: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    let body;
    try {
      body = toProblem(error, req);
    } catch (failure) {
      req.log.error({ err: failure }, 'error handler failed');
      body = problem('internal_error', { traceId: req.id });
    }
    if (body.code === 'database_unavailable') {
      // Expected while the database restarts: one line, not a stack per request.
      req.log.warn({ traceId: req.id, reason: error.message }, 'database unavailable');
      reply.header('retry-after', String(RETRY_AFTER_SECONDS));
    } else if (body.status >= 500) req.log.error({ err: error, traceId: req.id }, 'request failed');
    return reply.code(body.status).type('application/problem+json').send(body);
  });

  app.setNotFoundHandler((req, reply) => {
    // Pages of the single-page app get its index; unknown /api paths stay JSON 404s.
    if (spa && req.method === 'GET' && !req.url.startsWith('/api')) return reply.type('text/html').sendFile('index.html');
    const body = problem('route_not_found', { traceId: req.id });
    return reply.code(404).type('application/problem+json').send(body);
  });
}

/**
 * Answers for what the router refuses before any route runs (Fastify's frameworkErrors): a path
 * that is not valid percent-encoded UTF-8, or a path parameter beyond the router's length limit.
 * As problem+json with the same security headers as every other answer.
 */
export function routerErrors(config: Pick<Config, 'secureCookies'>) {
  const headers = securityHeaders(config.secureCookies);
  return (error: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    const body =
      error.code === 'FST_ERR_MAX_PARAM_LENGTH'
        ? problem('uri_too_long', { traceId: req.id })
        : problem('validation_failed', {
            traceId: req.id,
            errors: [{ field: 'params', code: 'invalid_url', message: '请求地址中含有无效的字符编码', message_en: 'The address holds an invalid character encoding' }],
          });
    return reply.headers(headers).code(body.status).type('application/problem+json').send(body);
  };
}

/** Whether the caller may call the route: the refusal, or undefined to go on. */
function admit(req: FastifyRequest, access: Access, resolved: Resolved): FastifyError | undefined {
  if (resolved && 'actor' in resolved) req.actor = resolved.actor;
  req.ctx.actor = req.actor;
  if (access === 'anyone') return undefined;
  if (!req.actor) return refuse(resolved ? 'session_expired' : 'unauthenticated');
  if (req.actor.mustChangePassword && !req.routeOptions.config?.beforePasswordChange) return refuse('password_change_required');
  if (access !== 'signed-in' && !hasRole(req.actor, access)) return refuse('forbidden');
  if (WRITE_METHODS.has(req.method)) {
    const sent = String(req.headers['x-csrf-token'] ?? '');
    const expected = req.actor.csrfToken;
    if (sent.length !== expected.length || !crypto.timingSafeEqual(Buffer.from(sent), Buffer.from(expected))) return refuse('csrf_failed');
  }
  return undefined;
}

const refuse = (code: 'session_expired' | 'unauthenticated' | 'forbidden' | 'csrf_failed' | 'password_change_required') => new AppError(code) as unknown as FastifyError;

/** Disk full: the files' own (ENOSPC, EDQUOT), SQLite's and PostgreSQL's (53100 disk_full). */
const DISK_FULL = new Set(['ENOSPC', 'EDQUOT', 'SQLITE_FULL', '53100']);

function toProblem(error: FastifyError, req: FastifyRequest) {
  const traceId = req.id;
  if (error instanceof AppError) return problem(error.code, { detail: error.detail, errors: error.errors, traceId, extra: error.extra });
  if (hasZodFastifySchemaValidationErrors(error)) {
    const part = error.validationContext ?? 'body';
    // The provider flattens each issue into an AJV-like entry; put the issue back together.
    const issues = error.validation.map((v) => ({
      ...v.params,
      code: v.keyword,
      message: v.message,
      path: v.instancePath.split('/').filter(Boolean),
    })) as never;
    return problem('validation_failed', { errors: fieldErrors(issues, part), traceId });
  }
  if (isResponseSerializationError(error)) return problem('internal_error', { traceId });
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_FILES_LIMIT':
    case 'FST_PARTS_LIMIT':
      return problem('payload_too_large', { traceId });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return problem('unsupported_media_type', { traceId });
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return problem('invalid_json', { traceId });
  }
  if (error.statusCode === 429) return problem('rate_limited', { traceId });
  // A database restart or a dropped connection: try again shortly, not a fault of the server.
  if (isDatabaseUnavailable(error)) return problem('database_unavailable', { traceId });
  // A full disk under the database or the files, wherever it was met: the client is told plainly.
  if (DISK_FULL.has(String(error.code))) return problem('insufficient_storage', { traceId });
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    // Any other client error fastify or a plugin raises: answered in both languages, without internals.
    return { ...problem('validation_failed', { traceId }), status: error.statusCode };
  }
  return problem('internal_error', { traceId });
}
