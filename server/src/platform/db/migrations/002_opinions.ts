// Public opinion (社情民意): reports from members, contact points and residents (by QR code),
// screening, bulletin issues, forwarding and what came back, scoring. One set for both dialects.
import { sql, type Kysely } from 'kysely';
import { idColumn, type Dialect } from '../dialect.js';
import { createSearchIndex } from '../../search.js';

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const id = idColumn(dialect);
  const level = (c: any) => c.notNull().check(sql`level in ('national','province','city')`);

  // One QR code per place; the short code is what the printed poster carries.
  await id(db.schema.createTable('opinion_qr_codes'))
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('place_id', 'integer', (c) => c.notNull().unique().references('places.id'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await id(db.schema.createTable('opinions'))
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('source_kind', 'text', (c) => c.notNull().check(sql`source_kind in ('member','contact_point','resident')`))
    .addColumn('member_id', 'integer', (c) => c.references('members.id'))
    .addColumn('place_id', 'integer', (c) => c.references('places.id'))
    .addColumn('user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('tracking_code', 'text', (c) => c.unique())
    // AES-256-GCM ciphertexts (platform/secrets.ts): never the plain name or number.
    .addColumn('resident_name_enc', 'text')
    .addColumn('resident_phone_enc', 'text')
    .addColumn('device_hash', 'text')
    .addColumn('duplicate_of', 'integer', (c) => c.references('opinions.id'))
    .addColumn('screening_reason', 'text')
    .addColumn('screened_at', 'text')
    .addColumn('screened_by', 'integer', (c) => c.references('users.id'))
    .addColumn('similar_group', 'integer')
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('opinions_org_id').on('opinions').columns(['organization_id', 'id']).execute();
  await db.schema.createIndex('opinions_org_year_state').on('opinions').columns(['organization_id', 'year', 'state']).execute();
  await db.schema.createIndex('opinions_member').on('opinions').columns(['member_id', 'id']).execute();
  await db.schema.createIndex('opinions_group').on('opinions').columns(['similar_group']).execute();
  await createSearchIndex(db, dialect, 'opinion');

  // Every credited member of a report: the lead reporter and the co-reporters.
  await db.schema
    .createTable('opinion_reporters')
    .addColumn('opinion_id', 'integer', (c) => c.notNull().references('opinions.id').onDelete('cascade'))
    .addColumn('member_id', 'integer', (c) => c.notNull().references('members.id'))
    .addColumn('lead', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('opinion_reporters_pk', ['opinion_id', 'member_id'])
    .execute();
  await db.schema.createIndex('opinion_reporters_member').on('opinion_reporters').columns(['member_id', 'opinion_id']).execute();

  await db.schema
    .createTable('opinion_files')
    .addColumn('opinion_id', 'integer', (c) => c.notNull().references('opinions.id').onDelete('cascade'))
    .addColumn('file_id', 'text', (c) => c.notNull().references('files.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('photo','attachment')`))
    .addPrimaryKeyConstraint('opinion_files_pk', ['opinion_id', 'file_id'])
    .execute();

  // 《社情民意》第N期: numbered per organization and year, without gaps.
  await id(db.schema.createTable('opinion_issues'))
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('published_on', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('opinion_issues_org_year_number', ['organization_id', 'year', 'number'])
    .execute();

  // A report is compiled once: the unique opinion_id keeps it out of a second issue.
  await id(db.schema.createTable('opinion_issue_items'))
    .addColumn('issue_id', 'integer', (c) => c.notNull().references('opinion_issues.id').onDelete('cascade'))
    .addColumn('opinion_id', 'integer', (c) => c.notNull().unique().references('opinions.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('credits', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('opinion_issue_items_issue').on('opinion_issue_items').columns(['issue_id', 'position']).execute();

  await id(db.schema.createTable('opinion_forwardings'))
    .addColumn('opinion_id', 'integer', (c) => c.notNull().references('opinions.id'))
    .addColumn('issue_id', 'integer', (c) => c.references('opinion_issues.id'))
    .addColumn('recipient', 'text', (c) =>
      c.notNull().check(sql`recipient in ('city_party_committee','city_government','department','province_cppcc','national_cppcc')`),
    )
    .addColumn('recipient_name', 'text')
    .addColumn('sent_on', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('opinion_forwardings_opinion').on('opinion_forwardings').columns(['opinion_id', 'id']).execute();

  await id(db.schema.createTable('opinion_adoptions'))
    .addColumn('opinion_id', 'integer', (c) => c.notNull().references('opinions.id'))
    .addColumn('level', 'text', level)
    .addColumn('adopted_by', 'text', (c) => c.notNull())
    .addColumn('adopted_on', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('opinion_adoptions_opinion').on('opinion_adoptions').columns(['opinion_id', 'id']).execute();

  // 批示: who gave it, at which level, when, and what it says.
  await id(db.schema.createTable('opinion_instructions'))
    .addColumn('opinion_id', 'integer', (c) => c.notNull().references('opinions.id'))
    .addColumn('leader', 'text', (c) => c.notNull())
    .addColumn('level', 'text', level)
    .addColumn('instructed_on', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('opinion_instructions_opinion').on('opinion_instructions').columns(['opinion_id', 'id']).execute();

  // Departments' feedback; `final` feedback is what the source is shown as the answer.
  await id(db.schema.createTable('opinion_feedback'))
    .addColumn('opinion_id', 'integer', (c) => c.notNull().references('opinions.id'))
    .addColumn('from_name', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('final', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('opinion_feedback_opinion').on('opinion_feedback').columns(['opinion_id', 'id']).execute();

  await db.schema
    .createTable('opinion_scoring_rules')
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('points', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('opinion_scoring_rules_pk', ['organization_id', 'event'])
    .execute();

  // Points as they were earned, with the rule in force then: a later rule change does not
  // rewrite last year's ranking. One row per credited source (member or place).
  await id(db.schema.createTable('opinion_points'))
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('opinion_id', 'integer', (c) => c.notNull().references('opinions.id'))
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('member_id', 'integer', (c) => c.references('members.id'))
    .addColumn('sector_id', 'integer', (c) => c.references('sectors.id'))
    .addColumn('place_id', 'integer', (c) => c.references('places.id'))
    .addColumn('points', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('opinion_points_org_year').on('opinion_points').columns(['organization_id', 'year']).execute();
  await db.schema.createIndex('opinion_points_opinion').on('opinion_points').columns(['opinion_id', 'event']).execute();
}
