// Scheduled jobs that run once per due time across every server process. A job is claimed by
// moving its next_run_at forward with a conditional update: of several processes, exactly one
// sees its update change a row. On PostgreSQL the run itself also holds an advisory lock, so a
// slow run is never overlapped by the next one.
import { sql } from 'kysely';
import type { Services } from './context.js';

export interface JobDef {
  name: string;
  everyMs: number;
  run(services: Services): Promise<string | void>;
}

export class JobRunner {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly services: Services,
    private readonly jobs: JobDef[],
  ) {}

  start(tickMs = 15_000): void {
    this.timer = setInterval(() => {
      this.running = this.runDue().catch(() => {});
    }, tickMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Runs every job that is due now; returns the names of those this process ran. */
  async runDue(now = new Date()): Promise<string[]> {
    const ran: string[] = [];
    for (const job of this.jobs) {
      if (await this.claim(job, now)) {
        await this.runClaimed(job);
        ran.push(job.name);
      }
    }
    return ran;
  }

  private async claim(job: JobDef, now: Date): Promise<boolean> {
    const { db } = this.services;
    await db
      .insertInto('jobs')
      .values({ name: job.name, next_run_at: now.toISOString(), last_run_at: null, last_result: null })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    const result = await db
      .updateTable('jobs')
      .set({ next_run_at: new Date(now.getTime() + job.everyMs).toISOString(), last_run_at: now.toISOString() })
      .where('name', '=', job.name)
      .where('next_run_at', '<=', now.toISOString())
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  private async runClaimed(job: JobDef): Promise<void> {
    const { db, dialect } = this.services;
    const record = (result: string) => db.updateTable('jobs').set({ last_result: result.slice(0, 500) }).where('name', '=', job.name).execute();
    const work = async () => {
      try {
        await record(String((await job.run(this.services)) ?? 'ok'));
      } catch (err) {
        await record(`failed: ${(err as Error).message}`);
      }
    };
    if (dialect !== 'postgres') return work();
    await db.connection().execute(async (conn) => {
      const key = sql`hashtext(${'job:' + job.name})`;
      const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_lock(${key}) as locked`.execute(conn);
      if (!rows[0]?.locked) return;
      try {
        await work();
      } finally {
        await sql`select pg_advisory_unlock(${key})`.execute(conn);
      }
    });
  }
}
