// Meetings brought in from past records (历史协商活动): their attendance as the office reported it.
// A live meeting's attendance is its rows (one invitation per member, checked in or not); a past
// meeting's record often names only some of the members, or none, and gives the counts (应到/实到).
// The counts are kept with the meeting, and the attendance figures read them where they are set
// (null on every live meeting, whose figures stay counted from its rows).
import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';

export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema.alterTable('consultation_meetings').addColumn('reported_invited', 'integer').execute();
  await db.schema.alterTable('consultation_meetings').addColumn('reported_present', 'integer').execute();
}
