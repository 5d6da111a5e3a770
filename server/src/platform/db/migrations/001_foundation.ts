// Foundation tables: divisions, organizations and people, accounts, audit, search, files, jobs.
import { sql, type Kysely } from 'kysely';
import { idColumn, type Dialect } from '../dialect.js';
import { createSearchIndex } from '../../search.js';

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const id = idColumn(dialect);

  await db.schema
    .createTable('divisions')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('parent_code', 'text')
    .execute();
  await db.schema.createIndex('divisions_parent').on('divisions').column('parent_code').execute();

  await id(db.schema.createTable('organizations'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull().check(sql`level in ('national','province','city','county')`))
    .addColumn('parent_id', 'integer', (c) => c.references('organizations.id'))
    .addColumn('division_code', 'text', (c) => c.references('divisions.code'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await id(db.schema.createTable('terms'))
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text')
    .addColumn('current', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('terms_org_number', ['organization_id', 'number'])
    .execute();

  await id(db.schema.createTable('sessions'))
    .addColumn('term_id', 'integer', (c) => c.notNull().references('terms.id'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('opens_on', 'text', (c) => c.notNull())
    .addUniqueConstraint('sessions_term_number', ['term_id', 'number'])
    .execute();

  for (const table of ['sectors', 'committees'] as const) {
    await id(db.schema.createTable(table))
      .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
      .addUniqueConstraint(`${table}_org_name`, ['organization_id', 'name'])
      .execute();
  }

  await id(db.schema.createTable('party_groups'))
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('party_groups_org_name', ['organization_id', 'name'])
    .execute();

  await id(db.schema.createTable('handling_units'))
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('contact_name', 'text')
    .addColumn('contact_phone', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('handling_units_org_name', ['organization_id', 'name'])
    .execute();

  await id(db.schema.createTable('members'))
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('term_id', 'integer', (c) => c.notNull().references('terms.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('gender', 'text', (c) => c.notNull().check(sql`gender in ('male','female')`))
    .addColumn('birth_year', 'integer', (c) => c.notNull())
    .addColumn('ethnicity', 'text', (c) => c.notNull())
    .addColumn('political_affiliation', 'text', (c) => c.notNull())
    .addColumn('sector_id', 'integer', (c) => c.notNull().references('sectors.id'))
    .addColumn('workplace', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('standing', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active','exited')`))
    .addColumn('exited_on', 'text')
    .addColumn('exit_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('members_org_id').on('members').columns(['organization_id', 'id']).execute();
  await db.schema.createIndex('members_sector').on('members').columns(['sector_id', 'id']).execute();
  // A phone number identifies a person within one CPPCC: imports use it to find duplicates.
  await db.schema.createIndex('members_org_phone').on('members').columns(['organization_id', 'phone']).unique().execute();

  await db.schema
    .createTable('member_committees')
    .addColumn('member_id', 'integer', (c) => c.notNull().references('members.id').onDelete('cascade'))
    .addColumn('committee_id', 'integer', (c) => c.notNull().references('committees.id'))
    .addPrimaryKeyConstraint('member_committees_pk', ['member_id', 'committee_id'])
    .execute();
  await db.schema.createIndex('member_committees_committee').on('member_committees').columns(['committee_id', 'member_id']).execute();

  await id(db.schema.createTable('places'))
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('hall','station','studio','lounge','contact_point')`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('division_code', 'text', (c) => c.notNull().references('divisions.code'))
    .addColumn('address', 'text')
    .addColumn('member_id', 'integer', (c) => c.references('members.id'))
    .addColumn('stars', 'integer')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('places_org_kind').on('places').columns(['organization_id', 'kind', 'id']).execute();

  await id(db.schema.createTable('users'))
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('member_id', 'integer', (c) => c.references('members.id'))
    .addColumn('handling_unit_id', 'integer', (c) => c.references('handling_units.id'))
    .addColumn('department', 'text')
    .addColumn('phone', 'text')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active','disabled')`))
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('last_login_at', 'text')
    .execute();
  await db.schema.createIndex('users_org').on('users').columns(['organization_id', 'id']).execute();

  await db.schema
    .createTable('user_roles')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('admin','staff','leader','member','unit','public')`))
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addPrimaryKeyConstraint('user_roles_pk', ['user_id', 'role', 'organization_id'])
    .execute();

  await db.schema
    .createTable('login_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .execute();
  await db.schema.createIndex('login_sessions_user').on('login_sessions').column('user_id').execute();

  await id(db.schema.createTable('audit_log'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'integer')
    .addColumn('actor_name', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text')
    .addColumn('organization_id', 'integer')
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .addColumn('ip', 'text')
    .execute();
  await db.schema.createIndex('audit_log_at').on('audit_log').columns(['at', 'id']).execute();
  await db.schema.createIndex('audit_log_entity').on('audit_log').columns(['entity_type', 'entity_id', 'id']).execute();
  await db.schema.createIndex('audit_log_actor').on('audit_log').columns(['actor_id', 'id']).execute();

  await createSearchIndex(db, dialect, 'member');

  await db.schema
    .createTable('files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'integer')
    .addColumn('owner_id', 'integer')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('jobs')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('next_run_at', 'text', (c) => c.notNull())
    .addColumn('last_run_at', 'text')
    .addColumn('last_result', 'text')
    .execute();
}
