// A resident's concern that is not a policy matter (a broken street lamp, a bus shelter), handed by
// the office to one of its handling units (a town, a street or a department) with a deadline, and
// the unit's answer, which the resident reads on the tracking page. One hand-off per report.
import type { Kysely } from 'kysely';
import { idColumn, type Dialect } from '../dialect.js';

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const id = idColumn(dialect);
  await id(db.schema.createTable('opinion_handoffs'))
    .addColumn('opinion_id', 'integer', (c) => c.notNull().unique().references('opinions.id').onDelete('cascade'))
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('handling_units.id'))
    .addColumn('deadline', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('assigned_by', 'integer', (c) => c.references('users.id'))
    .addColumn('assigned_at', 'text', (c) => c.notNull())
    .addColumn('answer', 'text')
    .addColumn('answered_on', 'text')
    .addColumn('answered_by', 'integer', (c) => c.references('users.id'))
    .addColumn('answered_at', 'text')
    .execute();
  await db.schema.createIndex('opinion_handoffs_unit').on('opinion_handoffs').columns(['unit_id', 'id']).execute();
}
