// A counter per organization, raised in the transaction of every change to its members' duty
// records (events, totals, rules, grades). The office's list and a member's own page are kept as
// finished answers keyed by it, so an answer is never served after a change has committed, in any
// server process, whichever module's command recorded the change.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('duty_versions')
    .addColumn('organization_id', 'integer', (c) => c.primaryKey().references('organizations.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
}
