// Proposals (提案在线): drafting and filing with co-signers, review (accept with a gapless number per
// session, reject, merge, convert), assignment to handling units, handling, replies and the
// proposers' satisfaction evaluation. One set for both dialects.
import { sql, type Kysely } from 'kysely';
import { idColumn, type Dialect } from '../dialect.js';
import { createSearchIndex } from '../../search.js';

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const id = idColumn(dialect);
  const flag = (c: any) => c.notNull().defaultTo(0);

  // The category tree (economy › finance …) each organization keeps for itself.
  await id(db.schema.createTable('proposal_categories'))
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('parent_id', 'integer', (c) => c.references('proposal_categories.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('proposal_categories_org').on('proposal_categories').columns(['organization_id', 'parent_id', 'sort']).execute();

  await id(db.schema.createTable('proposal_reject_reasons'))
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('proposal_reject_reasons_org_text', ['organization_id', 'text'])
    .execute();

  // Per-organization settings; an organization without a row uses the defaults.
  await db.schema
    .createTable('proposal_settings')
    .addColumn('organization_id', 'integer', (c) => c.primaryKey().references('organizations.id'))
    .addColumn('deadline_months', 'integer', (c) => c.notNull().defaultTo(3))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // An account that files collective proposals for a party group, sector or committee.
  await db.schema
    .createTable('proposal_collective_accounts')
    .addColumn('user_id', 'integer', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('body_kind', 'text', (c) => c.notNull().check(sql`body_kind in ('party_group','sector','committee')`))
    .addColumn('body_id', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  // The last number given in each session: incremented in the accepting transaction, so numbers
  // stay gapless (a refused accept rolls the increment back) and unique under concurrency.
  await db.schema
    .createTable('proposal_counters')
    .addColumn('session_id', 'integer', (c) => c.primaryKey().references('sessions.id'))
    .addColumn('last_number', 'integer', (c) => c.notNull())
    .execute();

  await id(db.schema.createTable('proposals'))
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('session_id', 'integer', (c) => c.references('sessions.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('individual','joint','collective')`))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('author_user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('member_id', 'integer', (c) => c.references('members.id'))
    .addColumn('collective_kind', 'text', (c) => c.check(sql`collective_kind in ('party_group','sector','committee')`))
    .addColumn('collective_id', 'integer')
    .addColumn('proposer_name', 'text', (c) => c.notNull())
    .addColumn('sector_id', 'integer', (c) => c.references('sectors.id'))
    .addColumn('category_id', 'integer', (c) => c.references('proposal_categories.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('reasons', 'text', (c) => c.notNull())
    .addColumn('suggestions', 'text', (c) => c.notNull())
    .addColumn('number', 'integer')
    .addColumn('reject_reason_id', 'integer', (c) => c.references('proposal_reject_reasons.id'))
    .addColumn('reject_text', 'text')
    .addColumn('round', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('is_key', 'integer', flag)
    .addColumn('is_public', 'integer', flag)
    .addColumn('filed_at', 'text')
    .addColumn('reviewed_at', 'text')
    .addColumn('reviewed_by', 'integer', (c) => c.references('users.id'))
    .addColumn('assigned_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('proposals_session_number', ['session_id', 'number'])
    .execute();
  // Lists walk id descending under one equality filter each; `state` trails each index so that a
  // count that leaves drafts out reads the index alone, never the rows.
  for (const [name, cols] of [
    ['org_id', ['organization_id', 'id', 'state']],
    ['org_state', ['organization_id', 'state', 'id']],
    ['org_year', ['organization_id', 'year', 'id', 'state']],
    ['org_kind', ['organization_id', 'kind', 'id', 'state']],
    ['org_key', ['organization_id', 'is_key', 'id', 'state']],
    ['org_session', ['organization_id', 'session_id', 'id', 'state']],
    ['org_category', ['organization_id', 'category_id', 'id', 'state']],
    ['org_sector', ['organization_id', 'sector_id', 'id', 'state']],
    ['author', ['author_user_id', 'id', 'state']],
    ['member', ['member_id', 'id']],
  ] as const)
    await db.schema.createIndex(`proposals_${name}`).on('proposals').columns([...cols]).execute();
  await createSearchIndex(db, dialect, 'proposal');

  await db.schema
    .createTable('proposal_cosigners')
    .addColumn('proposal_id', 'integer', (c) => c.notNull().references('proposals.id').onDelete('cascade'))
    .addColumn('member_id', 'integer', (c) => c.notNull().references('members.id'))
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('pending','confirmed','declined')`))
    .addColumn('answered_at', 'text')
    .addPrimaryKeyConstraint('proposal_cosigners_pk', ['proposal_id', 'member_id'])
    .execute();
  await db.schema.createIndex('proposal_cosigners_member').on('proposal_cosigners').columns(['member_id', 'state', 'proposal_id']).execute();

  await db.schema
    .createTable('proposal_files')
    .addColumn('proposal_id', 'integer', (c) => c.notNull().references('proposals.id').onDelete('cascade'))
    .addColumn('file_id', 'text', (c) => c.notNull().references('files.id'))
    .addPrimaryKeyConstraint('proposal_files_pk', ['proposal_id', 'file_id'])
    .execute();

  await db.schema
    .createTable('proposal_suggested_units')
    .addColumn('proposal_id', 'integer', (c) => c.notNull().references('proposals.id').onDelete('cascade'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('handling_units.id'))
    .addPrimaryKeyConstraint('proposal_suggested_units_pk', ['proposal_id', 'unit_id'])
    .execute();

  // 并案: the source proposal is handled as part of the target; a source is merged once.
  await id(db.schema.createTable('proposal_merges'))
    .addColumn('target_id', 'integer', (c) => c.notNull().references('proposals.id'))
    .addColumn('source_id', 'integer', (c) => c.notNull().unique().references('proposals.id'))
    .addColumn('merged_by', 'integer', (c) => c.references('users.id'))
    .addColumn('merged_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('proposal_merges_target').on('proposal_merges').columns(['target_id', 'source_id']).execute();

  await db.schema
    .createTable('proposal_conversions')
    .addColumn('proposal_id', 'integer', (c) => c.primaryKey().references('proposals.id'))
    .addColumn('opinion_id', 'integer', (c) => c.notNull().references('opinions.id'))
    .addColumn('converted_by', 'integer', (c) => c.references('users.id'))
    .addColumn('converted_at', 'text', (c) => c.notNull())
    .execute();

  // 交办: one row per unit and proposal; a reassigned unit's row is withdrawn, not deleted.
  await id(db.schema.createTable('proposal_assignments'))
    .addColumn('proposal_id', 'integer', (c) => c.notNull().references('proposals.id'))
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('handling_units.id'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('lead','assisting','separate')`))
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('assigned','signed','reassign_requested','replied','withdrawn')`))
    .addColumn('round', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('deadline', 'text', (c) => c.notNull())
    .addColumn('reassign_reason', 'text')
    .addColumn('assigned_by', 'integer', (c) => c.references('users.id'))
    .addColumn('assigned_at', 'text', (c) => c.notNull())
    .addColumn('signed_at', 'text')
    .addColumn('replied_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('proposal_assignments_proposal').on('proposal_assignments').columns(['proposal_id', 'id']).execute();
  await db.schema.createIndex('proposal_assignments_unit').on('proposal_assignments').columns(['unit_id', 'state', 'proposal_id']).execute();
  await db.schema.createIndex('proposal_assignments_deadline').on('proposal_assignments').columns(['organization_id', 'state', 'deadline']).execute();

  await id(db.schema.createTable('proposal_contacts'))
    .addColumn('assignment_id', 'integer', (c) => c.notNull().references('proposal_assignments.id'))
    .addColumn('proposal_id', 'integer', (c) => c.notNull().references('proposals.id'))
    .addColumn('contacted_on', 'text', (c) => c.notNull())
    .addColumn('way', 'text', (c) => c.notNull().check(sql`way in ('visit','meeting','phone','letter','online','other')`))
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('proposal_contacts_proposal').on('proposal_contacts').columns(['proposal_id', 'id']).execute();

  // What an assisting unit sends the lead unit.
  await id(db.schema.createTable('proposal_assist_opinions'))
    .addColumn('assignment_id', 'integer', (c) => c.notNull().references('proposal_assignments.id'))
    .addColumn('proposal_id', 'integer', (c) => c.notNull().references('proposals.id'))
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('file_id', 'text', (c) => c.references('files.id'))
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('proposal_assist_opinions_proposal').on('proposal_assist_opinions').columns(['proposal_id', 'id']).execute();

  // 答复: one per replying assignment and round of handling.
  await id(db.schema.createTable('proposal_replies'))
    .addColumn('assignment_id', 'integer', (c) => c.notNull().references('proposal_assignments.id'))
    .addColumn('proposal_id', 'integer', (c) => c.notNull().references('proposals.id'))
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('class', 'text', (c) => c.notNull().check(sql`class in ('A','B','C')`))
    .addColumn('class_reason', 'text')
    .addColumn('letter_text', 'text', (c) => c.notNull())
    .addColumn('letter_file_id', 'text', (c) => c.references('files.id'))
    .addColumn('replied_by', 'integer', (c) => c.references('users.id'))
    .addColumn('replied_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('proposal_replies_assignment_round', ['assignment_id', 'round'])
    .execute();
  await db.schema.createIndex('proposal_replies_proposal').on('proposal_replies').columns(['proposal_id', 'id']).execute();

  // 满意度测评: each proposer rates each replying unit once per round.
  await id(db.schema.createTable('proposal_evaluations'))
    .addColumn('assignment_id', 'integer', (c) => c.notNull().references('proposal_assignments.id'))
    .addColumn('proposal_id', 'integer', (c) => c.notNull().references('proposals.id'))
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('result', 'text', (c) => c.notNull().check(sql`result in ('satisfied','basically_satisfied','unsatisfied')`))
    .addColumn('comment', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('proposal_evaluations_once', ['assignment_id', 'round', 'user_id'])
    .execute();
  await db.schema.createIndex('proposal_evaluations_proposal').on('proposal_evaluations').columns(['proposal_id', 'round']).execute();
}
