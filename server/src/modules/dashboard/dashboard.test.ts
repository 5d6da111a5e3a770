// The panorama's figures against records this test puts in the database, for the city alone and
// with its county: a record at 00:30 on New Year's Day in China counts in the new year though it
// is still the old one in UTC; the records behind each figure add up to it; who may read them;
// bad queries; the .docx and .xlsx opened back.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import JSZip from 'jszip';
import { testServer, type Agent, type TestServer } from '../../test/harness.js';
import { insertMember } from '../../test/people.js';
import { readSheet } from '../../platform/xlsx.js';
import { queryFigure } from '../../platform/figures.js';
import { checks } from './service.js';
import { assertBadInput, seeder, Tally } from './testing.js';

const Y = 2025;
const MID = `${Y}-06-15T02:00:00.000Z`;
const FIRST_MINUTES = `${Y - 1}-12-31T16:30:00.000Z`; // 00:30 on 1 January in China: this year
const LAST_MINUTES = `${Y}-12-31T15:30:00.000Z`; // 23:30 on 31 December in China: this year
const NEXT_YEAR = `${Y}-12-31T16:30:00.000Z`; // 00:30 on 1 January in China: next year

let t: TestServer;
let staff: Agent;
const tally = new Tally();

before(async () => {
  t = await testServer();
  staff = await t.as('staff');
  await seedYear();
});
after(() => t.close());

async function seedYear() {
  const s = seeder(t);
  const add = tally.add.bind(tally);
  // Proposals: filed, collective, accepted, key, answered, rated.
  const p1 = await s.proposal('city', { state: 'handling', filedAt: FIRST_MINUTES, reviewedAt: MID });
  add('city', 'proposals.filed', 'proposals.accepted');
  const p2 = await s.proposal('city', { state: 'replied', filedAt: MID, reviewedAt: MID, isKey: true });
  add('city', 'proposals.filed', 'proposals.accepted', 'proposals.key', 'proposals.answered');
  const p3 = await s.proposal('city', { state: 'handling', filedAt: MID, reviewedAt: LAST_MINUTES, round: 2 });
  add('city', 'proposals.filed', 'proposals.accepted', 'proposals.answered');
  await s.proposal('city', { state: 'rejected', filedAt: MID, reviewedAt: MID, kind: 'collective' });
  add('city', 'proposals.filed', 'proposals.collective');
  await s.proposal('city', { state: 'draft', filedAt: MID });
  await s.proposal('city', { state: 'submitted', filedAt: NEXT_YEAR });
  await s.proposal('city', { state: 'submitted', filedAt: LAST_MINUTES });
  add('city', 'proposals.filed');
  await s.proposal('city', { state: 'accepted', filedAt: MID, reviewedAt: NEXT_YEAR });
  add('city', 'proposals.filed');
  // 1 June 00:30 and 31 May 23:30 in China, both 31 May in UTC.
  await s.proposal('city', { state: 'submitted', filedAt: `${Y}-05-31T16:30:00.000Z` });
  await s.proposal('city', { state: 'submitted', filedAt: `${Y}-05-31T15:30:00.000Z` });
  add('city', 'proposals.filed', 'proposals.filed');
  const p8 = await s.proposal('county', { state: 'closed', filedAt: MID, reviewedAt: MID });
  add('county', 'proposals.filed', 'proposals.accepted', 'proposals.answered');
  await s.evaluation(p2, 'satisfied', MID);
  add('city', 'proposals.evaluations', 'proposals.satisfied');
  await s.evaluation(p3, 'unsatisfied', MID);
  add('city', 'proposals.evaluations');
  await s.evaluation(p8, 'basically_satisfied', MID);
  add('county', 'proposals.evaluations', 'proposals.satisfied');
  await s.evaluation(p1, 'satisfied', NEXT_YEAR);

  // Public opinion: received, compiled in issues, adopted once per level, instructed.
  const o1 = await s.opinion('city', FIRST_MINUTES);
  const o2 = await s.opinion('city', MID);
  add('city', 'opinions.received', 'opinions.received');
  const o3 = await s.opinion('city', NEXT_YEAR);
  const o4 = await s.opinion('county', MID);
  add('county', 'opinions.received');
  await s.issue('city', `${Y}-03-01`, [o1, o2]);
  add('city', 'opinions.issues', 'opinions.compiled', 'opinions.compiled');
  await s.issue('city', `${Y + 1}-01-01`, [o3]);
  await s.issue('county', `${Y}-12-31`, [o4]);
  add('county', 'opinions.issues', 'opinions.compiled');
  await s.adoption(o1, 'national', `${Y}-05-01`);
  await s.adoption(o1, 'national', `${Y}-06-01`);
  add('city', 'opinions.adopted_national');
  await s.adoption(o2, 'province', `${Y}-12-31`);
  add('city', 'opinions.adopted_province');
  await s.adoption(o2, 'city', `${Y - 1}-12-31`);
  await s.adoption(o4, 'city', `${Y}-07-01`);
  add('county', 'opinions.adopted_city');
  await s.forwarding(o1, `${Y}-04-01`);
  await s.forwarding(o1, `${Y}-04-02`);
  add('city', 'opinions.forwarded');
  await s.forwarding(o2, `${Y + 1}-01-01`);
  await s.forwarding(o4, `${Y}-12-31`);
  add('county', 'opinions.forwarded');
  await s.instruction(o1, `${Y}-08-01`);
  add('city', 'opinions.instructions');
  await s.instruction(o2, `${Y + 1}-01-01`);

  // Consultations: held (online or not), members present, online participants and comments, suggestions.
  const members = [];
  for (const name of ['张明', '李华', '王芳']) members.push(await insertMember(t, name, t.fixture.city, { gender: 'male', birthYear: 1970, affiliation: '无党派人士', sector: '经济界', workplace: '嘉兴', title: '' }));
  const m1 = await s.meeting('city', MID, 'ended', true);
  add('city', 'consultations.held', 'consultations.online');
  await s.checkIn(m1, members[0]!, MID);
  await s.checkIn(m1, members[1]!, MID);
  add('city', 'consultations.attendance', 'consultations.attendance', 'consultations.participations', 'consultations.participations');
  await s.checkIn(m1, members[2]!, null);
  for (const user of ['member', 'public']) await s.participant(m1, t.fixture.users[user]!, MID);
  add('city', 'consultations.online_participants', 'consultations.online_participants', 'consultations.participations', 'consultations.participations');
  await s.comment(m1, 'visible', MID);
  await s.comment(m1, 'visible', MID);
  add('city', 'consultations.comments', 'consultations.comments');
  await s.comment(m1, 'hidden', MID);
  await s.meeting('city', FIRST_MINUTES, 'in_progress', false);
  add('city', 'consultations.held');
  await s.meeting('city', MID, 'cancelled', true);
  await s.meeting('city', MID, 'published', false);
  const m6 = await s.meeting('city', NEXT_YEAR, 'ended', true);
  await s.participant(m6, t.fixture.users.member!, NEXT_YEAR);
  await s.meeting('county', MID, 'ended', false);
  add('county', 'consultations.held');
  await s.suggestion('city', 'consultation_meeting', m1, 'adopted', MID);
  add('city', 'consultations.suggestions_made', 'consultations.suggestions_answered', 'consultations.suggestions_adopted');
  await s.suggestion('city', 'consultation_meeting', m1, 'not_adopted', LAST_MINUTES);
  add('city', 'consultations.suggestions_made', 'consultations.suggestions_answered');
  await s.suggestion('city', 'consultation_meeting', m1, 'open', MID);
  add('city', 'consultations.suggestions_made');
  await s.suggestion('city', 'consultation_meeting', m1, 'adopted', NEXT_YEAR);
  await s.suggestion('county', 'consultation_meeting', m1, 'answered', MID);
  add('county', 'consultations.suggestions_made', 'consultations.suggestions_answered');

  // Halls and lounges.
  const h1 = await s.hallSession('city', MID, 'held');
  await s.hallSession('city', FIRST_MINUTES, 'closed');
  add('city', 'halls.sessions', 'halls.sessions');
  const users = ['member', 'public', 'staff'].map((u) => t.fixture.users[u]!);
  await s.checkin('city', 'hall_session', h1, users[0]!, MID);
  await s.checkin('city', 'hall_session', h1, users[1]!, MID);
  await s.invitee(h1, '居民代表王阿姨', null);
  add('city', 'halls.participations', 'halls.participations', 'halls.participations');
  await s.invitee(h1, '居民代表李师傅', users[1]!); // invited by account: counted by the check-in only
  const planned = await s.hallSession('city', MID, 'planned');
  await s.checkin('city', 'hall_session', planned, users[2]!, MID);
  await s.hallSession('city', NEXT_YEAR, 'held');
  await s.hallSession('county', MID, 'held');
  add('county', 'halls.sessions');
  await s.topic('city', MID);
  await s.topic('city', LAST_MINUTES);
  add('city', 'halls.topics', 'halls.topics');
  await s.topic('city', NEXT_YEAR);
  await s.topic('county', MID);
  add('county', 'halls.topics');
  await s.suggestion('city', 'hall_session', h1, 'answered', MID);
  add('city', 'halls.suggestions_made', 'halls.suggestions_answered');
  await s.suggestion('county', 'hall_session', h1, 'adopted', MID);
  add('county', 'halls.suggestions_made', 'halls.suggestions_answered', 'halls.suggestions_adopted');
  const e1 = await s.loungeEvent('city', MID, 'held');
  add('city', 'halls.lounge_events');
  for (const u of users.slice(0, 2)) await s.checkin('city', 'lounge_event', e1, u, MID);
  add('city', 'halls.lounge_participations', 'halls.lounge_participations');
  await s.loungeEvent('city', MID, 'planned');
  const e3 = await s.loungeEvent('county', LAST_MINUTES, 'held');
  add('county', 'halls.lounge_events');
  await s.checkin('county', 'lounge_event', e3, users[0]!, LAST_MINUTES);
  add('county', 'halls.lounge_participations');
}

type Figure = { code: string; value: number; records?: string; name: { zh: string; en: string }; public: boolean };
const ok = (res: { statusCode: number; body: string }, code = 200) => assert.equal(res.statusCode, code, res.body);
async function figures(agent: Agent, query: string) {
  const res = await agent.get(`/api/dashboard/figures?${query}`);
  ok(res);
  return res.data as { figures: Figure[]; checks: { codes: string[]; ok: boolean; message: { zh: string; en: string } }[] };
}
const expected = (scope: 'own' | 'system', code: string) => (scope === 'own' ? tally.own : tally.system).get(code) ?? 0;

describe('the year’s figures', () => {
  for (const scope of ['own', 'system'] as const) {
    it(`equal the records of the year in China (${scope})`, async () => {
      const got = await figures(staff, `year=${Y}&scope=${scope}`);
      const codes = got.figures.map((f) => f.code);
      for (const code of tally.system.keys()) assert.ok(codes.includes(code), `${code} is declared`);
      for (const f of got.figures) assert.equal(f.value, expected(scope, f.code), f.code);
      assert.deepEqual(got.checks.filter((c) => !c.ok), []);
    });

    it(`have records that add up to each of them (${scope})`, async () => {
      const got = await figures(staff, `year=${Y}&scope=${scope}`);
      for (const f of got.figures) {
        const seen = new Set<string>();
        for (let page = 1; ; page++) {
          const res = await staff.get(`${f.records}&page=${page}&pageSize=2`);
          ok(res);
          assert.equal(res.data.total, f.value, f.code);
          for (const r of res.data.items) {
            assert.ok(!seen.has(r.id), `${f.code}: ${r.id} once`);
            seen.add(r.id);
            assert.match(r.link, /^\/[a-z/]+\/\d+$/);
          }
          if (res.data.items.length < 2) break;
        }
        assert.equal(seen.size, f.value, f.code);
      }
    });
  }

  it('count a period of dates in China, both days included', async () => {
    const got = await figures(staff, `from=${Y}-12-31&to=${Y + 1}-01-01`);
    // Filed at 23:30 on 31 December and at 00:30 on 1 January, China time.
    const filed = got.figures.find((f) => f.code === 'proposals.filed')!;
    assert.equal(filed.value, 2);
    const records = await staff.get(filed.records!);
    ok(records);
    assert.deepEqual(records.data.items.map((r: { date: string }) => r.date), [LAST_MINUTES, NEXT_YEAR]);
    assert.equal(got.figures.find((f) => f.code === 'opinions.issues')!.value, 1);
  });

  it('count a month by China’s dates', async () => {
    const filed = async (from: string, to: string) => (await figures(staff, `from=${from}&to=${to}`)).figures.find((f) => f.code === 'proposals.filed')!.value;
    assert.equal(await filed(`${Y}-06-01`, `${Y}-06-01`), 1);
    assert.equal(await filed(`${Y}-05-31`, `${Y}-05-31`), 1);
  });

  it('say when two figures disagree instead of hiding it', async () => {
    const db = t.services.db;
    const all = queryFigure({
      code: 'test.all', order: 1, public: false, name: { zh: '全部', en: 'All' }, definition: { zh: '全部', en: 'All' }, link: (id) => `/proposals/${id}`,
      rows: (d, orgs) => d.selectFrom('proposals as p').where('p.organization_id', 'in', orgs).select(['p.id as key', 'p.title as title', 'p.created_at as date', 'p.id as target']),
    });
    const lying = { ...all, code: 'test.part', within: 'test.all', name: { zh: '部分', en: 'Part' }, count: async () => 1000 };
    const range = { from: '', to: '', fromDate: '', toDate: '' };
    const found = await checks(db, [{ decl: all, value: await all.count(db, [t.fixture.city], range) }, { decl: lying, value: 1000 }], [t.fixture.city], range);
    const bad = found.filter((c) => !c.ok);
    assert.deepEqual(bad.map((c) => c.codes), [['test.part', 'test.all'], ['test.part']]);
    assert.match(bad[0]!.message.zh, /多于/);
  });
});

describe('who may read the figures', () => {
  it('staff, leaders and admins of the city; a county sees its own, never its city', async () => {
    for (const who of ['staff', 'leader', 'admin']) ok(await (await t.as(who)).get(`/api/dashboard/figures?year=${Y}`));
    // The province above sees the city's figures as the city does.
    const province = await figures(await t.as('province_admin'), `year=${Y}&organizationId=${t.fixture.city}&scope=system`);
    for (const f of province.figures) assert.equal(f.value, expected('system', f.code), f.code);
    const county = await t.as('county_staff');
    const own = await figures(county, `year=${Y}`);
    for (const f of own.figures) assert.equal(f.value, expected('system', f.code) - expected('own', f.code), f.code);
    ok(await county.get(`/api/dashboard/figures?year=${Y}&organizationId=${t.fixture.city}`), 404);
    ok(await county.get(`/api/dashboard/figures/proposals.filed/records?year=${Y}&organizationId=${t.fixture.city}`), 404);
    ok(await county.get(`/api/dashboard/figures.docx?year=${Y}&organizationId=${t.fixture.city}`), 404);
  });

  it('members, units and the public are refused; anonymous callers must sign in', async () => {
    for (const who of ['member', 'unit', 'public']) {
      const agent = await t.as(who);
      for (const url of [`/api/dashboard/figures?year=${Y}`, `/api/dashboard/figures/proposals.filed/records?year=${Y}`, `/api/dashboard/figures.xlsx?year=${Y}`]) ok(await agent.get(url), 403);
    }
    ok(await t.anonymous().get(`/api/dashboard/figures?year=${Y}`), 401);
  });

  it('the public sees the public figures only, without their records', async () => {
    const res = await t.anonymous().get(`/api/dashboard/public/figures?organizationId=${t.fixture.city}&year=${Y}`);
    ok(res);
    const got = res.data.figures as Figure[];
    assert.ok(got.length > 0 && got.every((f) => f.public && f.records === undefined));
    assert.ok(!got.some((f) => f.code === 'proposals.satisfied'));
    for (const f of got) assert.equal(f.value, expected('own', f.code), f.code);
    assert.equal(res.data.checks, undefined);
    ok(await t.anonymous().get(`/api/dashboard/public/figures?organizationId=999999&year=${Y}`), 404);
  });
});

describe('bad queries', () => {
  const cases: [string, string][] = [
    ['/api/dashboard/figures?scope=all', 'querystring.scope'],
    ['/api/dashboard/figures?year=abc', 'querystring.year'],
    ['/api/dashboard/figures?year=1999', 'querystring.year'],
    [`/api/dashboard/figures?year=${Y}&from=${Y}-01-01&to=${Y}-02-01`, 'querystring.year'],
    [`/api/dashboard/figures?from=${Y}-01-01`, 'querystring.to'],
    [`/api/dashboard/figures?to=${Y}-01-01`, 'querystring.from'],
    [`/api/dashboard/figures?from=${Y}-02-01&to=${Y}-01-01`, 'querystring.to'],
    ['/api/dashboard/figures?from=2010-01-01&to=2020-01-01', 'querystring.to'],
    ['/api/dashboard/figures?from=2025-02-30&to=2025-03-01', 'querystring.from'],
    ['/api/dashboard/figures?colour=red', 'querystring.colour'],
    [`/api/dashboard/figures/proposals.nothing/records?year=${Y}`, 'params.code'],
    [`/api/dashboard/figures/proposals.filed/records?page=0`, 'querystring.page'],
    [`/api/dashboard/figures.docx?scope=everything`, 'querystring.scope'],
    [`/api/dashboard/public/figures?year=${Y}`, 'querystring.organizationId'],
  ];
  for (const [url, field] of cases)
    it(`${url} → 400 naming ${field}`, async () => {
      const res = await staff.get(url);
      assertBadInput(res, field);
    });

  it('a period of exactly ten years is answered', async () => ok(await staff.get('/api/dashboard/figures?from=2016-01-01&to=2025-12-31')));
});

describe('the documents', () => {
  it('.docx holds the table in report order with every figure and its value', async () => {
    const res = await staff.get(`/api/dashboard/figures.docx?year=${Y}&scope=system`);
    ok(res);
    const xml = await (await JSZip.loadAsync(res.rawPayload)).file('word/document.xml')!.async('string');
    // The cells' texts in document order: each figure's name is followed by its value.
    const cells = xml.replace(/<[^>]+>/g, '|').split('|').filter((x) => x.trim() !== '');
    for (const h of ['序号', '项目', '数值', '统计口径']) assert.ok(cells.includes(h), h);
    assert.ok(cells.some((c) => c.includes('全系统') && c.includes(`${Y}年`)), 'the title names the scope and year');
    const { figures: all } = await figures(staff, `year=${Y}&scope=system`);
    let at = 0;
    for (const f of all) {
      const found = cells.indexOf(f.name.zh, at);
      assert.ok(found > at, `${f.code} in order`);
      assert.equal(cells[found + 1], String(f.value), f.code);
      at = found;
    }
  });

  it('.xlsx has one row per figure with its value', async () => {
    const res = await staff.get(`/api/dashboard/figures.xlsx?year=${Y}`);
    ok(res);
    const sheet = await readSheet(res.rawPayload);
    assert.deepEqual(sheet.header.slice(0, 4), ['类别', '项目', '数值', '统计口径']);
    const byCode = new Map(sheet.rows.map((r) => [r.cells[4], r.cells]));
    const { figures: all } = await figures(staff, `year=${Y}`);
    assert.equal(sheet.rows.length, all.length);
    for (const f of all) {
      assert.equal(byCode.get(f.code)?.[1], f.name.zh);
      assert.equal(byCode.get(f.code)?.[2], String(expected('own', f.code)), f.code);
    }
  });
});

