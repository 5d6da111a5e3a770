// The record a file belongs to (its owner record: a proposal, a report, a speech, ...), so that the
// module owning that record decides who may read the file. Files uploaded and not yet attached have
// none: only their uploader (and an admin) reads them. Backfilled from the link tables.
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';

/** Each link table: the kind it gives, and the select of the record id for a file (`files.id`). */
const links: [kind: string, recordOf: ReturnType<typeof sql>][] = [
  ['proposal', sql`select min(l.proposal_id) from proposal_files l where l.file_id = files.id`],
  ['proposal_assist', sql`select min(l.id) from proposal_assist_opinions l where l.file_id = files.id`],
  ['proposal_reply', sql`select min(l.id) from proposal_replies l where l.letter_file_id = files.id`],
  ['opinion', sql`select min(l.opinion_id) from opinion_files l where l.file_id = files.id`],
  ['meeting_material', sql`select min(l.meeting_id) from consultation_materials l where l.file_id = files.id`],
  ['speech', sql`select min(l.id) from consultation_speeches l where l.file_id = files.id`],
];

export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema.alterTable('files').addColumn('record_kind', 'text').execute();
  await db.schema.alterTable('files').addColumn('record_id', 'integer').execute();
  await db.schema.createIndex('files_record').on('files').columns(['record_kind', 'record_id']).execute();
  await backfill(db);
}

/** Each file not yet given its record gets it from the link tables; the first link found wins (a file was never meant to be attached to two records). */
export async function backfill(db: Kysely<any>): Promise<void> {
  for (const [kind, recordOf] of links)
    await sql`update files set record_kind = ${kind}, record_id = (${recordOf}) where record_kind is null and (${recordOf}) is not null`.execute(db);
}
