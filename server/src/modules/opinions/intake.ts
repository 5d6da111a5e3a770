// What follows a stored report: indexing for search, similar-report grouping and the "submitted"
// points. A report is acknowledged as soon as it, its audit entry and its row in opinion_intake
// are committed together; this step then works through the queue in id order and removes each
// entry in the same transaction as its work. Nothing acknowledged is lost when the server dies
// in between: the queue is picked up again when a server starts, and polled while it runs.
//
// It runs beside the write path and may fall behind under a burst of submissions without
// refusing or slowing any: while reports keep arriving it works in small steps with pauses, so
// answers stay quick; once they stop it catches up at full speed. On SQLite the reading half of
// each step and the search index's writing run in a worker thread (intake-worker.ts), so neither
// stops the server's thread; that thread only writes the rest, in one short transaction. The
// thread holds its own copy of the code (about 125 MB): it starts when reports are queued and
// stops after a quiet while, so a server with nothing arriving does not keep it.
import { setTimeout as sleep } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import type { FastifyBaseLogger } from 'fastify';
import { sql } from 'kysely';
import type { Services, Trx } from '../../platform/context.js';
import { insertRow } from '../../platform/db/insert.js';
import { createSearchIndex, indexDocuments } from '../../platform/search.js';
import { applyStep, lockReports, planStep, reportsOf, type StepPlan, type StepRequest } from './intake-plan.js';
import { VectorCache } from './similar.js';

/** Queues a report inside the transaction that stores it. */
export async function enqueue(trx: Trx, opinionId: number): Promise<void> {
  await insertRow(trx, 'opinion_intake', { opinion_id: opinionId, queued_at: new Date().toISOString() });
}

/**
 * On SQLite the search index is a database file of its own (connect.ts, searchFile). A data
 * directory restored without it (the main file alone from a backup) gets it back at start, built
 * from the reports themselves; until then searches would fail and the intake stop. Returns how
 * many reports were indexed.
 */
export async function restoreSearchIndex(services: Services, log: FastifyBaseLogger): Promise<number> {
  const { db, dialect } = services;
  if (dialect !== 'sqlite') return 0;
  const { rows } = await sql`select name from search.sqlite_master where name = 'search_opinion'`.execute(db);
  if (rows.length) return 0;
  await createSearchIndex(db, dialect, 'opinion', 'search');
  let indexed = 0;
  for (let last = 0; ; ) {
    const batch = await db.selectFrom('opinions').select(['id', 'title', 'text']).where('id', '>', last).orderBy('id').limit(500).execute();
    if (batch.length === 0) break;
    await db.transaction().execute((trx) => indexDocuments(trx, batch.map((r) => ({ entityType: 'opinion', entityId: r.id, fields: [r.title, r.text] }))));
    indexed += batch.length;
    last = batch[batch.length - 1]!.id;
  }
  log.warn({ indexed }, 'opinions: the search index file was missing; rebuilt from the reports');
  return indexed;
}

// While reports arrive, a step of two reports (a few ms) and a pause: about a tenth of the CPU.
const BUSY_BATCH = 2;
const BUSY_PAUSE_MS = 100;
// A step holds the database for its length: ten reports are some 30-40 ms, once no report is arriving.
const IDLE_BATCH = 10;
const POLL_MS = 10_000;
// The worker thread stops after this long without a queued report (SQLite).
const WORKER_IDLE_MS = 5 * 60_000;
// Several server processes on PostgreSQL: one step at a time, so that each step sees every report
// grouped before it.
const LOCK_KEY = 420_105;

/** The reading half of the steps and the index's writing, in a worker thread with its own connection. */
class WorkerPlanner {
  private readonly worker: Worker;
  private seq = 0;
  private readonly waiting = new Map<number, { resolve(plan: StepPlan): void; reject(err: Error): void }>();
  failed: Error | null = null;

  constructor(dataDir: string) {
    // Run from TypeScript source (tsx), the thread registers tsx itself before loading its module:
    // the loader hooks of the server's thread do not reach a worker's entry module on Node 20.
    const fromSource = import.meta.url.endsWith('.ts');
    const entry = new URL(`./intake-worker.${fromSource ? 'ts' : 'js'}`, import.meta.url).href;
    const code = fromSource
      ? `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`
      : `import(${JSON.stringify(entry)})`;
    this.worker = new Worker(code, { eval: true, workerData: { dataDir } });
    this.worker.unref();
    this.worker.on('message', (m: { seq: number; plan?: StepPlan; error?: string }) => {
      const w = this.waiting.get(m.seq);
      this.waiting.delete(m.seq);
      if (m.plan) w?.resolve(m.plan);
      else w?.reject(new Error(m.error));
    });
    this.worker.on('error', (err) => {
      this.failed = err;
      for (const w of this.waiting.values()) w.reject(err);
      this.waiting.clear();
    });
  }

  plan(request: StepRequest): Promise<StepPlan> {
    if (this.failed) return Promise.reject(this.failed);
    const seq = ++this.seq;
    return new Promise((resolve, reject) => {
      this.waiting.set(seq, { resolve, reject });
      this.worker.postMessage({ ...request, seq });
    });
  }

  close(): Promise<number> {
    return this.worker.terminate();
  }
}

export class Intake {
  private readonly cache = new VectorCache();
  private planner: WorkerPlanner | null = null;
  /** Steps of this process, one after the other (the queue's and a member's own report). */
  private steps: Promise<unknown> = Promise.resolve();
  private running: Promise<void> | null = null;
  private again = false;
  private arrivals = 0;
  private stopped = false;
  private timer: NodeJS.Timeout | null = null;
  /** When a step last found queued reports (the worker thread's idle clock). */
  private lastWork = 0;

  constructor(
    private readonly services: Services,
    private readonly log: FastifyBaseLogger,
    /** The embedded database's directory; null on PostgreSQL, whose queries do not hold up the thread. */
    private readonly sqliteDir: string | null,
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
    await this.planner?.close();
    this.planner = null;
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

  /** One step: the next queued reports (or the given ones) indexed, scored, grouped and dequeued. */
  private step(limit: number, only?: number[]): Promise<number[]> {
    const run = this.steps.then(() => this.stepNow({ limit, only }));
    this.steps = run.catch(() => {});
    return run;
  }

  /**
   * SQLite: whether a step has work, without the worker thread. The thread starts with the first
   * work (this step runs without it, in the server's thread, as when the thread failed) and stops
   * after WORKER_IDLE_MS without any.
   */
  private async queued(request: StepRequest): Promise<boolean> {
    let q = this.services.db.selectFrom('opinion_intake').select('opinion_id');
    if (request.only) q = q.where('opinion_id', 'in', request.only.length ? request.only : [0]);
    const any = !!(await q.limit(1).executeTakeFirst());
    if (any) {
      this.lastWork = Date.now();
      if (!this.planner && this.sqliteDir) this.planner = new WorkerPlanner(this.sqliteDir);
    } else if (this.planner && Date.now() - this.lastWork > WORKER_IDLE_MS) {
      const planner = this.planner;
      this.planner = null;
      await planner.close();
    }
    return any;
  }

  private async stepNow(request: StepRequest): Promise<number[]> {
    const { db, dialect } = this.services;
    let ids: number[];
    const started = !!this.planner;
    if (this.sqliteDir && !(await this.queued(request))) return [];
    if (started && this.planner && !this.planner.failed) {
      const plan = await this.planner.plan(request);
      ids = plan.reports.length ? await db.transaction().execute((trx) => applyStep(trx, plan)) : [];
    } else {
      // PostgreSQL (several server processes: one step at a time, so that each step sees every
      // report grouped before it), or SQLite without its worker: all in one transaction.
      ids = await db.transaction().execute(async (trx: Trx) => {
        if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(${LOCK_KEY})`.execute(trx);
        const plan = await planStep(trx, dialect, this.cache, request);
        await lockReports(trx, dialect, reportsOf(plan));
        return applyStep(trx, plan);
      });
    }
    if (ids.length) await this.services.bus.publish('opinions.opinion.changed', { ids }).catch(() => {});
    return ids;
  }
}
