// One suggestion tracker (意见建议) for every module: consultations' suggestions move into it with
// their ids, units, answers and audit history; hall sessions (and later supervision) feed it too.
// The outcome link table is pointed at the new table, and the old tables are dropped.
import { sql, type Kysely } from 'kysely';
import { idColumn, type Dialect } from '../dialect.js';

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const id = idColumn(dialect);
  await id(db.schema.createTable('suggestions'))
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('source_type', 'text', (c) => c.notNull().check(sql`source_type in ('consultation_meeting','hall_session')`))
    .addColumn('source_id', 'integer', (c) => c.notNull())
    .addColumn('origin_kind', 'text', (c) => c.notNull().check(sql`origin_kind in ('speech','comment','manual')`))
    .addColumn('origin_id', 'integer')
    .addColumn('passage', 'text')
    .addColumn('origin_author', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('open','assigned','answered','adopted','not_adopted')`))
    .addColumn('adoption_note', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('suggestions_org').on('suggestions').columns(['organization_id', 'id']).execute();
  await db.schema.createIndex('suggestions_source').on('suggestions').columns(['source_type', 'source_id', 'id']).execute();

  await db.schema
    .createTable('suggestion_units')
    .addColumn('suggestion_id', 'integer', (c) => c.notNull().references('suggestions.id').onDelete('cascade'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('handling_units.id'))
    .addColumn('deadline', 'text')
    .addColumn('answer', 'text')
    .addColumn('answered_by', 'integer', (c) => c.references('users.id'))
    .addColumn('answered_at', 'text')
    .addColumn('assigned_at', 'text', (c) => c.notNull())
    .addColumn('reminded_at', 'text')
    .addPrimaryKeyConstraint('suggestion_units_pk', ['suggestion_id', 'unit_id'])
    .execute();
  await db.schema.createIndex('suggestion_units_unit').on('suggestion_units').columns(['unit_id', 'suggestion_id']).execute();
  // The reminder job's query: units still to answer, by deadline.
  await db.schema.createIndex('suggestion_units_due').on('suggestion_units').columns(['deadline']).where(sql.ref('answered_at'), 'is', null).execute();

  // Same ids, so links, notifications and bookmarks to a suggestion keep working.
  await sql`insert into suggestions (id, organization_id, source_type, source_id, origin_kind, origin_id, passage, origin_author, title, text, state, adoption_note, created_by, created_at, updated_at)
    select id, organization_id, 'consultation_meeting', meeting_id, source_kind, source_id, passage, source_author, title, text, state, adoption_note, created_by, created_at, updated_at
    from consultation_suggestions`.execute(db);
  // Not reminded yet: a unit still owing an answer is reminded once, as it is of a new suggestion.
  await sql`insert into suggestion_units (suggestion_id, unit_id, deadline, answer, answered_by, answered_at, assigned_at, reminded_at)
    select suggestion_id, unit_id, deadline, answer, answered_by, answered_at, assigned_at, null
    from consultation_suggestion_units`.execute(db);
  if (dialect === 'postgres') await sql`select setval(pg_get_serial_sequence('suggestions', 'id'), (select coalesce(max(id), 0) + 1 from suggestions), false)`.execute(db);
  // The history (timeline) follows the record to its new name.
  await sql`update audit_log set entity_type = 'suggestion' where entity_type = 'consultation_suggestion'`.execute(db);

  // The outcome link table now points at the shared table. SQLite cannot change a foreign key in
  // place, so there the table is rebuilt with the same name, columns and rows.
  if (dialect === 'postgres') {
    await sql`alter table consultation_outcome_suggestions drop constraint consultation_outcome_suggestions_suggestion_id_fkey`.execute(db);
    await sql`alter table consultation_outcome_suggestions add constraint consultation_outcome_suggestions_suggestion_id_fkey foreign key (suggestion_id) references suggestions (id)`.execute(db);
  } else {
    await db.schema
      .createTable('consultation_outcome_suggestions_024')
      .addColumn('outcome_id', 'integer', (c) => c.notNull().references('consultation_outcomes.id').onDelete('cascade'))
      .addColumn('suggestion_id', 'integer', (c) => c.notNull().references('suggestions.id'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('consultation_outcome_suggestions_pk', ['outcome_id', 'suggestion_id'])
      .execute();
    await sql`insert into consultation_outcome_suggestions_024 (outcome_id, suggestion_id, position) select outcome_id, suggestion_id, position from consultation_outcome_suggestions`.execute(db);
    await db.schema.dropTable('consultation_outcome_suggestions').execute();
    await sql`alter table consultation_outcome_suggestions_024 rename to consultation_outcome_suggestions`.execute(db);
  }
  await db.schema.dropTable('consultation_suggestion_units').execute();
  await db.schema.dropTable('consultation_suggestions').execute();
}
