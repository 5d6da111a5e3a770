// What follows a stored report: indexing for search, similar-report grouping and the "submitted"
// points. A report is acknowledged as soon as it, its audit entry and its row in opinion_intake
// are committed together; this step then works through the queue in id order and removes each
// entry in the same transaction as its work. Nothing acknowledged is lost when the server dies
// in between: the queue is picked up again when a server starts, and polled while it runs.
//
// It runs beside the write path and may fall behind under a burst of submissions without
// refusing or slowing any: while reports keep arriving it works in small steps with pauses, so
// answers stay quick; once they stop it catches up at full speed.
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyBaseLogger } from 'fastify';
import { sql } from 'kysely';
import type { Services, Trx } from '../../platform/context.js';
import { indexTokens, searchTokens } from '../../platform/search.js';
import { award } from './scoring.js';
import { groupSimilar, VectorCache } from './similar.js';

/** Queues a report inside the transaction that stores it. */
export async function enqueue(trx: Trx, opinionId: number): Promise<void> {
  await trx.insertInto('opinion_intake').values({ opinion_id: opinionId, queued_at: new Date().toISOString() }).execute();
}

// While reports arrive, a step of two reports (a few ms) and a pause: about a tenth of the CPU.
const BUSY_BATCH = 2;
const BUSY_PAUSE_MS = 100;
// A step holds the database for its length: ten reports are some 30-40 ms, once no report is arriving.
const IDLE_BATCH = 10;
const POLL_MS = 10_000;
// Several server processes on PostgreSQL: one step at a time, so that each step sees every report
// grouped before it.
const LOCK_KEY = 420_105;

export class Intake {
  private readonly cache = new VectorCache();
  private running: Promise<void> | null = null;
  private again = false;
  private arrivals = 0;
  private stopped = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly services: Services,
    private readonly log: FastifyBaseLogger,
  ) {}

  /** Catches up with what an earlier process left, then keeps polling for reports of other processes. */
  start(): void {
    this.stopped = false;
    this.kick();
    this.timer = setInterval(() => this.kick(), POLL_MS);
    this.timer.unref();
  }

  /** Finishes the step under way; what is left stays queued for the next start. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** A report was queued (or may have been): work through the queue soon. */
  kick(): void {
    this.arrivals++;
    this.again = true;
    if (this.running || this.stopped) return;
    this.running = this.drain().finally(() => {
      this.running = null;
    });
  }

  /** Processes these reports now, ahead of the queue (a member waits for their own report). */
  async process(ids: number[]): Promise<void> {
    await this.step(ids.length, ids);
  }

  private async drain(): Promise<void> {
    let seen = this.arrivals;
    // The first step is small: the kick that started it may be the first of a crowd.
    let busy = true;
    while (!this.stopped && this.again) {
      this.again = false;
      let done: number[];
      try {
        done = await this.step(busy ? BUSY_BATCH : IDLE_BATCH);
      } catch (err) {
        // The queue keeps the reports; the next poll tries again.
        this.log.error({ err }, 'opinions intake step failed');
        return;
      }
      if (done.length === 0) continue;
      this.again = true;
      // Reports still arriving: the server is busy answering them, and they come first.
      busy = this.arrivals !== seen;
      seen = this.arrivals;
      await (busy ? sleep(BUSY_PAUSE_MS) : new Promise((resolve) => setImmediate(resolve)));
    }
  }

  /** One transaction: the next queued reports (or the given ones) indexed, scored, grouped and dequeued. */
  private async step(limit: number, only?: number[]): Promise<number[]> {
    const { db, dialect } = this.services;
    const ids = await db.transaction().execute(async (trx) => {
      if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(${LOCK_KEY})`.execute(trx);
      let pending = trx
        .selectFrom('opinion_intake as i')
        .innerJoin('opinions as o', 'o.id', 'i.opinion_id')
        .select(['o.id', 'o.organization_id', 'o.year', 'o.place_id', 'o.title', 'o.text'])
        .orderBy('i.opinion_id')
        .limit(limit);
      if (only) pending = pending.where('i.opinion_id', 'in', only.length ? only : [0]);
      const rows = await pending.execute();
      if (rows.length === 0) return [];
      const docs = rows.map((r) => ({ ...r, ...searchTokens([r.title, r.text]) }));
      // Indexed first, all of them: reports of the same step are then compared with each other too.
      await indexTokens(trx, 'opinion', docs.map((d) => ({ entityId: d.id, words: d.words, grams: d.grams })));
      for (const d of docs) {
        await award(trx, d, 'submitted');
        await groupSimilar(trx, dialect, d, this.cache);
      }
      await trx.deleteFrom('opinion_intake').where('opinion_id', 'in', docs.map((d) => d.id)).execute();
      return docs.map((d) => d.id);
    });
    if (ids.length) await this.services.bus.publish('opinions.opinion.changed', { ids }).catch(() => {});
    return ids;
  }
}
