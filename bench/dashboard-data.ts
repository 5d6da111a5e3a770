// The data of npm run bench:dashboard, written straight into the database of a stopped server: a
// province's CPPCC system over three years. Beside the demo's province, city and seven counties,
// six more cities with their counties (70 CPPCCs); 20,000 serving members; 100,000 proposals in
// every state, 500,000 public-opinion reports (compiled into bulletin issues, forwarded, adopted at
// each level, instructed), 5,000 consultation meetings (check-ins, online rooms with participants
// and comments, suggestions) and the halls' and lounges' sessions, topics and check-ins. Dates
// fall on every day and hour of each year (hours in UTC, so China's dates cross midnight too);
// nothing is dated after today. Accounts with open sessions: the province's staff, and a member of
// the demo city who files reports during the run.
import crypto from 'node:crypto';
import { sql } from 'kysely';
import { connect } from '../server/src/platform/db/connect.js';
import { chinaYear } from '../server/src/platform/time.js';
import { accounts, insertAll, sessionsFor, type Kdb } from './bulk.js';
import { mulberry32 } from '../server/src/seed/random.js';

export const SIZE = { organizations: 70, members: 20_000, proposals: 100_000, opinions: 500_000, meetings: 5_000 };
export const YEARS = 3;
/** Counties of each new city: with the demo's nine CPPCCs, 70 in all. */
const NEW_CITIES = [10, 9, 9, 9, 9, 9];
const SECTORS = ['中国共产党', '中国民主同盟', '中国民主建国会', '无党派人士', '经济界', '农业界', '教育界', '科学技术界', '医药卫生界', '特别邀请人士'];
const CATEGORIES = ['经济建设', '政治建设', '文化建设', '社会建设', '生态文明建设'];
const OPINION_CATEGORIES = ['elderly', 'economy', 'environment', 'livelihood', 'education', 'health', 'governance', 'transport', 'other'];
const TOPICS = ['社区居家养老', '老旧小区加装电梯', '农村生活污水治理', '中小企业融资', '基层医疗卫生', '垃圾分类', '营商环境', '城乡公交一体化', '校外培训治理', '防汛抗台'];

// A repeatable stream: the same data on both databases and in every run.
const rnd = mulberry32(20261206);
const int = (n: number) => Math.floor(rnd() * n);
const pick = <T>(list: readonly T[]) => list[int(list.length)]!;
/** The first item whose cumulative weight exceeds a random draw. */
function weighted<T extends string>(table: [T, number][]): T {
  let x = rnd() * table.reduce((a, [, w]) => a + w, 0);
  for (const [v, w] of table) if ((x -= w) < 0) return v;
  return table[table.length - 1]![0];
}

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const dateOf = (ms: number) => iso(ms + 8 * 3_600_000).slice(0, 10); // China's date

export async function generate(dataDir: string, databaseUrl: string) {
  const started = Date.now();
  const { db, dialect, close } = connect({ databaseUrl: databaseUrl || null, dataDir });
  try {
    const year = chinaYear();
    const now = Date.now();
    const first = Date.UTC(year - YEARS + 1, 0, 1) - 8 * 3_600_000; // 1 January, midnight in China
    /** A random instant of the years covered, never after `latest`. */
    const when = (latest = now - DAY) => first + Math.floor(rnd() * (latest - first));
    const at = iso(now);
    const staffUser = await db.selectFrom('users').select('id').where('username', '=', 'staff').executeTakeFirstOrThrow();
    const units = (await db.selectFrom('handling_units').select('id').orderBy('id').limit(40).execute()).map((u) => u.id);

    // Organizations: six cities with their counties under the demo's province.
    const city = await db.selectFrom('organizations').select(['id', 'parent_id']).where('level', '=', 'city').orderBy('id').executeTakeFirstOrThrow();
    const org = async (name: string, level: 'city' | 'county', parent: number) =>
      (await db.insertInto('organizations').values({ name, level, parent_id: parent, division_code: null, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow()).id;
    const province = city.parent_id!;
    for (const [c, counties] of NEW_CITIES.entries()) {
      const cityId = await org(`第${c + 1}市政协（基准）`, 'city', province);
      for (let k = 1; k <= counties; k++) await org(`第${c + 1}市第${k}县政协（基准）`, 'county', cityId);
    }
    const orgIds = (await db.selectFrom('organizations').select('id').where('retired_at', 'is', null).orderBy('id').execute()).map((o) => o.id);

    // Members: the demo's, and as many more spread over the organizations as make 20,000.
    const existing = Number((await db.selectFrom('members').select((eb) => eb.fn.countAll().as('n')).where('status', '=', 'active').executeTakeFirstOrThrow()).n);
    let n = 0;
    for (const [i, o] of orgIds.entries()) {
      const had = await db.selectFrom('terms').select('id').where('organization_id', '=', o).orderBy('id', 'desc').executeTakeFirst();
      const term = had?.id ?? (await db.insertInto('terms').values({ organization_id: o, number: 1, starts_on: `${year - YEARS}-01-01`, ends_on: null, current: 1 }).returning('id').executeTakeFirstOrThrow()).id;
      const hadSectors = (await db.selectFrom('sectors').select('id').where('organization_id', '=', o).execute()).map((r) => r.id);
      const sectors = hadSectors.length ? hadSectors : await insertAll(db, 'sectors', SECTORS.map((name, sort) => ({ organization_id: o, name, sort })), true);
      const hasCategories = await db.selectFrom('proposal_categories').select('id').where('organization_id', '=', o).executeTakeFirst();
      if (!hasCategories) await insertAll(db, 'proposal_categories', CATEGORIES.map((name, sort) => ({ organization_id: o, parent_id: null, name, sort, active: 1 })));
      const size = Math.floor((SIZE.members - existing) / orgIds.length) + (i < (SIZE.members - existing) % orgIds.length ? 1 : 0);
      await insertAll(db, 'members', Array.from({ length: size }, () => {
        n++;
        return {
          organization_id: o, term_id: term, name: `委员${n}`, gender: n % 3 ? 'male' : 'female', birth_year: 1960 + (n % 30), ethnicity: '汉族', political_affiliation: '无党派人士',
          sector_id: sectors[n % sectors.length]!, workplace: '某单位', title: '职员', phone: null, standing: n % 10 === 0 ? 1 : 0, status: 'active', exited_on: null, exit_reason: null, created_at: at, updated_at: at,
        };
      }));
    }
    const members = await db.selectFrom('members').select(['id', 'organization_id', 'sector_id']).where('status', '=', 'active').orderBy('id').execute();
    const membersOf = new Map<number, typeof members>();
    for (const m of members) membersOf.set(m.organization_id, [...(membersOf.get(m.organization_id) ?? []), m]);
    const categoriesOf = new Map<number, number[]>();
    for (const c of await db.selectFrom('proposal_categories').select(['id', 'organization_id']).execute()) categoriesOf.set(c.organization_id, [...(categoriesOf.get(c.organization_id) ?? []), c.id]);
    const users = (await db.selectFrom('users').select('id').orderBy('id').execute()).map((u) => u.id);

    const t0 = Date.now();
    await proposals(db, { orgIds, membersOf, categoriesOf, when, staff: staffUser.id, units, now });
    const t1 = Date.now();
    await opinions(db, { orgIds, membersOf, when, now });
    const t2 = Date.now();
    await meetings(db, { orgIds, membersOf, users, when, staff: staffUser.id, now });
    await halls(db, { users, when, staff: staffUser.id, now });
    const t3 = Date.now();
    if (dialect === 'postgres') await sql`vacuum analyze`.execute(db);
    else await sql`analyze`.execute(db);

    const [staff] = await accounts(db, [{ organizationId: province, memberId: null }], 'staff', 'bench_dashboard_staff_');
    const admin = await db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow();
    const reporter = await db.selectFrom('users as u').innerJoin('members as m', 'm.id', 'u.member_id').select('u.id').where('m.organization_id', '=', city.id).orderBy('u.id').executeTakeFirstOrThrow();
    const [[adminCookie], [reporterCookie]] = await Promise.all([sessionsFor(db, [admin.id]), sessionsFor(db, [reporter.id])]);
    const counts = Object.fromEntries(await Promise.all((['organizations', 'members', 'proposals', 'proposal_evaluations', 'opinions', 'opinion_adoptions', 'opinion_issue_items', 'consultation_meetings', 'consultation_invitations', 'consultation_room_participants', 'suggestions', 'hall_sessions', 'attendance_checkins'] as const).map(async (t) =>
      [t, Number((await db.selectFrom(t).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)] as const)));
    return {
      year, province, city: city.id, staff: staff!, admin: adminCookie!, reporter: reporterCookie!, counts,
      seconds: { all: (Date.now() - started) / 1000, proposals: (t1 - t0) / 1000, opinions: (t2 - t1) / 1000, meetings: (t3 - t2) / 1000 },
    };
  } finally {
    await close();
  }
}

type Members = Map<number, { id: number; organization_id: number; sector_id: number | null }[]>;

/** 100,000 proposals in every state, accepted ten to forty days after filing; the answered ones rated. */
async function proposals(db: Kdb, c: { orgIds: number[]; membersOf: Members; categoriesOf: Map<number, number[]>; when: (latest?: number) => number; staff: number; units: number[]; now: number }) {
  const STATES: [string, number][] = [['draft', 2], ['cosigning', 1], ['submitted', 5], ['rejected', 8], ['merged', 3], ['converted', 2], ['accepted', 4], ['handling', 12], ['replied', 18], ['evaluated', 20], ['closed', 25]];
  const rated = new Set(['evaluated', 'closed']);
  const rows = [];
  for (let i = 0; i < SIZE.proposals; i++) {
    const o = pick(c.orgIds);
    const state = weighted(STATES);
    const kind = weighted([['individual', 70], ['joint', 20], ['collective', 10]]);
    const m = kind === 'collective' ? null : pick(c.membersOf.get(o)!);
    const filed = c.when(c.now - 45 * DAY);
    const reviewed = ['submitted', 'draft', 'cosigning'].includes(state) ? null : filed + (10 + int(30)) * DAY + int(DAY);
    const handled = state === 'handling' && rnd() < 0.2 ? 2 : 1; // handled again after an unsatisfied rating
    rows.push({
      organization_id: o, session_id: null, year: Number(dateOf(filed).slice(0, 4)), kind, state, author_user_id: c.staff, member_id: m?.id ?? null,
      collective_kind: kind === 'collective' ? 'sector' : null, collective_id: null, proposer_name: kind === 'collective' ? '经济界' : '委员', sector_id: m?.sector_id ?? null,
      category_id: rnd() < 0.9 ? pick(c.categoriesOf.get(o)!) : null, title: `关于${pick(TOPICS)}的建议`, reasons: '调研发现相关政策落实不到位。', suggestions: '一是加强统筹规划。',
      number: null, reject_reason_id: null, reject_text: state === 'rejected' ? '不属于提案受理范围' : null, round: handled, is_key: reviewed && rnd() < 0.04 ? 1 : 0, is_public: 0,
      filed_at: ['draft', 'cosigning'].includes(state) ? null : iso(filed), reviewed_at: reviewed ? iso(reviewed) : null, reviewed_by: reviewed ? c.staff : null,
      assigned_at: reviewed ? iso(reviewed + DAY) : null, closed_at: state === 'closed' ? iso(reviewed! + 20 * DAY) : null, created_at: iso(filed - DAY), updated_at: iso(filed),
    });
  }
  const ids = await insertAll(db, 'proposals', rows, true);
  const ratedRows = rows.map((r, i) => ({ r, id: ids[i]! })).filter((x) => rated.has(x.r.state));
  const assignments = await insertAll(db, 'proposal_assignments', ratedRows.map(({ r, id }) => ({
    proposal_id: id, organization_id: r.organization_id, unit_id: pick(c.units), role: 'lead', state: 'replied', round: 1, deadline: r.reviewed_at!.slice(0, 10),
    reassign_reason: null, assigned_by: c.staff, assigned_at: r.assigned_at!, signed_at: r.assigned_at!, replied_at: r.assigned_at!, updated_at: r.assigned_at!,
  })), true);
  await insertAll(db, 'proposal_evaluations', ratedRows.map(({ r, id }, i) => ({
    assignment_id: assignments[i]!, proposal_id: id, round: 1, user_id: c.staff, result: weighted([['satisfied', 80], ['basically_satisfied', 15], ['unsatisfied', 5]]), comment: null,
    created_at: iso(Math.min(Date.parse(r.reviewed_at!) + (15 + int(30)) * DAY, c.now - DAY)),
  })));
}

/**
 * 500,000 reports; a report used is compiled into its organization's next bulletin issue (two a
 * month), and forwarded, adopted (at one level or two) and instructed after that issue.
 */
async function opinions(db: Kdb, c: { orgIds: number[]; membersOf: Members; when: (latest?: number) => number; now: number }) {
  const STATES: [string, number][] = [['new', 3], ['accepted', 8], ['duplicate', 6], ['not_used', 33], ['compiled', 20], ['forwarded', 15], ['adopted', 15]];
  const BATCH = 50_000;
  // Issue k of a year is published on its day 15k - 1 (the last on 31 December): the first issue on or after a report's day.
  const issueIds = new Map<string, number>();
  const issueOf = (ms: number) => {
    const y = Number(dateOf(ms).slice(0, 4));
    const day = Math.floor((ms + 8 * 3_600_000 - Date.UTC(y, 0, 1)) / DAY);
    const k = Math.floor(day / 15) + 1;
    return { y, k, published: Date.UTC(y, 0, 1) + Math.min(364, 15 * k - 1) * DAY };
  };
  for (let done = 0; done < SIZE.opinions; done += BATCH) {
    const rows = [];
    for (let i = 0; i < BATCH; i++) {
      const o = pick(c.orgIds);
      const submitted = c.when();
      let state = weighted(STATES);
      const issue = issueOf(submitted);
      // A report filed since the last issue of this year waits for the next.
      if (['compiled', 'forwarded', 'adopted'].includes(state) && issue.published + 10 * DAY > c.now) state = 'accepted';
      const source = weighted([['member', 70], ['contact_point', 20], ['resident', 10]]);
      rows.push({
        organization_id: o, year: Number(dateOf(submitted).slice(0, 4)), source_kind: source, member_id: source === 'member' ? pick(c.membersOf.get(o)!).id : null, place_id: null, user_id: null,
        title: `关于${pick(TOPICS)}的情况反映`, text: '群众反映较为集中。', category: pick(OPINION_CATEGORIES), state, tracking_code: null, resident_name_enc: null, resident_phone_enc: null,
        device_hash: null, duplicate_of: null, screening_reason: state === 'not_used' ? '内容已有反映' : null, screened_at: state === 'new' ? null : iso(submitted + DAY), screened_by: null,
        similar_group: null, submitted_at: iso(submitted), updated_at: iso(submitted + DAY),
      });
    }
    const ids = await insertAll(db, 'opinions', rows, true);
    const used = rows.map((r, i) => ({ r, id: ids[i]!, issue: issueOf(Date.parse(r.submitted_at)) })).filter((x) => ['compiled', 'forwarded', 'adopted'].includes(x.r.state));
    // The issues these reports go into, made the first time one is needed.
    const needed = [...new Set(used.map((u) => `${u.r.organization_id}|${u.issue.y}|${u.issue.k}`))].filter((k) => !issueIds.has(k));
    const made = await insertAll(db, 'opinion_issues', needed.map((k) => {
      const [o, y, n] = k.split('|').map(Number) as [number, number, number];
      const published = dateOf(Date.UTC(y, 0, 1) + Math.min(364, 15 * n - 1) * DAY);
      // Numbered after the demo's own issues of the year.
      return { organization_id: o, year: y, number: 100 + n, published_on: published, created_by: null, created_at: `${published}T02:00:00.000Z` };
    }), true);
    needed.forEach((k, i) => issueIds.set(k, made[i]!));
    const items = used.map((u, i) => ({ issue_id: issueIds.get(`${u.r.organization_id}|${u.issue.y}|${u.issue.k}`)!, opinion_id: u.id, position: i + 1, title: u.r.title, text: u.r.text, credits: '委员' }));
    await insertAll(db, 'opinion_issue_items', items);
    const sentOn = (u: (typeof used)[number], days: number) => dateOf(Math.min(u.issue.published + days * DAY, c.now - DAY));
    const out = used.filter((u) => u.r.state !== 'compiled');
    await insertAll(db, 'opinion_forwardings', out.flatMap((u, i) => {
      const once = { opinion_id: u.id, issue_id: items[used.indexOf(u)]!.issue_id, recipient: 'city_party_committee', recipient_name: null, sent_on: sentOn(u, 1), created_by: null, created_at: u.r.updated_at };
      return i % 10 ? [once] : [once, { ...once, recipient: 'province_cppcc', sent_on: sentOn(u, 3) }];
    }));
    const adopted = used.filter((u) => u.r.state === 'adopted');
    await insertAll(db, 'opinion_adoptions', adopted.flatMap((u) => {
      const level = weighted([['city', 70], ['province', 25], ['national', 5]]);
      const a = { opinion_id: u.id, level, adopted_by: '市委办公室', adopted_on: sentOn(u, 5 + int(20)), created_at: u.r.updated_at };
      // A fifth adopted again: by another department of the same level, or by the level above.
      if (rnd() >= 0.2) return [a];
      return [a, { ...a, level: rnd() < 0.5 ? level : level === 'city' ? 'province' : 'national', adopted_on: sentOn(u, 30 + int(30)) }];
    }));
    await insertAll(db, 'opinion_instructions', adopted.filter(() => rnd() < 0.3).map((u) => ({
      opinion_id: u.id, leader: '市委书记', level: 'city', instructed_on: sentOn(u, 10 + int(20)), text: '请有关部门研究落实。', created_at: u.r.updated_at,
    })));
  }
}

/** 5,000 consultation meetings; those held have check-ins, a third online with participants and comments, and suggestions. */
async function meetings(db: Kdb, c: { orgIds: number[]; membersOf: Members; users: number[]; when: (latest?: number) => number; staff: number; now: number }) {
  const TYPES = ['plenary', 'standing_committee', 'thematic', 'chair_meeting', 'counterpart', 'sector', 'proposal_handling', 'pre_legislative', 'come_and_consult'];
  const rows = [];
  for (let i = 0; i < SIZE.meetings; i++) {
    const starts = c.when(c.now + 60 * DAY);
    const state = starts > c.now ? 'published' : weighted([['ended', 90], ['cancelled', 5], ['draft', 3], ['published', 2]]);
    rows.push({
      organization_id: pick(c.orgIds), type: pick(TYPES), topic: `${pick(TOPICS)}专题协商`, starts_at: iso(starts), ends_at: iso(starts + 3 * 3_600_000), place: '政协会议室',
      online: rnd() < 0.35 ? 1 : 0, state, committee_id: null, created_by: c.staff, created_at: iso(starts - 20 * DAY), updated_at: iso(starts), plan_item_id: null, public_seats: 0,
      checkin_token: crypto.randomBytes(12).toString('base64url'), speaking_speech_id: null, votes_per_attendee: 3, vote_opens_at: null, vote_closes_at: null, best_confirmed_at: null,
      cancel_reason: state === 'cancelled' ? '因故取消' : null, reported_invited: null, reported_present: null,
    });
  }
  const ids = await insertAll(db, 'consultation_meetings', rows, true);
  const held = rows.map((r, i) => ({ r, id: ids[i]! })).filter((x) => x.r.state === 'ended');
  await insertAll(db, 'consultation_invitations', held.flatMap(({ r, id }) => {
    const pool = c.membersOf.get(r.organization_id)!;
    const from = int(pool.length);
    return Array.from({ length: Math.min(12, pool.length) }, (_, k) => {
      const answer = weighted([['accepted', 85], ['leave', 10], ['pending', 5]]);
      return { meeting_id: id, member_id: pool[(from + k) % pool.length]!.id, answer, reason: null, answered_at: answer === 'pending' ? null : r.created_at, checked_in_at: answer === 'accepted' && rnd() < 0.9 ? r.starts_at : null, created_at: r.created_at };
    });
  }));
  const online = held.filter((x) => x.r.online === 1);
  await insertAll(db, 'consultation_room_participants', online.flatMap(({ r, id }) => {
    const from = int(c.users.length);
    return Array.from({ length: 20 + int(40) }, (_, k) => ({ meeting_id: id, user_id: c.users[(from + k) % c.users.length]!, first_at: r.starts_at }));
  }));
  await insertAll(db, 'consultation_comments', online.flatMap(({ r, id }) => Array.from({ length: 5 + int(20) }, () => ({
    meeting_id: id, author_id: pick(c.users), author_name: '网友', author_kind: 'public', body: '建议加快落实。', state: weighted([['visible', 85], ['hidden', 10], ['pending', 5]]),
    pinned: 0, likes: int(10), answer_body: null, answer_by_name: null, answered_at: null, created_at: r.starts_at,
  }))));
  await insertAll(db, 'suggestions', held.flatMap(({ r, id }) => Array.from({ length: 1 + int(4) }, () => suggestion(r.organization_id, 'consultation_meeting', id, Date.parse(r.starts_at), c))));
}

function suggestion(organizationId: number, source: string, sourceId: number, held: number, c: { staff: number; now: number }) {
  const made = Math.min(held + (1 + int(10)) * DAY, c.now - DAY);
  return {
    organization_id: organizationId, source_type: source, source_id: sourceId, origin_kind: 'manual', origin_id: null, passage: null, origin_author: null, title: '增设便民服务点',
    text: '建议在社区增设便民服务点。', state: weighted([['open', 10], ['assigned', 20], ['answered', 30], ['adopted', 30], ['not_adopted', 10]]), adoption_note: null, created_by: c.staff,
    created_at: iso(made), updated_at: iso(made),
  };
}

/** Each hall: sessions with check-ins, name-only invitees and suggestions, and topics; each lounge: events with check-ins. */
async function halls(db: Kdb, c: { users: number[]; when: (latest?: number) => number; staff: number; now: number }) {
  const places = await db.selectFrom('places').select(['id', 'organization_id', 'kind']).where('kind', 'in', ['hall', 'lounge']).where('active', '=', 1).execute();
  const checkins = (type: string, organizationId: number, id: number, starts: string, n: number) => {
    const from = int(c.users.length);
    return Array.from({ length: n }, (_, k) => ({ source_type: type, source_id: id, organization_id: organizationId, user_id: c.users[(from + k) % c.users.length]!, member_id: null, invitee_id: null, at: starts, method: 'qr' }));
  };
  for (const p of places) {
    const starts = Array.from({ length: YEARS * 4 }, () => c.when(c.now + 30 * DAY)).sort((a, b) => a - b);
    if (p.kind === 'hall') {
      const sessions = starts.map((s) => ({
        organization_id: p.organization_id, place_id: p.id, title: `${pick(TOPICS)}议事会`, starts_at: iso(s), ends_at: iso(s + 3 * 3_600_000), convener_member_id: null, research_notes: null,
        minutes: null, state: s > c.now ? 'planned' : rnd() < 0.6 ? 'closed' : 'held', created_by: c.staff, created_at: iso(s - 10 * DAY), updated_at: iso(s),
      }));
      const ids = await insertAll(db, 'hall_sessions', sessions, true);
      const held = sessions.map((s, i) => ({ s, id: ids[i]! })).filter((x) => x.s.state !== 'planned');
      await insertAll(db, 'attendance_checkins', held.flatMap(({ s, id }) => checkins('hall_session', p.organization_id, id, s.starts_at, 5 + int(20))));
      await insertAll(db, 'hall_session_invitees', held.flatMap(({ id }) => Array.from({ length: 3 }, (_, k) => ({ session_id: id, kind: 'resident', member_id: null, unit_id: null, name: `居民代表${k + 1}`, user_id: null }))));
      await insertAll(db, 'suggestions', held.flatMap(({ s, id }) => [0, 1].map(() => suggestion(p.organization_id, 'hall_session', id, Date.parse(s.starts_at), c))));
      await insertAll(db, 'hall_topics', Array.from({ length: YEARS * 8 }, () => {
        const raised = iso(c.when());
        return { organization_id: p.organization_id, place_id: p.id, title: `${pick(TOPICS)}问题`, text: '居民反映。', state: pick(['open', 'adopted', 'declined', 'closed']), proposer_id: pick(c.users), merged_into: null, decline_reason: null, session_id: null, created_at: raised, updated_at: raised };
      }));
    } else {
      const events = starts.map((s) => ({
        organization_id: p.organization_id, place_id: p.id, title: `${pick(TOPICS)}主题活动`, theme: pick(TOPICS), starts_at: iso(s), ends_at: iso(s + 2 * 3_600_000), residents: 20,
        state: s > c.now ? 'planned' : 'held', headcount: null, headcount_reason: null, created_by: c.staff, created_at: iso(s - 10 * DAY), updated_at: iso(s),
      }));
      const ids = await insertAll(db, 'lounge_events', events, true);
      await insertAll(db, 'attendance_checkins', events.flatMap((e, i) => (e.state === 'held' ? checkins('lounge_event', p.organization_id, ids[i]!, e.starts_at, 5 + int(15)) : [])));
    }
  }
}
