// The public service of orgs: the few facts about places, members and organizations that other
// modules need, read-only. Other modules read these, never the orgs tables.
import type { Trx } from '../../platform/context.js';

/** Raised after any write to organizations or people: other modules' kept answers that show their names go stale. */
export { ORGS_CHANGED, ORGANIZATION_CHANGED } from './list-cache.js';

export async function placeById(db: Trx, id: number) {
  return db
    .selectFrom('places')
    .innerJoin('organizations', 'organizations.id', 'places.organization_id')
    .select(['places.id', 'places.name', 'places.kind', 'places.organization_id', 'places.member_id', 'places.active', 'organizations.name as organization_name'])
    .where('places.id', '=', id)
    .executeTakeFirst();
}

export async function membersByIds(db: Trx, ids: number[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('members').select(['id', 'name', 'organization_id', 'sector_id', 'status']).where('id', 'in', ids).execute();
}

export async function unitsByIds(db: Trx, ids: number[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('handling_units').select(['id', 'name', 'organization_id', 'active']).where('id', 'in', ids).execute();
}

export async function organizationName(db: Trx, id: number) {
  return (await db.selectFrom('organizations').select('name').where('id', '=', id).executeTakeFirst())?.name ?? '';
}
