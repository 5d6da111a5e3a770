// The yearly evaluation of members' duty (履职考评): the minimums and grade bands of a year's rules,
// the evaluation computed from them (with the rules it was computed under) and each member's
// result, the warnings sent during the year (each once), and the chair meeting's exit decisions.
import type { Kysely } from 'kysely';
import { idColumn, type Dialect } from '../dialect.js';

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const id = idColumn(dialect);
  // At least `min_count` events among `kinds` (codes joined by commas) in the year.
  await id(db.schema.createTable('duty_minimums'))
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('kinds', 'text', (c) => c.notNull())
    .addColumn('min_count', 'integer', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('duty_minimums_org_year').on('duty_minimums').columns(['organization_id', 'year']).execute();
  // A grade from `min_points` up; the lowest grade (not competent) has no row. Rows present mean the
  // year's grading was set: its minimums are then those stored, none included.
  await db.schema.createTable('duty_bands')
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('grade', 'text', (c) => c.notNull())
    .addColumn('min_points', 'real', (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('duty_bands_pk', ['organization_id', 'year', 'grade'])
    .execute();
  await id(db.schema.createTable('duty_evaluations'))
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    // The points, caps, minimums and bands the results were computed under (JSON).
    .addColumn('rules', 'text', (c) => c.notNull())
    .addColumn('computed_by', 'integer', (c) => c.references('users.id'))
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .addColumn('published_by', 'integer', (c) => c.references('users.id'))
    .addColumn('published_at', 'text')
    .addUniqueConstraint('duty_evaluations_once', ['organization_id', 'year'])
    .execute();
  await id(db.schema.createTable('duty_results'))
    .addColumn('evaluation_id', 'integer', (c) => c.notNull().references('duty_evaluations.id'))
    .addColumn('member_id', 'integer', (c) => c.notNull().references('members.id'))
    .addColumn('points', 'real', (c) => c.notNull())
    // The minimums the member missed (JSON list of their labels and keys).
    .addColumn('missing', 'text', (c) => c.notNull())
    .addColumn('computed_grade', 'text', (c) => c.notNull())
    .addColumn('grade', 'text', (c) => c.notNull())
    .addColumn('adjust_reason', 'text')
    .addColumn('adjusted_by', 'integer', (c) => c.references('users.id'))
    .addColumn('adjusted_at', 'text')
    .addUniqueConstraint('duty_results_once', ['evaluation_id', 'member_id'])
    .execute();
  await db.schema.createIndex('duty_results_member').on('duty_results').columns(['member_id']).execute();
  // One warning per member, period and rule: the unique key is what makes a second run send nothing.
  await id(db.schema.createTable('duty_warnings'))
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('member_id', 'integer', (c) => c.notNull().references('members.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('duty_warnings_once', ['member_id', 'period', 'rule'])
    .execute();
  await db.schema.createIndex('duty_warnings_org_year').on('duty_warnings').columns(['organization_id', 'year']).execute();
  // The chair meeting's decision on a member of the exit list, once per member and term.
  await id(db.schema.createTable('duty_exits'))
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('member_id', 'integer', (c) => c.notNull().references('members.id'))
    .addColumn('term_id', 'integer', (c) => c.notNull().references('terms.id'))
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('decided_on', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'integer', (c) => c.references('users.id'))
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('duty_exits_once', ['member_id', 'term_id'])
    .execute();
}
