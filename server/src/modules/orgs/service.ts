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

/** Whether an organization exists and is not retired: retired ones take no registrations. */
export async function isActiveOrganization(db: Trx, id: number): Promise<boolean> {
  return !!(await db.selectFrom('organizations').select('id').where('id', '=', id).where('retired_at', 'is', null).executeTakeFirst());
}

export async function organizationName(db: Trx, id: number) {
  return (await db.selectFrom('organizations').select('name').where('id', '=', id).executeTakeFirst())?.name ?? '';
}

type Level = 'national' | 'province' | 'city' | 'county';
/** 三级贯通: which levels may sit directly under which. The top (no parent) is the national level or, for a standalone install, a province. */
const CHILD_LEVELS: Record<Level, readonly Level[]> = { national: ['province'], province: ['city', 'county'], city: ['county'], county: [] };

/** The levels allowed directly under a parent of this level; null for the top of the tree. */
export function allowedChildLevels(parentLevel: Level | null): readonly Level[] {
  return parentLevel === null ? ['national', 'province'] : CHILD_LEVELS[parentLevel];
}

export function levelAllowedUnder(level: Level, parentLevel: Level | null): boolean {
  return allowedChildLevels(parentLevel).includes(level);
}

/** A term's dates are consistent when it ends after it starts (or has no end yet). */
export const termDatesValid = (startsOn: string, endsOn: string | null) => endsOn === null || endsOn > startsOn;

/** A session opens within its term's span. */
export const sessionWithinTerm = (opensOn: string, term: { starts_on: string; ends_on: string | null }) =>
  opensOn >= term.starts_on && (term.ends_on === null || opensOn <= term.ends_on);

/** Sessions are numbered within their term: the next one after the highest so far. */
export async function nextSessionNumber(db: Trx, termId: number): Promise<number> {
  const row = await db.selectFrom('sessions').select((eb) => eb.fn.max('number').as('n')).where('term_id', '=', termId).executeTakeFirst();
  return Number(row?.n ?? 0) + 1;
}

/** One current term per organization: making one current ends the current flag of the others (the database refuses two). */
export async function makeTermCurrent(db: Trx, organizationId: number, termId: number): Promise<void> {
  await db.updateTable('terms').set({ current: 0 }).where('organization_id', '=', organizationId).where('id', '!=', termId).where('current', '=', 1).execute();
  await db.updateTable('terms').set({ current: 1 }).where('id', '=', termId).execute();
}

export { insertOrganization, insertSession, insertTerm } from './inserts.js';

/** A member's exit, inside the caller's transaction (the duty module's exit decision uses it). */
export { retireMemberIn } from './commands.js';

/** The members of an organization with their term's dates: whose duty counts in which term. */
export async function membersWithTerms(db: Trx, organizationId: number) {
  return db.selectFrom('members as m').innerJoin('terms as t', 't.id', 'm.term_id')
    .select(['m.id', 'm.name', 'm.status', 'm.term_id', 't.starts_on', 't.ends_on'])
    .where('m.organization_id', '=', organizationId).execute();
}
