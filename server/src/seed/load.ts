// Fills a new database: the administrative divisions always, the demo CPPCC and its accounts
// when the database has no organization yet.
import fs from 'node:fs';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, DivisionTable, Role } from '../platform/db/types.js';
import { loadOrgTree, type Services } from '../platform/context.js';
import type { Config } from '../platform/config.js';
import { hashPassword, passwordProblem, randomPassword } from '../platform/auth/password.js';
import { insertMembers } from '../modules/orgs/commands.js';
import { insertUser } from '../modules/accounts/service.js';
import { generateDemoData, type DemoData } from './generate.js';
import { seedYear } from './year.js';

// Every province, city and county-level division of the mainland (set-up chooses from them), and
// Jiaxing's towns and villages (the demo places sit in them).
const divisionFiles = ['china-divisions.json', 'jiaxing-divisions.json'].map((f) => new URL(`./data/${f}`, import.meta.url));

/** Adds the divisions the database lacks (a database from before the nationwide list gets the rest). */
export async function loadDivisions(db: Kysely<Database>): Promise<number> {
  const byCode = new Map<string, DivisionTable>();
  for (const file of divisionFiles)
    for (const d of JSON.parse(fs.readFileSync(file, 'utf8')) as { code: string; name: string; level: DivisionTable['level']; parentCode: string | null }[])
      if (!byCode.has(d.code)) byCode.set(d.code, { code: d.code, name: d.name, level: d.level, parent_code: d.parentCode });
  const { n } = await db.selectFrom('divisions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  if (Number(n) >= byCode.size) return 0;
  const rows = [...byCode.values()];
  for (let i = 0; i < rows.length; i += 500)
    await db.insertInto('divisions').values(rows.slice(i, i + 500)).onConflict((oc) => oc.column('code').doNothing()).execute();
  return rows.length - Number(n);
}

export interface DemoAccount {
  username: string;
  role: Role;
  displayName: string;
}

/**
 * On a database without organizations: the demo city CPPCC, its counties and people, and one
 * account per role at the city. Returns what to print, or null when there was data already.
 */
export async function seedIfEmpty(services: Services, config: Config) {
  const { db, dialect } = services;
  await loadDivisions(db);
  const password = config.demoPassword ?? randomPassword();
  const weak = passwordProblem(password);
  if (weak) throw new Error(`SHANGLIANG_DEMO_PASSWORD: ${weak.en}`);
  const passwordHash = await hashPassword(password);
  const data = generateDemoData({ cityMembers: config.demoCityMembers ?? undefined });

  const accounts = await db.transaction().execute(async (trx) => {
    // Two servers starting together on one empty PostgreSQL: one seeds, the other finds the rows.
    if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(4202)`.execute(trx);
    if (await trx.selectFrom('organizations').select('id').limit(1).executeTakeFirst()) return null;
    return insertDemo(trx, data, passwordHash);
  });
  if (!accounts) return null;
  // Fresh statistics after a bulk load, so the planners choose the member indexes well.
  await sql`analyze`.execute(db);
  await loadOrgTree(services);
  await seedYear(services, config, passwordHash);
  await sql`analyze`.execute(db);
  const count = (level: string) => data.organizations.filter((o) => o.level === level).length;
  const summary = `${data.organizations.find((o) => o.level === 'city')!.name}, ${count('county')} county CPPCCs, ${data.members.length} members, ${data.handlingUnits.length} handling units, ${data.places.length} places`;
  return { accounts, password, summary };
}

async function insertDemo(trx: Transaction<Database>, data: DemoData, passwordHash: string): Promise<DemoAccount[]> {
  const at = new Date().toISOString();
  const orgId = new Map<string, number>();
  for (const o of data.organizations) {
    const row = await trx
      .insertInto('organizations')
      .values({ name: o.name, level: o.level, parent_id: o.parentKey ? orgId.get(o.parentKey)! : null, division_code: o.divisionCode, created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    orgId.set(o.key, row.id);
  }
  const termId = new Map<string, number>();
  for (const t of data.terms) {
    const row = await trx
      .insertInto('terms')
      .values({ organization_id: orgId.get(t.organizationKey)!, number: t.number, starts_on: t.startsOn, ends_on: t.endsOn, current: t.current ? 1 : 0 })
      .returning('id')
      .executeTakeFirstOrThrow();
    termId.set(t.key, row.id);
  }
  await trx.insertInto('sessions').values(data.sessions.map((s) => ({ term_id: termId.get(s.termKey)!, number: s.number, opens_on: s.opensOn }))).execute();

  const named = async (table: 'sectors' | 'committees', rows: { organizationKey: string; name: string; sort: number }[]) => {
    const inserted = await trx.insertInto(table).values(rows.map((r) => ({ organization_id: orgId.get(r.organizationKey)!, name: r.name, sort: r.sort }))).returning(['id', 'organization_id', 'name']).execute();
    return new Map(inserted.map((r) => [`${r.organization_id}/${r.name}`, r.id]));
  };
  const sectorId = await named('sectors', data.sectors);
  const committeeId = await named('committees', data.committees);
  await trx.insertInto('party_groups').values(data.partyGroups.map((g) => ({ organization_id: orgId.get(g.organizationKey)!, name: g.name, kind: g.kind, sort: g.sort }))).execute();
  const units = await trx
    .insertInto('handling_units')
    .values(data.handlingUnits.map((u) => ({ organization_id: orgId.get(u.organizationKey)!, name: u.name, contact_name: u.contactName, contact_phone: u.contactPhone, active: u.active ? 1 : 0, sort: u.sort })))
    .returning(['id', 'organization_id', 'name'])
    .execute();

  // Members go in per organization through the same insert the orgs module uses, so the search
  // index is filled the same way.
  const memberId = new Map<string, number>();
  for (const [key, id] of orgId) {
    const mine = data.members.filter((m) => m.organizationKey === key);
    if (mine.length === 0) continue;
    const ids = await insertMembers(
      trx,
      id,
      mine.map((m) => ({
        organizationId: id,
        termId: termId.get(m.termKey)!,
        name: m.name,
        gender: m.gender,
        birthYear: m.birthYear,
        ethnicity: m.ethnicity,
        politicalAffiliation: m.politicalAffiliation,
        sectorId: sectorId.get(`${id}/${m.sectorName}`)!,
        committeeIds: m.committeeNames.map((n) => committeeId.get(`${id}/${n}`)!),
        workplace: m.workplace,
        title: m.title,
        phone: m.phone,
        standing: m.standing,
      })),
    );
    mine.forEach((m, i) => memberId.set(m.key, ids[i]!));
    for (const [i, m] of mine.entries())
      if (m.status === 'exited')
        await trx.updateTable('members').set({ status: 'exited', exited_on: m.exitedOn, exit_reason: m.exitReason }).where('id', '=', ids[i]!).execute();
  }

  for (let i = 0; i < data.places.length; i += 200) {
    await trx
      .insertInto('places')
      .values(
        data.places.slice(i, i + 200).map((p) => ({
          organization_id: orgId.get(p.organizationKey)!,
          kind: p.kind,
          name: p.name,
          division_code: p.divisionCode,
          address: p.address,
          member_id: p.memberKey ? memberId.get(p.memberKey)! : null,
          stars: p.stars,
          active: p.active ? 1 : 0,
          created_at: at,
          updated_at: at,
        })),
      )
      .execute();
  }

  const city = orgId.get(data.organizations.find((o) => o.level === 'city')!.key)!;
  const cityMember = data.members.find((m) => orgId.get(m.organizationKey) === city && m.status === 'active')!;
  const cityUnit = units.find((u) => u.organization_id === city && u.name.endsWith('局')) ?? units.find((u) => u.organization_id === city)!;
  const accounts: (DemoAccount & { memberId?: number; handlingUnitId?: number; department?: string })[] = [
    { username: 'admin', role: 'admin', displayName: '系统管理员' },
    { username: 'staff', role: 'staff', displayName: '政协办公室 工作人员', department: '提案委员会办公室' },
    { username: 'leader', role: 'leader', displayName: '政协主席' },
    { username: 'member', role: 'member', displayName: cityMember.name, memberId: memberId.get(cityMember.key)! },
    { username: 'unit', role: 'unit', displayName: cityUnit.name, handlingUnitId: cityUnit.id },
    { username: 'public', role: 'public', displayName: '群众用户' },
  ];
  for (const a of accounts) await insertUser(trx, { ...a, passwordHash, organizationId: city, roles: [a.role] });
  return accounts.map(({ username, role, displayName }) => ({ username, role, displayName }));
}
