// People for API tests: members (with the profile a module's tests want), accounts with the
// fixture password, and handling units, written straight into a test server's database.
import { insertUser } from '../modules/accounts/service.js';
import type { Role } from '../platform/db/types.js';
import type { TestServer } from './harness.js';

const at = () => new Date().toISOString();

export interface MemberProfile {
  gender: 'male' | 'female';
  birthYear: number;
  affiliation: string;
  /** A city sector's name; county members take the county fixture's sector. */
  sector: string;
  workplace: string;
  title: string;
}

export async function insertMember(t: TestServer, name: string, organizationId: number, p: MemberProfile) {
  const city = organizationId === t.fixture.city;
  return (
    await t.services.db
      .insertInto('members')
      .values({
        organization_id: organizationId, term_id: city ? t.fixture.cityTerm : t.fixture.countyTerm, name, gender: p.gender, birth_year: p.birthYear, ethnicity: '汉族',
        political_affiliation: p.affiliation, sector_id: city ? t.fixture.sectors[p.sector]! : t.fixture.countySector, workplace: p.workplace, title: p.title,
        phone: null, standing: 0, status: 'active', exited_on: null, exit_reason: null, created_at: at(), updated_at: at(),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}

/** An account with the fixture password (copied from the fixture's member account). */
export async function anAccount(t: TestServer, username: string, role: Role, extra: { memberId?: number; handlingUnitId?: number; organizationId?: number } = {}) {
  const { password_hash } = await t.services.db.selectFrom('users').select('password_hash').where('username', '=', 'member').executeTakeFirstOrThrow();
  return insertUser(t.services.db, { username, displayName: username, passwordHash: password_hash, organizationId: extra.organizationId ?? t.fixture.city, roles: [role], ...extra });
}

export async function aUnit(t: TestServer, name: string, organizationId = t.fixture.city) {
  return (await t.services.db.insertInto('handling_units').values({ organization_id: organizationId, name, contact_name: null, contact_phone: null, active: 1, sort: 1 }).returning('id').executeTakeFirstOrThrow()).id;
}
