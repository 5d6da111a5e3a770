// The data of npm run bench:halls, written straight into the database of a stopped server: 73
// halls, each with five years of topics, supports from distinct residents, closed sessions with
// their record and suggestions, and approved ratings; and the accounts (with open sessions) that
// the support load signs with. Through the project's own connection, so both databases are the same.
import { sql } from 'kysely';
import crypto from 'node:crypto';
import { connect } from '../server/src/platform/db/connect.js';
import { digest, insertAll, type Kdb } from './bulk.js';
import { chinaYear } from '../server/src/platform/time.js';

export const HALLS = 73;
export const YEARS = 5;
const TOPICS_PER_YEAR = 24;
const SESSIONS_PER_YEAR = 4;
const SUPPORTERS = 2000;

const iso = (year: number, day: number) => new Date(Date.UTC(year, 0, 1 + day, 2)).toISOString();


/** Public accounts, each with an open session: `{ userIds, cookies: [cookie, csrf][] }`. */
async function residents(db: Kdb, organizationId: number, n: number, prefix: string) {
  const at = new Date().toISOString();
  const userIds = await insertAll(db, 'users', Array.from({ length: n }, (_, i) => ({
    username: `${prefix}${i}`, display_name: `居民${i}`, password_hash: 'bench-no-password', organization_id: organizationId, member_id: null,
    handling_unit_id: null, department: null, phone: null, status: 'active', created_at: at, updated_at: at, last_login_at: null,
  })), true);
  await insertAll(db, 'user_roles', userIds.map((id) => ({ user_id: id, role: 'public', organization_id: organizationId })));
  const sessions = userIds.map((id) => ({ id, token: crypto.randomBytes(24).toString('base64url'), csrf: crypto.randomBytes(18).toString('base64url') }));
  const expires = new Date(Date.now() + 11 * 3_600_000).toISOString();
  await insertAll(db, 'login_sessions', sessions.map((s) => ({ id: digest(s.token), user_id: s.id, csrf_token: s.csrf, created_at: at, last_seen_at: at, expires_at: expires, ip: null })));
  return { userIds, cookies: sessions.map((s) => [`sl_session=${s.token}`, s.csrf] as const) };
}

export async function generate(dataDir: string, databaseUrl: string, supportAccounts: number) {
  const started = Date.now();
  const { db, close } = connect({ databaseUrl: databaseUrl || null, dataDir });
  try {
    const city = await db.selectFrom('organizations').select('id').where('level', '=', 'city').executeTakeFirstOrThrow();
    const orgs = await db.selectFrom('organizations').select(['id', 'division_code']).where('retired_at', 'is', null).where('level', 'in', ['city', 'county']).execute();
    const towns = await db.selectFrom('divisions').select('code').where('level', '=', 'town').orderBy('code').execute();
    const staff = await db.selectFrom('users').select('id').where('username', '=', 'staff').executeTakeFirstOrThrow();
    const unit = await db.selectFrom('handling_units').select('id').orderBy('id').executeTakeFirstOrThrow();
    const have = await db.selectFrom('places').select('id').where('kind', '=', 'hall').execute();
    const at = new Date().toISOString();
    // Each new hall in a town, run by the county the town lies in (the city where none does).
    const newHalls = Array.from({ length: Math.max(0, HALLS - have.length) }, (_, i) => {
      const town = towns[i % towns.length]!.code;
      const org = orgs.find((o) => o.division_code && town.startsWith(o.division_code) && o.division_code.length === 6 && o.id !== city.id) ?? city;
      return { organization_id: org.id, kind: 'hall', name: `民生议事堂${i + 1}`, division_code: town, address: null, member_id: null, stars: null, active: 1, created_at: at, updated_at: at };
    });
    await insertAll(db, 'places', newHalls);
    const halls = await db.selectFrom('places').select(['id', 'organization_id']).where('kind', '=', 'hall').where('active', '=', 1).orderBy('id').limit(HALLS).execute();
    const supporters = (await residents(db, city.id, SUPPORTERS, 'bench_supporter_')).userIds;
    const thisYear = chinaYear();
    let topicN = 0;
    for (const hall of halls) {
      for (let y = thisYear - YEARS + 1; y <= thisYear; y++) {
        const sessions = await insertAll(db, 'hall_sessions', Array.from({ length: SESSIONS_PER_YEAR }, (_, s) => ({
          organization_id: hall.organization_id, place_id: hall.id, title: `第${s + 1}次议事会`, starts_at: iso(y, 20 + s * 80), ends_at: null, convener_member_id: null,
          research_notes: '走访了周边小区。', minutes: '议定增设停车位，错时开放机关停车场。', state: 'closed', created_by: staff.id, created_at: iso(y, 10 + s * 80), updated_at: iso(y, 20 + s * 80),
        })), true);
        await insertAll(db, 'hall_session_speakers', sessions.flatMap((sid) => [0, 1].map((k) => ({ session_id: sid, sort: k + 1, name: k ? '居民代表' : '委员', member_id: null, summary: '建议利用闲置地块增设停车位。' }))));
        const topics = await insertAll(db, 'hall_topics', Array.from({ length: TOPICS_PER_YEAR }, (_, k) => {
          const sessionId = k < 2 * SESSIONS_PER_YEAR ? sessions[k >> 1]! : null;
          return {
            organization_id: hall.organization_id, place_id: hall.id, title: `议题${++topicN}：小区停车难`, text: '老旧小区停车位不足，晚上车辆乱停，建议挖潜增设停车位。',
            state: sessionId ? 'closed' : k % 5 === 0 ? 'declined' : 'open', proposer_id: supporters[topicN % SUPPORTERS]!, merged_into: null,
            decline_reason: !sessionId && k % 5 === 0 ? '属于物业管理事项' : null, session_id: sessionId, created_at: iso(y, k * 14), updated_at: iso(y, k * 14),
          };
        }), true);
        // 4 to 20 supporters a topic, all different accounts.
        await insertAll(db, 'hall_supports', topics.flatMap((tid, k) => Array.from({ length: 4 + ((tid * 7) % 17) }, (_, j) => ({ topic_id: tid, user_id: supporters[(tid * 31 + j) % SUPPORTERS]!, created_at: iso(y, k * 14 + 1) }))));
        await insertAll(db, 'hall_ratings', topics.slice(0, 2 * SESSIONS_PER_YEAR).flatMap((tid, k) => [0, 1].map((j) => ({
          topic_id: tid, user_id: supporters[(tid * 13 + j) % SUPPORTERS]!, stars: 3 + ((k + j) % 3), comment: '满意', state: 'approved', created_at: iso(y, 330 + j),
        }))));
        const suggestions = await insertAll(db, 'suggestions', sessions.flatMap((sid) => [0, 1, 2].map((k) => ({
          organization_id: hall.organization_id, source_type: 'hall_session', source_id: sid, origin_kind: 'manual', origin_id: null, passage: null, origin_author: null,
          title: '增设停车位', text: '利用闲置地块增设停车位。', state: k === 0 ? 'adopted' : 'answered', adoption_note: null, created_by: staff.id, created_at: iso(y, 100), updated_at: iso(y, 120),
        }))), true);
        await insertAll(db, 'suggestion_units', suggestions.map((sid) => ({ suggestion_id: sid, unit_id: unit.id, deadline: null, answer: '已纳入计划。', answered_by: staff.id, answered_at: iso(y, 120), assigned_at: iso(y, 101), reminded_at: null })));
      }
    }
    // The support load: open topics of one hall, and accounts that never supported anything.
    const target = halls[0]!;
    const openTopics = (await db.selectFrom('hall_topics').select('id').where('place_id', '=', target.id).where('state', '=', 'open').orderBy('id', 'desc').limit(10).execute()).map((r) => r.id);
    const accounts = (await residents(db, city.id, supportAccounts, 'bench_resident_')).cookies;
    // Planner statistics and visibility maps of a settled database, as the server's optimize job
    // (SQLite) or autovacuum (PostgreSQL) would leave them, so that their work does not run
    // during the measurements.
    await sql.raw(databaseUrl ? 'vacuum analyze' : 'analyze').execute(db);
    const counts = await Promise.all((['hall_topics', 'hall_supports', 'hall_sessions', 'suggestions', 'hall_ratings'] as const).map(async (t) =>
      [t, Number((await db.selectFrom(t).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)] as const));
    return { hallIds: halls.map((h) => h.id), openTopics, accounts, counts: Object.fromEntries(counts), seconds: (Date.now() - started) / 1000 };
  } finally {
    await close();
  }
}
