// A speech's own file (the speaker's text as a Word or PDF document), beside the text typed in.
// Files are kept: a replaced file stays stored, and the meeting's timeline names both.
import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';

export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema.alterTable('consultation_speeches').addColumn('file_id', 'text', (c) => c.references('files.id')).execute();
}
