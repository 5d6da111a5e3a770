// The network of halls, stations and studios (三位一体): each place's opening hours and members
// on duty, and its activity log (visits, receptions, events) with the members who attended.
import type { Kysely } from 'kysely';
import { idColumn, type Dialect } from '../dialect.js';

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const id = idColumn(dialect);
  await db.schema.createTable('place_hours')
    .addColumn('place_id', 'integer', (c) => c.primaryKey().references('places.id').onDelete('cascade'))
    .addColumn('opening_hours', 'text', (c) => c.notNull())
    .execute();
  await id(db.schema.createTable('place_duty'))
    .addColumn('place_id', 'integer', (c) => c.notNull().references('places.id').onDelete('cascade'))
    .addColumn('member_id', 'integer', (c) => c.notNull().references('members.id'))
    .addUniqueConstraint('place_duty_once', ['place_id', 'member_id'])
    .execute();
  await id(db.schema.createTable('place_activities'))
    .addColumn('place_id', 'integer', (c) => c.notNull().references('places.id').onDelete('cascade'))
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('held_on', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('place_activities_place').on('place_activities').columns(['place_id', 'held_on']).execute();
  await id(db.schema.createTable('place_activity_members'))
    .addColumn('activity_id', 'integer', (c) => c.notNull().references('place_activities.id').onDelete('cascade'))
    .addColumn('member_id', 'integer', (c) => c.notNull().references('members.id'))
    .execute();
}
