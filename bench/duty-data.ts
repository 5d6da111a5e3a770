// The data of npm run bench:duty, written straight into the database of a stopped server: a
// province-sized year of members' duty. Above the demo city a province, beside it ten more cities
// of eight counties each (99 organizations); 20,000 serving members in all (800 at the province,
// 1,000 in the demo city, 450 in each other city, the rest in the counties); 1,000,000 duty events
// of this year, 10 to 90 per member, over every kind the modules declare. The members' totals are
// then scored by the duty module's own code (totals.ts), as a server scores them at start for
// events that predate them. Accounts with open sessions: a staff account at the province and 200
// members of the demo city.
import { sql } from 'kysely';
import { connect } from '../server/src/platform/db/connect.js';
import { accounts, insertAll, sessionsFor, type Kdb } from './bulk.js';
import { chinaYear } from '../server/src/platform/time.js';
import { modules } from '../server/src/modules/index.js';
import { refreshAll } from '../server/src/modules/duty/totals.js';

export const MEMBERS = 20_000;
export const EVENTS = 1_000_000;
const NEW_CITIES = 10;
const COUNTIES_PER_CITY = 8;
const SIZES = { province: 800, city: 450 };
const MEMBER_ACCOUNTS = 200;
const EVENT_BATCH = 20_000;
const SECTORS = ['中国共产党', '中国国民党革命委员会', '中国民主同盟', '中国民主建国会', '无党派人士', '经济界', '农业界', '教育界', '科学技术界', '医药卫生界', '社会福利和社会保障界', '特别邀请人士'];

/** One statement per 20,000 events: the rows travel as one JSON parameter, unpacked by the database. */
async function insertEvents(db: Kdb, dialect: 'sqlite' | 'postgres', rows: (string | number)[][]) {
  const cols = sql`member_id, organization_id, year, kind, source_type, source_id, occurred_at, points, origin, created_at`;
  for (let i = 0; i < rows.length; i += EVENT_BATCH) {
    const json = JSON.stringify(rows.slice(i, i + EVENT_BATCH));
    if (dialect === 'sqlite')
      await sql`insert into duty_events (${cols}) select ${sql.raw([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((k) => `json_extract(value, '$[${k}]')`).join(', '))} from json_each(${json})`.execute(db);
    else
      await sql`insert into duty_events (${cols}) select (r->>0)::int, (r->>1)::int, (r->>2)::int, r->>3, r->>4, (r->>5)::int, r->>6, (r->>7)::real, r->>8, r->>9 from jsonb_array_elements(${json}::jsonb) as r`.execute(db);
  }
}

export async function generate(dataDir: string, databaseUrl: string) {
  const started = Date.now();
  const { db, dialect, close } = connect({ databaseUrl: databaseUrl || null, dataDir });
  try {
    const year = chinaYear();
    const at = new Date().toISOString();
    const city = await db.selectFrom('organizations').select(['id', 'parent_id']).where('level', '=', 'city').executeTakeFirstOrThrow();
    const org = async (name: string, level: 'province' | 'city' | 'county', parent: number | null) =>
      (await db.insertInto('organizations').values({ name, level, parent_id: parent, division_code: null, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow()).id;
    const province = city.parent_id ?? (await org('省政协（基准）', 'province', null));
    await db.updateTable('organizations').set({ parent_id: province }).where('id', '=', city.id).execute();
    const fresh: { id: number; size: number | null }[] = [{ id: province, size: SIZES.province }];
    for (let c = 1; c <= NEW_CITIES; c++) {
      const cityId = await org(`第${c}市政协（基准）`, 'city', province);
      fresh.push({ id: cityId, size: SIZES.city });
      for (let k = 1; k <= COUNTIES_PER_CITY; k++) fresh.push({ id: await org(`第${c}市第${k}县政协（基准）`, 'county', cityId), size: null });
    }
    const existing = Number((await db.selectFrom('members').select((eb) => eb.fn.countAll().as('n')).where('status', '=', 'active').executeTakeFirstOrThrow()).n);
    const fixed = fresh.reduce((n, o) => n + (o.size ?? 0), 0);
    const counties = fresh.filter((o) => o.size === null);
    const perCounty = Math.floor((MEMBERS - existing - fixed) / counties.length);
    counties.forEach((o, i) => (o.size = perCounty + (i < (MEMBERS - existing - fixed) % counties.length ? 1 : 0)));
    let n = 0;
    for (const o of fresh) {
      // The demo's province (when it has one) keeps its own term and sectors.
      const had = await db.selectFrom('terms').select('id').where('organization_id', '=', o.id).orderBy('id', 'desc').executeTakeFirst();
      const term = had?.id ?? (await db.insertInto('terms').values({ organization_id: o.id, number: 1, starts_on: `${year - 2}-01-01`, ends_on: null, current: 1 }).returning('id').executeTakeFirstOrThrow()).id;
      const hadSectors = (await db.selectFrom('sectors').select('id').where('organization_id', '=', o.id).execute()).map((r) => r.id);
      const sectors = hadSectors.length ? hadSectors : await insertAll(db, 'sectors', SECTORS.map((name, sort) => ({ organization_id: o.id, name, sort })), true);
      await insertAll(db, 'members', Array.from({ length: o.size! }, () => {
        n++;
        return {
          organization_id: o.id, term_id: term, name: `委员${n}`, gender: n % 3 ? 'male' : 'female', birth_year: 1960 + (n % 30), ethnicity: '汉族', political_affiliation: '无党派人士',
          sector_id: sectors[n % sectors.length]!, workplace: '某单位', title: '职员', phone: null, standing: n % 10 === 0 ? 1 : 0, status: 'active', exited_on: null, exit_reason: null, created_at: at, updated_at: at,
        };
      }));
    }
    // Every serving member, each with 10 to 90 events of kinds spread over all the modules' kinds.
    const members = await db.selectFrom('members').select(['id', 'organization_id']).where('status', '=', 'active').orderBy('id').execute();
    const decls = modules.flatMap((m) => m.duty ?? []);
    const kinds = decls.flatMap((d) => d.kinds.map((k) => ({ code: k.code, sourceType: d.sourceType, points: k.points })));
    const counts = members.map((_, i) => 10 + ((i * 7919) % 81));
    let short = EVENTS - counts.reduce((a, b) => a + b, 0);
    for (let i = 0; short !== 0; i = (i + 1) % counts.length) {
      if (short < 0 && counts[i]! <= 10) continue;
      const step = Math.sign(short);
      counts[i]! += step;
      short -= step;
    }
    // Each event is priced as the command would price it: by its organization's rule for the year
    // where one is set (the demo city has its own scale), else by the kind's default.
    const set = await db.selectFrom('duty_rules').select(['organization_id', 'kind', 'points']).where('year', '=', year).execute();
    const priced = new Map(set.map((r) => [`${r.organization_id}|${r.kind}`, Number(r.points)]));
    const t0 = Date.now();
    let source = 10_000_000; // far above any source record the demo has, so no act collides with one
    let rows: (string | number)[][] = [];
    for (let i = 0; i < members.length; i++) {
      for (let j = 0; j < counts[i]!; j++) {
        const k = kinds[(i * 31 + j * 17) % kinds.length]!;
        const occurred = new Date(Date.UTC(year, 0, 1 + ((i + j * 7) % 360), 2)).toISOString();
        rows.push([members[i]!.id, members[i]!.organization_id, year, k.code, k.sourceType, source++, occurred, priced.get(`${members[i]!.organization_id}|${k.code}`) ?? k.points, 'derived', at]);
      }
      if (rows.length >= 100_000) {
        await insertEvents(db, dialect, rows);
        rows = [];
      }
    }
    await insertEvents(db, dialect, rows);
    const eventSeconds = (Date.now() - t0) / 1000;
    if (dialect === 'postgres') await sql`vacuum analyze`.execute(db);
    else await sql`analyze`.execute(db);
    const t1 = Date.now();
    await db.transaction().execute((trx) => refreshAll(trx, year));
    const totalsSeconds = (Date.now() - t1) / 1000;
    if (dialect === 'postgres') await sql`analyze duty_totals`.execute(db);
    // The demo gives its members accounts: sessions are opened for those of the demo city.
    const cityUsers = await db.selectFrom('users as u').innerJoin('members as m', 'm.id', 'u.member_id').select('u.id').where('m.organization_id', '=', city.id).orderBy('u.id').limit(MEMBER_ACCOUNTS).execute();
    const memberCookies = await sessionsFor(db, cityUsers.map((u) => u.id));
    const [staff] = await accounts(db, [{ organizationId: province, memberId: null }], 'staff', 'bench_duty_staff_');
    const sector = await db.selectFrom('members').select('sector_id').where('organization_id', '=', city.id).where('status', '=', 'active').orderBy('id').executeTakeFirstOrThrow();
    const organizations = [province, ...fresh.slice(1).map((o) => o.id), city.id, ...(await db.selectFrom('organizations').select('id').where('parent_id', '=', city.id).execute()).map((o) => o.id)];
    console.log(`  events ${((t1 - t0) / 1000).toFixed(1)} s, totals ${totalsSeconds.toFixed(1)} s`);
    const events = Number((await db.selectFrom('duty_events').select((eb) => eb.fn.countAll().as('n')).where('year', '=', year).executeTakeFirstOrThrow()).n);
    return {
      year, city: city.id, province, organizations, cityMembers: members.filter((m) => m.organization_id === city.id).length, citySector: sector.sector_id,
      staff: staff!, memberCookies, counts: { organizations: organizations.length, members: members.length, events }, seconds: (Date.now() - started) / 1000, eventSeconds, totalsSeconds,
    };
  } finally {
    await close();
  }
}
