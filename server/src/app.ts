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
import { AppError } from './platform/errors.js';
import { FileStore } from './platform/files.js';
import { JobRunner } from './platform/jobs.js';
import type { App, ModuleDeps } from './platform/manifest.js';
import { modules } from './modules/index.js';
import { allOpenCases } from './platform/open-cases.js';
import { platformRoutes } from './platform/routes.js';

export interface Server {
  app: App;
  services: Services;
  jobs: JobRunner;
  close(): Promise<void>;
}

export async function buildServer(config: Config, existing?: Db): Promise<Server> {
  const database = existing ?? connect({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, slowQueryMs: config.slowQueryMs });
  await migrate(database.db, database.dialect);
  const bus: EventBus = database.pool ? await postgresBus(database.pool) : inProcessBus();
  const services: Services = { db: database.db, dialect: database.dialect, bus, orgTree: new OrgTree(), sessions: new SessionCache(bus), openCases: allOpenCases(modules.flatMap((m) => m.openCases ?? [])) };
  await loadOrgTree(services);
  // Organizations change rarely; every process reloads its tree when any process changes one.
  bus.subscribe('orgs.organization.changed', () => void loadOrgTree(services).catch(() => {}));

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
  const deps: ModuleDeps = { config, services, files };

  platformRoutes(app, deps);
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
  const jobs = new JobRunner(services, [optimize, ...modules.flatMap((m) => m.jobs?.(deps) ?? [])]);
  await app.ready();
  return {
    app,
    services,
    jobs,
    async close() {
      await jobs.stop();
      await app.close();
      await bus.close();
      await database.close();
    },
  };
}
