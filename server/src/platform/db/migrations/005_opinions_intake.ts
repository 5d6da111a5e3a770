// The intake queue of public opinion: a report is acknowledged once it and its queue entry are
// committed; indexing for search, similar-report grouping and the "submitted" points follow from
// the queue (opinions/intake.ts), so they survive a crash between the two and never slow the answer.
import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';

export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('opinion_intake')
    .addColumn('opinion_id', 'integer', (c) => c.primaryKey().references('opinions.id').onDelete('cascade'))
    .addColumn('queued_at', 'text', (c) => c.notNull())
    .execute();
  // Reports stored before this queue existed were indexed, grouped and scored on the spot.
}
