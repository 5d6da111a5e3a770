// Health of a server process, for monitoring and load balancers.
//   GET /api/health        liveness: always 200 while the process serves HTTP, with whether the
//                          database answers and whether events from other processes arrive.
//   GET /api/health/ready  readiness: 200 while the database answers, else 503 problem+json
//                          (database_unavailable) with Retry-After, so that a balancer sends
//                          requests to processes that can serve them.
// The database is asked at most once a second, however many probes come (the benchmarks use
// /api/health as their ceiling), and never waits longer than two seconds.
import { sql } from 'kysely';
import { z } from 'zod';
import type { Services } from './context.js';
import { AppError } from './errors.js';
import type { App } from './manifest.js';
import { isDatabaseUnavailable } from './db/unavailable.js';

const PROBE_EVERY_MS = 1000;
const PROBE_TIMEOUT_MS = 2000;

export interface DbProbe {
  up: boolean;
  /** When the database was first seen down in the current outage; null while up. */
  downSince: string | null;
  /** The error of the last failed probe, without internals. */
  error: string | null;
}

/** Asks the database `select 1`, sharing one probe among the callers of the same second. */
export class DatabaseProbe {
  private last: (DbProbe & { at: number }) | null = null;
  private inFlight: Promise<DbProbe> | null = null;

  constructor(private readonly services: Pick<Services, 'db'>) {}

  check(): Promise<DbProbe> {
    if (this.last && Date.now() - this.last.at < PROBE_EVERY_MS) return Promise.resolve(this.last);
    return (this.inFlight ??= this.probe().finally(() => (this.inFlight = null)));
  }

  private async probe(): Promise<DbProbe> {
    let timer: NodeJS.Timeout | undefined;
    let result: DbProbe;
    try {
      await Promise.race([
        sql`select 1`.execute(this.services.db),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(Object.assign(new Error('health probe timed out'), { code: 'ETIMEDOUT' })), PROBE_TIMEOUT_MS);
        }),
      ]);
      result = { up: true, downSince: null, error: null };
    } catch (err) {
      const downSince = this.last?.downSince ?? new Date().toISOString();
      result = { up: false, downSince, error: isDatabaseUnavailable(err) ? 'unreachable' : 'failing' };
    } finally {
      clearTimeout(timer);
    }
    this.last = { ...result, at: Date.now() };
    return result;
  }
}

const healthOut = z.object({
  status: z.literal('ok'),
  db: z.enum(['sqlite', 'postgres']),
  database: z.enum(['up', 'down']),
  databaseDownSince: z.string().optional(),
  /** PostgreSQL only: whether this process hears the events of the others (LISTEN). */
  events: z.enum(['listening', 'reconnecting']),
});

export function healthRoutes(app: App, services: Services): void {
  const probe = new DatabaseProbe(services);
  app.get('/api/health', { config: { access: 'anyone' }, schema: { tags: ['platform'], summary: 'Liveness: 200 while the process serves, with the state of the database', response: { 200: healthOut } } }, async () => {
    const db = await probe.check();
    return {
      status: 'ok' as const,
      db: services.dialect,
      database: db.up ? ('up' as const) : ('down' as const),
      ...(db.downSince ? { databaseDownSince: db.downSince } : {}),
      events: services.bus.state().listening ? ('listening' as const) : ('reconnecting' as const),
    };
  });
  app.get(
    '/api/health/ready',
    { config: { access: 'anyone' }, schema: { tags: ['platform'], summary: 'Readiness: 200 while the database answers, 503 (Retry-After) while it does not', response: { 200: z.object({ status: z.literal('ready') }) } } },
    async () => {
      const db = await probe.check();
      if (!db.up) throw new AppError('database_unavailable', undefined, undefined, db.downSince ? { downSince: db.downSince } : undefined);
      return { status: 'ready' as const };
    },
  );
}

