// A member's kept total now keeps each kind's raw sum of points beside its count and capped points,
// keyed by kind ({kind: {count, points, sum}}), so that an act moves the total by its own events
// (modules/duty/recording.ts). Totals kept in the old form are dropped here and scored again from
// the events when the server starts (totalsIfEmpty in modules/duty/service.ts). On PostgreSQL the
// kinds are jsonb: the statement that moves a total then neither parses nor prints the text.
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await db.deleteFrom('duty_totals').execute();
  if (dialect === 'postgres') await sql`alter table duty_totals alter column kinds type jsonb using kinds::jsonb`.execute(db);
}
