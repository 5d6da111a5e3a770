// Consultations (协商在线): the yearly plan, meetings, invitations and attendance, speeches,
// best-speech votes, suggestions and outcomes.
import { sql, type Kysely } from 'kysely';
import { idColumn, type Dialect } from '../dialect.js';

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const id = idColumn(dialect);
  const types = sql`type in ('plenary','standing_committee','thematic','chair_meeting','counterpart','sector','proposal_handling','pre_legislative','come_and_consult')`;
  const level = (c: any) => c.notNull().check(sql`level in ('national','province','city','county')`);

  await id(db.schema.createTable('consultation_plans'))
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('draft','submitted','approved','published')`))
    .addColumn('return_reason', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('consultation_plans_org_year').on('consultation_plans').columns(['organization_id', 'year']).execute();

  await id(db.schema.createTable('consultation_plan_items'))
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('consultation_plans.id').onDelete('cascade'))
    .addColumn('type', 'text', (c) => c.notNull().check(types))
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('lead_committee_id', 'integer', (c) => c.references('committees.id'))
    .addColumn('quarter', 'integer', (c) => c.notNull().check(sql`quarter between 1 and 4`))
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('consultation_plan_items_plan').on('consultation_plan_items').columns(['plan_id', 'quarter', 'id']).execute();

  // Other modules (the live room) read the first columns; the rest belong to this module.
  await id(db.schema.createTable('consultation_meetings'))
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('type', 'text', (c) => c.notNull().check(types))
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('online', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('draft','published','in_progress','ended','cancelled')`))
    .addColumn('committee_id', 'integer', (c) => c.references('committees.id'))
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('plan_item_id', 'integer', (c) => c.references('consultation_plan_items.id'))
    .addColumn('public_seats', 'integer', (c) => c.notNull().defaultTo(0))
    // Random, per meeting: the printed QR code carries it; rotating it voids old posters.
    .addColumn('checkin_token', 'text', (c) => c.notNull().unique())
    .addColumn('speaking_speech_id', 'integer')
    .addColumn('votes_per_attendee', 'integer', (c) => c.notNull().defaultTo(3))
    .addColumn('vote_opens_at', 'text')
    .addColumn('vote_closes_at', 'text')
    .addColumn('best_confirmed_at', 'text')
    .addColumn('cancel_reason', 'text')
    .execute();
  await db.schema.createIndex('consultation_meetings_org_start').on('consultation_meetings').columns(['organization_id', 'starts_at', 'id']).execute();
  await db.schema.createIndex('consultation_meetings_plan_item').on('consultation_meetings').columns(['plan_item_id']).execute();

  await id(db.schema.createTable('consultation_agenda_items'))
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('consultation_meetings.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('consultation_agenda_meeting').on('consultation_agenda_items').columns(['meeting_id', 'position']).execute();

  await db.schema
    .createTable('consultation_materials')
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('consultation_meetings.id').onDelete('cascade'))
    .addColumn('file_id', 'text', (c) => c.notNull().references('files.id'))
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('consultation_materials_pk', ['meeting_id', 'file_id'])
    .execute();

  // Invited members: their answer, check-in and so their attendance (read for duty records).
  await id(db.schema.createTable('consultation_invitations'))
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('consultation_meetings.id').onDelete('cascade'))
    .addColumn('member_id', 'integer', (c) => c.notNull().references('members.id'))
    .addColumn('answer', 'text', (c) => c.notNull().check(sql`answer in ('pending','accepted','leave')`))
    .addColumn('reason', 'text')
    .addColumn('answered_at', 'text')
    .addColumn('checked_in_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('consultation_invitations_meeting_member', ['meeting_id', 'member_id'])
    .execute();
  await db.schema.createIndex('consultation_invitations_member').on('consultation_invitations').columns(['member_id', 'meeting_id']).execute();

  // Invited officials (leader, unit and staff accounts) and departments.
  await id(db.schema.createTable('consultation_guests'))
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('consultation_meetings.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('unit_id', 'integer', (c) => c.references('handling_units.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('consultation_guests_meeting').on('consultation_guests').columns(['meeting_id']).execute();
  await db.schema.createIndex('consultation_guests_user').on('consultation_guests').columns(['user_id', 'meeting_id']).execute();
  await db.schema.createIndex('consultation_guests_unit').on('consultation_guests').columns(['unit_id', 'meeting_id']).execute();

  await id(db.schema.createTable('consultation_speeches'))
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('consultation_meetings.id').onDelete('cascade'))
    .addColumn('member_id', 'integer', (c) => c.notNull().references('members.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('submitted','approved','rejected','withdrawn')`))
    .addColumn('position', 'integer')
    .addColumn('reject_reason', 'text')
    .addColumn('spoken_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('consultation_speeches_meeting').on('consultation_speeches').columns(['meeting_id', 'position', 'id']).execute();
  await db.schema.createIndex('consultation_speeches_member').on('consultation_speeches').columns(['member_id', 'id']).execute();

  // One vote per speech and voter; the per-voter limit is counted under a lock on the invitation.
  await id(db.schema.createTable('consultation_votes'))
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('consultation_meetings.id').onDelete('cascade'))
    .addColumn('speech_id', 'integer', (c) => c.notNull().references('consultation_speeches.id'))
    .addColumn('invitation_id', 'integer', (c) => c.notNull().references('consultation_invitations.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('consultation_votes_speech_voter', ['speech_id', 'invitation_id'])
    .execute();
  await db.schema.createIndex('consultation_votes_voter').on('consultation_votes').columns(['invitation_id']).execute();
  await db.schema.createIndex('consultation_votes_meeting').on('consultation_votes').columns(['meeting_id', 'speech_id']).execute();

  await db.schema
    .createTable('consultation_best_speeches')
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('consultation_meetings.id').onDelete('cascade'))
    .addColumn('speech_id', 'integer', (c) => c.notNull().references('consultation_speeches.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('votes', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('consultation_best_speeches_pk', ['meeting_id', 'speech_id'])
    .execute();

  await id(db.schema.createTable('consultation_suggestions'))
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('consultation_meetings.id'))
    .addColumn('source_kind', 'text', (c) => c.notNull().check(sql`source_kind in ('speech','comment','manual')`))
    .addColumn('source_id', 'integer')
    .addColumn('passage', 'text')
    .addColumn('source_author', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('open','assigned','answered','adopted','not_adopted')`))
    .addColumn('adoption_note', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('consultation_suggestions_org').on('consultation_suggestions').columns(['organization_id', 'id']).execute();
  await db.schema.createIndex('consultation_suggestions_meeting').on('consultation_suggestions').columns(['meeting_id', 'id']).execute();

  await db.schema
    .createTable('consultation_suggestion_units')
    .addColumn('suggestion_id', 'integer', (c) => c.notNull().references('consultation_suggestions.id').onDelete('cascade'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('handling_units.id'))
    .addColumn('deadline', 'text')
    .addColumn('answer', 'text')
    .addColumn('answered_by', 'integer', (c) => c.references('users.id'))
    .addColumn('answered_at', 'text')
    .addColumn('assigned_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('consultation_suggestion_units_pk', ['suggestion_id', 'unit_id'])
    .execute();
  await db.schema.createIndex('consultation_suggestion_units_unit').on('consultation_suggestion_units').columns(['unit_id', 'suggestion_id']).execute();

  await id(db.schema.createTable('consultation_outcomes'))
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('consultation_meetings.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('consultation_outcomes_org').on('consultation_outcomes').columns(['organization_id', 'created_at']).execute();
  await db.schema.createIndex('consultation_outcomes_meeting').on('consultation_outcomes').columns(['meeting_id']).execute();

  await db.schema
    .createTable('consultation_outcome_suggestions')
    .addColumn('outcome_id', 'integer', (c) => c.notNull().references('consultation_outcomes.id').onDelete('cascade'))
    .addColumn('suggestion_id', 'integer', (c) => c.notNull().references('consultation_suggestions.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('consultation_outcome_suggestions_pk', ['outcome_id', 'suggestion_id'])
    .execute();

  await id(db.schema.createTable('consultation_outcome_forwardings'))
    .addColumn('outcome_id', 'integer', (c) => c.notNull().references('consultation_outcomes.id').onDelete('cascade'))
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('sent_on', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await id(db.schema.createTable('consultation_outcome_instructions'))
    .addColumn('outcome_id', 'integer', (c) => c.notNull().references('consultation_outcomes.id').onDelete('cascade'))
    .addColumn('leader', 'text', (c) => c.notNull())
    .addColumn('level', 'text', level)
    .addColumn('instructed_on', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await id(db.schema.createTable('consultation_outcome_adoptions'))
    .addColumn('outcome_id', 'integer', (c) => c.notNull().references('consultation_outcomes.id').onDelete('cascade'))
    .addColumn('level', 'text', level)
    .addColumn('adopted_on', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  for (const t of ['forwardings', 'instructions', 'adoptions']) {
    await db.schema.createIndex(`consultation_outcome_${t}_outcome`).on(`consultation_outcome_${t}`).columns(['outcome_id', 'id']).execute();
  }
}
