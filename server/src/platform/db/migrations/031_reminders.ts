// One table of the reminders sent, for every module (platform/reminders.ts): a reminder is sent
// only by the transaction that inserts its (code, once_key) row, so of several processes or a
// retried job exactly one sends it. The marks each module kept before are carried over, so that
// nothing already sent goes out again after the upgrade; proposal_reminders held nothing else.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('reminders')
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('once_key', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('reminders_pk', ['code', 'once_key'])
    .execute();
  // The keys as the kinds make them: proposals' assignment:step, the tracker's suggestion:unit,
  // a lounge question's id, duty's member:period:rule.
  await sql`insert into reminders (code, once_key, sent_at)
    select 'proposal.deadline', cast(assignment_id as text) || ':' || kind, sent_at from proposal_reminders`.execute(db);
  await sql`insert into reminders (code, once_key, sent_at)
    select 'suggestion.deadline', cast(suggestion_id as text) || ':' || cast(unit_id as text), reminded_at from suggestion_units where reminded_at is not null`.execute(db);
  await sql`insert into reminders (code, once_key, sent_at)
    select 'lounge.question', cast(id as text), reminded_at from lounge_questions where reminded_at is not null`.execute(db);
  await sql`insert into reminders (code, once_key, sent_at)
    select 'duty.warning', cast(member_id as text) || ':' || period || ':' || rule, sent_at from duty_warnings`.execute(db);
  await db.schema.dropTable('proposal_reminders').execute();
}
