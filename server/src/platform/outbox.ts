// The outbox: work that must follow a change exactly once, such as the notifications of a
// proposal's steps. A command writes a row here in its own transaction (`enqueue`), so the work
// exists exactly when the change does; an event on the bus, by contrast, is lost when it is
// published while the database restarts or while a process is not listening.
//
// Every server process runs a worker that claims rows and does them. A row is claimed with a lease
// (`for update skip locked` on PostgreSQL, so that processes take different rows; on SQLite there
// is one process, and one drain at a time in it). Each row is then done in one transaction that
// first marks it done (only if it is not done yet) and then runs its handler: the handler's writes
// and the mark commit together or not at all, and of two processes that reach the same row (a
// lease that ran out), the second waits for the first's row lock and finds it done. So each row's
// work happens exactly once, keyed by the row's id. A handler that fails is tried again later,
// waiting longer each time, and left as failed after MAX_ATTEMPTS.
//
// The worker drains when a command nudges it after its commit (through the bus: every process
// hears it), when the bus listens again after an outage, and every few seconds in any case.
import { sql, type Transaction } from 'kysely';
import type { Services, Trx } from './context.js';
import type { Database } from './db/types.js';
import { isDatabaseUnavailable } from './db/unavailable.js';

export type OutboxHandler = (trx: Transaction<Database>, payload: unknown, entry: { id: number; topic: string }) => Promise<unknown>;
export type OutboxHandlers = Record<string, OutboxHandler>;

/** Published after a commit that wrote outbox rows: every process's worker looks at once. */
export const OUTBOX_TOPIC = 'platform.outbox';

const MAX_ATTEMPTS = 10;

/** Writes work to do after the transaction commits; call it inside the transaction of the change. */
export async function enqueue(trx: Trx, items: { topic: string; payload: unknown }[], at = new Date()): Promise<void> {
  if (items.length === 0) return;
  const now = at.toISOString();
  const rows = items.map((i) => ({ topic: i.topic, payload: JSON.stringify(i.payload), created_at: now, available_at: now, attempts: 0, lease_until: null, done_at: null, failed_at: null, last_error: null }));
  for (let i = 0; i < rows.length; i += 500) await trx.insertInto('outbox').values(rows.slice(i, i + 500)).execute();
}

/** Tells the workers that rows were committed (best effort: they also look on their own). */
export function nudgeOutbox(services: Pick<Services, 'bus'>): void {
  services.bus.publish(OUTBOX_TOPIC, {}).catch(() => {});
}

export interface OutboxOptions {
  /** How long a claim keeps other processes off a row. */
  leaseMs: number;
  /** How often the worker looks without being nudged. */
  pollMs: number;
  batch: number;
}

export class OutboxWorker {
  private readonly opts: OutboxOptions;
  private timer: NodeJS.Timeout | null = null;
  private offs: (() => void)[] = [];
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  /** Rows this process claimed and has not finished (an outage in between): it takes them up again without waiting for its lease to run out. */
  private held = new Set<number>();

  constructor(
    private readonly services: Services,
    private readonly handlers: OutboxHandlers,
    options: Partial<OutboxOptions> = {},
    private readonly log: (msg: string, err?: unknown) => void = () => {},
  ) {
    this.opts = { leaseMs: 60_000, pollMs: 5000, batch: 50, ...options };
  }

  start(): void {
    if (Object.keys(this.handlers).length === 0) return;
    this.offs.push(this.services.bus.subscribe(OUTBOX_TOPIC, () => this.nudge()));
    this.offs.push(this.services.bus.onReconnected(() => this.nudge()));
    this.timer = setInterval(() => this.nudge(), this.opts.pollMs);
    this.timer.unref();
    this.nudge();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    for (const off of this.offs) off();
    await this.running;
  }

  /** Drains now, or right after the drain under way. */
  nudge(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = (async () => {
      do {
        this.again = false;
        try {
          await this.drain();
        } catch (err) {
          if (!isDatabaseUnavailable(err)) this.log('outbox: drain failed', err);
        }
      } while (this.again && !this.stopped);
    })().finally(() => (this.running = null));
  }

  /** Does every row that is due and not claimed by another process; returns how many this process did. */
  async drain(now = () => new Date()): Promise<number> {
    let done = 0;
    for (;;) {
      const claimed = await this.claim(now());
      for (const row of claimed) if (await this.process(row, now())) done++;
      if (claimed.length < this.opts.batch || this.stopped) return done;
    }
  }

  private async claim(at: Date) {
    const { db, dialect } = this.services;
    const now = at.toISOString();
    const held = [...this.held];
    let pick = db
      .selectFrom('outbox')
      .select('id')
      .where('done_at', 'is', null)
      .where('failed_at', 'is', null)
      .where('available_at', '<=', now)
      .where('topic', 'in', Object.keys(this.handlers))
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now), ...(held.length ? [eb('id', 'in', held)] : [])]))
      .orderBy('id')
      .limit(this.opts.batch);
    if (dialect === 'postgres') pick = pick.forUpdate().skipLocked();
    const rows = await db
      .updateTable('outbox')
      .set({ lease_until: new Date(at.getTime() + this.opts.leaseMs).toISOString(), attempts: sql<number>`attempts + 1` })
      .where('id', 'in', pick)
      .returning(['id', 'topic', 'payload', 'attempts'])
      .execute();
    for (const r of rows) this.held.add(r.id);
    return rows.sort((a, b) => a.id - b.id);
  }

  /** One row in one transaction: marked done and handled together. Returns whether this process did it. */
  private async process(row: { id: number; topic: string; payload: string; attempts: number }, at: Date): Promise<boolean> {
    const { db } = this.services;
    const handler = this.handlers[row.topic]!;
    try {
      const did = await db.transaction().execute(async (trx) => {
        const mark = await trx.updateTable('outbox').set({ done_at: at.toISOString(), lease_until: null, last_error: null }).where('id', '=', row.id).where('done_at', 'is', null).executeTakeFirst();
        if (Number(mark.numUpdatedRows) !== 1) return false;
        await handler(trx, JSON.parse(row.payload), { id: row.id, topic: row.topic });
        return true;
      });
      this.held.delete(row.id);
      return did;
    } catch (err) {
      // The database went away: the row stays held and is taken up again once it answers.
      if (isDatabaseUnavailable(err)) throw err;
      this.held.delete(row.id);
      this.log(`outbox: ${row.topic} #${row.id} failed`, err);
      const failed = row.attempts >= MAX_ATTEMPTS;
      const wait = Math.min(600_000, 1000 * 2 ** row.attempts);
      await db
        .updateTable('outbox')
        .set({ lease_until: null, last_error: String((err as Error)?.message ?? err).slice(0, 500), available_at: new Date(at.getTime() + wait).toISOString(), failed_at: failed ? at.toISOString() : null })
        .where('id', '=', row.id)
        .where('done_at', 'is', null)
        .execute();
      return false;
    }
  }
}
