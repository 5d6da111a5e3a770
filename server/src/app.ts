// Builds the server: platform plugins, the request pipeline, and every module's routes.
import fs from 'node:fs';
import path from 'node:path';
import Fastify from 'fastify';
import { sql } from 'kysely';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { serializerCompiler } from './platform/serializer.js';
import type { Config } from './platform/config.js';
import { connect, type Db } from './platform/db/connect.js';
import { migrate } from './platform/db/migrate.js';
import { inProcessBus, postgresBus, type EventBus } from './platform/events.js';
import { loadOrgTree, OrgTree, type Services } from './platform/context.js';
import { installPipeline, routerErrors } from './platform/http.js';
import { SessionCache } from './platform/auth/sessions.js';
import { flushAnnouncements } from './platform/answer-cache.js';
import { AppError } from './platform/errors.js';
import { FileStore, partSweeper, type FileAccess } from './platform/files.js';
import { JobRunner } from './platform/jobs.js';
import { reminderJobs } from './platform/reminders.js';
import { notify } from './modules/notifications/service.js';
import { OutboxWorker, type OutboxHandlers } from './platform/outbox.js';
import { healthRoutes } from './platform/health.js';
import type { App, ModuleDeps } from './platform/manifest.js';
import { modules } from './modules/index.js';
import { allOpenCases } from './platform/open-cases.js';
import { importJobRoutes, importJobSweeper } from './platform/import-jobs.js';
import { platformRoutes } from './platform/routes.js';
import { homeRoutes } from './platform/home.js';
import { announceWrites } from './platform/writes.js';

/** A route of the API, as registered. */
export interface RouteInfo {
  method: string;
  url: string;
}

export interface Server {
  app: App;
  services: Services;
  /** Every /api route, in the order registered (walked by the privacy test). */
  routes: RouteInfo[];
  jobs: JobRunner;
  outbox: OutboxWorker;
  close(): Promise<void>;
}

export async function buildServer(config: Config, existing?: Db): Promise<Server> {
  const database = existing ?? connect({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, slowQueryMs: config.slowQueryMs });
  await migrate(database.db, database.dialect);
  // The logger exists once Fastify does; the bus may speak before (it connects first).
  let log: (msg: string, err?: unknown) => void = () => {};
  const bus: EventBus = database.pool ? await postgresBus(database.pool, config.busReconnect, (msg, err) => log(msg, err)) : inProcessBus();
  const services: Services = { db: database.db, dialect: database.dialect, bus, orgTree: new OrgTree(), sessions: new SessionCache(bus), openCases: allOpenCases(modules.flatMap((m) => m.openCases ?? [])) };
  await loadOrgTree(services);
  // Organizations change rarely; every process reloads its tree when any process changes one,
  // and after the bus was down (a change may have gone unheard).
  const reloadOrgTree = () => void loadOrgTree(services).catch(() => {});
  bus.subscribe('orgs.organization.changed', reloadOrgTree);
  bus.onReconnected(reloadOrgTree);

  const app = Fastify({
    logger: { level: config.logLevel },
    bodyLimit: config.bodyLimit,
    trustProxy: process.env.SHANGLIANG_TRUST_PROXY === '1',
    frameworkErrors: routerErrors(config),
    genReqId: (() => {
      let n = 0;
      const prefix = Math.random().toString(36).slice(2, 6);
      return () => `${prefix}-${(++n).toString(36)}`;
    })(),
  }).withTypeProvider<ZodTypeProvider>();
  log = (msg, err) => app.log.warn(err ? { err } : {}, msg);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(cookie);
  const hasWeb = fs.existsSync(path.join(config.webDist, 'index.html'));
  installPipeline(app, services, config, hasWeb);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: () => new AppError('rate_limited'),
  });
  await app.register(multipart, { limits: { fileSize: config.uploadLimit, files: 1, fields: 20 }, throwFileSizeLimit: true });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Shangliang 商量 API', version: '0.1.0', description: 'Digital political consultation platform. Errors are RFC 9457 problem+json.' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'sl_session' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  const files = new FileStore(path.join(config.dataDir, 'files'));
  const deps: ModuleDeps = { config, services, files, duty: modules.flatMap((m) => m.duty ?? []), figures: modules.flatMap((m) => m.figures ?? []), breakdowns: modules.flatMap((m) => m.breakdowns ?? []), unitFigures: modules.flatMap((m) => m.unitFigures ?? []) };
  const routes: RouteInfo[] = [];
  app.addHook('onRoute', (r) => {
    if (r.url.startsWith('/api/')) for (const method of ([] as string[]).concat(r.method)) routes.push({ method, url: r.url });
  });

  announceWrites(app, bus);
  healthRoutes(app, services);
  const fileAccess: FileAccess = {};
  for (const m of modules)
    for (const [kind, check] of Object.entries(m.fileAccess ?? {})) {
      if (Object.hasOwn(fileAccess, kind)) throw new Error(`two modules read files of kind ${kind}`);
      fileAccess[kind] = check;
    }
  platformRoutes(app, deps, fileAccess);
  importJobRoutes(app);
  homeRoutes(app, modules.flatMap((m) => m.work?.(deps) ?? []));
  for (const module of modules) module.routes(app, deps);

  // Files are looked up per request, so a rebuilt web app is served without a restart.
  // The build writes .br and .gz beside each file (web/vite.config.ts), served as they are to a
  // client that accepts them: no compression work per request. Hashed files under /assets never
  // change; index.html is checked on every load so a new build is picked up.
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: config.webDist,
      wildcard: true,
      index: ['index.html'],
      preCompressed: true,
      cacheControl: false,
      setHeaders: (res, file) => {
        const hashed = path.relative(config.webDist, file).startsWith(`assets${path.sep}`);
        res.header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }

  const optimize = {
    name: 'platform.optimize',
    everyMs: 6 * 3600_000,
    // Planner statistics kept fresh as the tables grow (PostgreSQL's autovacuum does its own).
    run: async () => void (services.dialect === 'sqlite' ? await sql`pragma optimize`.execute(services.db) : undefined),
  };
  const jobs = new JobRunner(services, [optimize, importJobSweeper, partSweeper(files), ...modules.flatMap((m) => m.jobs?.(deps) ?? []), ...reminderJobs(modules.flatMap((m) => m.reminders?.(deps) ?? []), notify)]);
  // Work that follows a change exactly once (notifications) runs in every process, as events do.
  const outbox = new OutboxWorker(services, Object.assign({}, ...modules.map((m) => m.outbox ?? {})) as OutboxHandlers, config.outbox, (msg, err) => log(msg, err));
  await app.ready();
  outbox.start();
  return {
    app,
    services,
    routes,
    jobs,
    outbox,
    async close() {
      await outbox.stop();
      await jobs.stop();
      await app.close();
      await services.sessions.flush().catch(() => {});
      await flushAnnouncements(bus).catch(() => {});
      await bus.close();
      await database.close();
    },
  };
}
