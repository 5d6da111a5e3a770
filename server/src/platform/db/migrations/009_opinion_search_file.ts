// On SQLite the search index of public-opinion reports moves to a database file of its own
// (connect.ts, searchFile: why). The server's connection has that file attached as `search`.
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';
import { createSearchIndex } from '../../search.js';

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  if (dialect !== 'sqlite') return;
  // A file left from an earlier database in the same directory belongs to no report of this one.
  await sql`drop table if exists search.search_opinion`.execute(db);
  await createSearchIndex(db, dialect, 'opinion', 'search');
  await sql`insert into search.search_opinion (rowid, words, grams) select rowid, words, grams from main.search_opinion`.execute(db);
  await sql`drop table main.search_opinion`.execute(db);
}
