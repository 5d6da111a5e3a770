// The reading half of the intake step on SQLite, in a thread of its own. Choosing a report's
// similar group takes a few full-text queries, some milliseconds each once the year holds tens of
// thousands of reports; better-sqlite3 runs queries synchronously, so on the server's thread they
// would hold up every request for that long. Here they run on a read-only connection, and only
// the short writes of the result go back to the server's thread (intake.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { readingConnection } from '../../platform/db/connect.js';
import { planStep, type StepRequest } from './intake-plan.js';
import { VectorCache } from './similar.js';

const db = readingConnection((workerData as { file: string }).file);
const cache = new VectorCache();

parentPort!.on('message', (request: StepRequest & { seq: number }) => {
  planStep(db, 'sqlite', cache, request).then(
    (plan) => parentPort!.postMessage({ seq: request.seq, plan }),
    (err: unknown) => parentPort!.postMessage({ seq: request.seq, error: err instanceof Error ? err.message : String(err) }),
  );
});
