// The reading half of the intake step on SQLite and the search index's writing, in a thread of
// its own. Choosing a report's similar group takes a few full-text queries, some milliseconds each
// once the year holds tens of thousands of reports, and writing the index merges its segments now
// and then (up to a fifth of a second); better-sqlite3 runs both synchronously, so on the server's
// thread they would hold up every request for that long. Here they run on a connection of the
// thread's own, the index in its own database file (connect.ts, searchFile), and only the short
// writes of points, groups and the queue go back to the server's thread (intake.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { indexingConnection } from '../../platform/db/connect.js';
import { indexPlan, planStep, type StepRequest } from './intake-plan.js';
import { VectorCache } from './similar.js';

const db = indexingConnection((workerData as { dataDir: string }).dataDir);
const cache = new VectorCache();

parentPort!.on('message', (request: StepRequest & { seq: number }) => {
  planStep(db, 'sqlite', cache, request)
    .then(async (plan) => {
      // Indexed before the queue entry goes: a report indexed and then left queued by a crash is
      // indexed again by the next step, which replaces its entry.
      if (plan.reports.length) await db.transaction().execute((trx) => indexPlan(trx, plan));
      return { ...plan, indexed: true };
    })
    .then(
      (plan) => parentPort!.postMessage({ seq: request.seq, plan }),
      (err: unknown) => parentPort!.postMessage({ seq: request.seq, error: err instanceof Error ? err.message : String(err) }),
    );
});
