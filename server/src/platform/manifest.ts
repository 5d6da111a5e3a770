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
import type { DutyDeclaration } from './duty.js';
import type { BreakdownDeclaration, FigureDeclaration, UnitFigureDeclaration } from './figures.js';
import type { WorkItem } from './home.js';
import type { ReminderKind } from './reminders.js';

export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

export interface ModuleDeps {
  config: Config;
  services: Services;
  files: FileStore;
  /** Every module's duty declaration, for the duty module to read and rebuild from. */
  duty: DutyDeclaration[];
  /** Every module's figures, for the dashboard to count and list (see figures.ts). */
  figures: FigureDeclaration[];
  /** Every module's breakdowns of its figures, for the panorama's charts (see figures.ts). */
  breakdowns: BreakdownDeclaration[];
  /** Every module's figures about one handling unit's own handling (see figures.ts). */
  unitFigures: UnitFigureDeclaration[];
}

export interface Manifest {
  name: string;
  routes(app: App, deps: ModuleDeps): void;
  jobs?(deps: ModuleDeps): JobDef[];
  /** The reminders the module sends, each once, on the job scheduler (see reminders.ts). */
  reminders?(deps: ModuleDeps): ReminderKind[];
  /** The module's cases still open in an organization (see open-cases.ts). */
  openCases?: OpenCases;
  /** What the module does with the outbox rows of its topics, once each, after their change committed (see outbox.ts). */
  outbox?: OutboxHandlers;
  /** Who may read the files attached to the module's records, per kind of record (see files.ts). */
  fileAccess?: FileAccess;
  /** The duty kinds the module produces and how they are read from its records (see duty.ts), one declaration per kind of source record. */
  duty?: DutyDeclaration[];
  /** The year's work figures the module counts for the dashboard (see figures.ts). */
  figures?: FigureDeclaration[];
  /** The breakdowns of those figures (by sector, category, level...) for the panorama (see figures.ts). */
  breakdowns?: BreakdownDeclaration[];
  /** The figures about a handling unit's own handling of the module's records, for the unit's page (see figures.ts). */
  unitFigures?: UnitFigureDeclaration[];
  /** What waits on each role in the module, counted for the caller, for the home page (see home.ts). */
  work?(deps: ModuleDeps): WorkItem[];
}
