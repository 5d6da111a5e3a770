// What each module declares once: its routes, its scheduled jobs and its open cases. The app loops over the
// manifests instead of naming modules one by one.
import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config.js';
import type { Services } from './context.js';
import type { FileAccess, FileStore } from './files.js';
import type { JobDef } from './jobs.js';
import type { OpenCases } from './open-cases.js';
import type { OutboxHandlers } from './outbox.js';

export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

export interface ModuleDeps {
  config: Config;
  services: Services;
  files: FileStore;
}

export interface Manifest {
  name: string;
  routes(app: App, deps: ModuleDeps): void;
  jobs?(deps: ModuleDeps): JobDef[];
  /** The module's cases still open in an organization (see open-cases.ts). */
  openCases?: OpenCases;
  /** What the module does with the outbox rows of its topics, once each, after their change committed (see outbox.ts). */
  outbox?: OutboxHandlers;
  /** Who may read the files attached to the module's records, per kind of record (see files.ts). */
  fileAccess?: FileAccess;
}
