// Indexes for the year's work figures (dashboard): each figure counts the records of a set of
// organizations by the date of one event, so each is read as one range of that date per
// organization (index alone, no row read) rather than every record of those organizations. At a
// province's size (500,000 reports, 100,000 proposals) the figures of a year took seconds without.
import type { Kysely } from 'kysely';

const INDEXES: [name: string, table: string, columns: string[]][] = [
  ['opinions_org_submitted', 'opinions', ['organization_id', 'submitted_at']],
  ['proposals_org_filed', 'proposals', ['organization_id', 'filed_at', 'state', 'kind']],
  ['proposals_org_reviewed', 'proposals', ['organization_id', 'reviewed_at', 'state', 'is_key', 'round']],
  // A report's first forwarding, adoption at a level, and instruction: by date, then the report.
  ['opinion_forwardings_sent', 'opinion_forwardings', ['sent_on', 'opinion_id']],
  ['opinion_forwardings_first', 'opinion_forwardings', ['opinion_id', 'sent_on', 'id']],
  ['opinion_adoptions_level_on', 'opinion_adoptions', ['level', 'adopted_on', 'opinion_id']],
  ['opinion_adoptions_first', 'opinion_adoptions', ['opinion_id', 'level', 'adopted_on', 'id']],
  ['opinion_instructions_on', 'opinion_instructions', ['instructed_on', 'opinion_id']],
  ['opinion_issues_org_published', 'opinion_issues', ['organization_id', 'published_on']],
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, table, columns] of INDEXES) await db.schema.createIndex(name).on(table).columns(columns).execute();
}
