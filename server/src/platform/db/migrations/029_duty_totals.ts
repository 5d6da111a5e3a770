// Each member's points of a year, kept beside the duty events (numbered 029: 028 is the yearly
// evaluation's). The office's list sorted by points reads one row per member from here instead of
// scoring every member's events on every request. Filled by the duty module, which scores it.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('duty_totals')
    .addColumn('member_id', 'integer', (c) => c.notNull().references('members.id'))
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('total', 'real', (c) => c.notNull())
    // The year's points by kind as rules.ts scored them ([{kind, count, points}]): a page of the
    // list is then one read, with no second query over the events of its members.
    .addColumn('kinds', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('duty_totals_pk', ['member_id', 'organization_id', 'year'])
    .execute();
  await db.schema.createIndex('duty_totals_list').on('duty_totals').columns(['organization_id', 'year', 'total']).execute();
}
