// Group commit: residents' reports that arrive together are written in one transaction. Each
// commit costs the database a write of every page it touched (on SQLite a dozen pages for one
// report, about as many for fifty); sharing it is what lets one server take a crowd at once.
// A report is still answered only after the transaction that holds it has committed.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/types.js';

type Write<T> = (trx: Transaction<Database>) => Promise<T>;

interface Waiting {
  write: Write<unknown>;
  resolve(value: unknown): void;
  reject(err: unknown): void;
}

const MAX_BATCH = 100;

export class GroupCommit {
  private waiting: Waiting[] = [];
  private scheduled = false;

  constructor(private readonly db: Kysely<Database>) {}

  /** Runs `write` in the next shared transaction; resolves once that transaction has committed. */
  run<T>(write: Write<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ write, resolve: resolve as (v: unknown) => void, reject });
      if (this.scheduled) return;
      this.scheduled = true;
      // After the requests that arrived in this turn of the event loop have queued theirs.
      setImmediate(() => void this.flush());
    });
  }

  private async flush(): Promise<void> {
    while (this.waiting.length) {
      const batch = this.waiting.splice(0, MAX_BATCH);
      try {
        const results = await this.db.transaction().execute(async (trx) => {
          const out: unknown[] = [];
          for (const w of batch) out.push(await w.write(trx));
          return out;
        });
        batch.forEach((w, i) => w.resolve(results[i]));
      } catch (err) {
        if (batch.length === 1) batch[0]!.reject(err);
        // One bad write must not cost the others theirs: each again on its own.
        else for (const w of batch) await this.db.transaction().execute(w.write).then(w.resolve, w.reject);
      }
    }
    this.scheduled = false;
  }
}
