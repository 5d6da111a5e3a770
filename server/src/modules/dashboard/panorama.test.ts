// The panorama against records this test puts in given months: a record at 23:30 on the last day
// of a month in China belongs to that month, one at 00:30 on the first day to the next; every
// headline's months add up to it and equal the year's figure; the breakdowns by category, sector,
// committee and level of adoption; the county table of the whole system and one county's own
// panorama; who may read it; bad queries.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testServer, type Agent, type TestServer } from '../../test/harness.js';
import { insertMember } from '../../test/people.js';
import { assertBadInput, seeder } from './testing.js';

const Y = 2025;
const JAN_LAST = `${Y}-01-31T15:30:00.000Z`; // 23:30 on 31 January in China: January
const FEB_FIRST = `${Y}-01-31T16:30:00.000Z`; // 00:30 on 1 February in China: February, though 31 January in UTC
const NEW_YEAR = `${Y - 1}-12-31T16:30:00.000Z`; // 00:30 on 1 January in China: this year's January
const DEC_LAST = `${Y}-12-31T15:30:00.000Z`; // 23:30 on 31 December in China: this year's December
const JUNE = `${Y}-06-15T02:00:00.000Z`;

let t: TestServer;
let staff: Agent;

type Row = { key: string; label: { zh: string; en: string }; value: number };
type Headline = { code: string; value: number; trend: number[]; records: string; name: { zh: string; en: string } };
type County = { organizationId: number; organizationName: string; own: boolean; values: Record<string, number>; page: string };
type Panorama = { organizationId: number; parentId: number | null; months: string[]; headlines: Headline[]; breakdowns: { code: string; rows: Row[] }[]; counties: County[] | null };

before(async () => {
  t = await testServer();
  staff = await t.as('staff');
  const s = seeder(t);
  const db = t.services.db;
  const { sectors, committees } = t.fixture;
  const profile = { gender: 'male', birthYear: 1970, affiliation: '无党派人士', workplace: '嘉兴', title: '' } as const;
  const m1 = await insertMember(t, '张明', t.fixture.city, { ...profile, sector: '经济界' });
  const m2 = await insertMember(t, '李华', t.fixture.city, { ...profile, sector: '教育界' });
  await db.insertInto('member_committees').values([
    { member_id: m1, committee_id: committees['经济委员会']! },
    { member_id: m1, committee_id: committees['提案委员会']! },
    { member_id: m2, committee_id: committees['经济委员会']! },
  ]).execute();
  // Each CPPCC has its own category tree; the top names are what a city and its counties share.
  const building = await s.category('city', '城乡建设');
  const transport = await s.category('city', '交通出行', building);
  const roads = await s.category('city', '道路', transport);
  const social = await s.category('city', '社会事业');
  const countyBuilding = await s.category('county', '城乡建设');

  await s.proposal('city', { state: 'submitted', filedAt: JAN_LAST, memberId: m1, sectorId: sectors['经济界']!, categoryId: roads });
  await s.proposal('city', { state: 'handling', filedAt: FEB_FIRST, reviewedAt: `${Y}-03-10T02:00:00.000Z`, memberId: m2, sectorId: sectors['教育界']!, categoryId: building });
  await s.proposal('city', { state: 'replied', filedAt: JUNE, reviewedAt: JUNE, kind: 'collective' });
  await s.proposal('city', { state: 'submitted', filedAt: DEC_LAST, sectorId: sectors['经济界']!, categoryId: social });
  await s.proposal('city', { state: 'submitted', filedAt: NEW_YEAR });
  await s.proposal('city', { state: 'draft', filedAt: JUNE, sectorId: sectors['经济界']! });
  await s.proposal('city', { state: 'submitted', filedAt: `${Y}-12-31T16:30:00.000Z` }); // next year in China
  await s.proposal('county', { state: 'submitted', filedAt: JUNE, sectorId: t.fixture.countySector, categoryId: countyBuilding });

  const o1 = await s.opinion('city', JAN_LAST);
  const o2 = await s.opinion('city', `${Y}-03-01T02:00:00.000Z`);
  const o3 = await s.opinion('county', JUNE);
  await s.adoption(o1, 'national', `${Y}-05-01`);
  await s.adoption(o1, 'national', `${Y}-06-01`); // the same level again: counted once, in May
  await s.adoption(o1, 'province', `${Y}-07-01`);
  await s.adoption(o2, 'city', `${Y}-08-01`);
  await s.adoption(o3, 'city', `${Y}-09-01`);
  // First adopted by the province last year: adopted again this year, it is not this year's.
  const o4 = await s.opinion('city', `${Y - 1}-10-01T02:00:00.000Z`);
  await s.adoption(o4, 'province', `${Y - 1}-11-01`);
  await s.adoption(o4, 'province', `${Y}-04-01`);

  await s.meeting('city', `${Y}-04-10T02:00:00.000Z`, 'ended', false);
  await s.meeting('county', `${Y}-05-10T02:00:00.000Z`, 'ended', false);
  await s.hallSession('county', JUNE, 'held');
});
after(() => t.close());

const ok = (res: { statusCode: number; body: string }, code = 200) => assert.equal(res.statusCode, code, res.body);
async function panorama(agent: Agent, query: string): Promise<Panorama> {
  const res = await agent.get(`/api/dashboard/panorama?${query}`);
  ok(res);
  return res.data as Panorama;
}
const head = (p: Panorama, code: string) => p.headlines.find((h) => h.code === code)!;
/** The trend as month → count, months with nothing left out. */
const months = (p: Panorama, code: string) => Object.fromEntries(p.months.map((m, i) => [m, head(p, code).trend[i]!]).filter(([, n]) => n));
const rows = (p: Panorama, code: string) => Object.fromEntries(p.breakdowns.find((b) => b.code === code)!.rows.map((r) => [r.key, r.value]));

describe('the headline figures', () => {
  it('are counted by month in China, the last minutes of a month in it', async () => {
    const p = await panorama(staff, `year=${Y}`);
    assert.deepEqual(p.months, Array.from({ length: 12 }, (_, i) => `${Y}-${String(i + 1).padStart(2, '0')}`));
    assert.deepEqual(months(p, 'proposals.filed'), { [`${Y}-01`]: 2, [`${Y}-02`]: 1, [`${Y}-06`]: 1, [`${Y}-12`]: 1 });
    assert.deepEqual(months(p, 'proposals.accepted'), { [`${Y}-03`]: 1, [`${Y}-06`]: 1 });
    assert.deepEqual(months(p, 'proposals.answered'), { [`${Y}-06`]: 1 });
    assert.deepEqual(months(p, 'opinions.received'), { [`${Y}-01`]: 1, [`${Y}-03`]: 1 });
    assert.deepEqual(months(p, 'opinions.adopted_national'), { [`${Y}-05`]: 1 });
    assert.deepEqual(months(p, 'opinions.adopted_province'), { [`${Y}-07`]: 1 });
    assert.deepEqual(months(p, 'consultations.held'), { [`${Y}-04`]: 1 });
    const system = await panorama(staff, `year=${Y}&scope=system`);
    assert.deepEqual(months(system, 'proposals.filed'), { [`${Y}-01`]: 2, [`${Y}-02`]: 1, [`${Y}-06`]: 2, [`${Y}-12`]: 1 });
    assert.deepEqual(months(system, 'halls.sessions'), { [`${Y}-06`]: 1 });
  });

  for (const scope of ['own', 'system'] as const)
    it(`add up month by month to the year's figures (${scope})`, async () => {
      const p = await panorama(staff, `year=${Y}&scope=${scope}`);
      const figures = (await staff.get(`/api/dashboard/figures?year=${Y}&scope=${scope}`)).data.figures as { code: string; value: number }[];
      for (const code of ['proposals.filed', 'proposals.accepted', 'proposals.answered', 'opinions.received', 'consultations.held', 'consultations.participations', 'halls.sessions', 'halls.suggestions_answered'])
        assert.ok(head(p, code), `${code} is a headline`);
      assert.ok(!p.headlines.some((h) => h.code === 'proposals.evaluations'), 'not every figure is a headline');
      for (const h of p.headlines) {
        assert.equal(h.trend.length, 12, h.code);
        assert.equal(h.trend.reduce((a, b) => a + b, 0), h.value, h.code);
        assert.equal(h.value, figures.find((f) => f.code === h.code)!.value, h.code);
        const records = await staff.get(h.records);
        ok(records);
        assert.equal(records.data.total, h.value, h.code);
      }
      assert.equal(head(p, 'proposals.filed').value, scope === 'own' ? 5 : 6);
    });

  it('cut the first and last month to a period of dates', async () => {
    const p = await panorama(staff, `from=${Y}-01-15&to=${Y}-02-10`);
    assert.deepEqual(p.months, [`${Y}-01`, `${Y}-02`]);
    assert.deepEqual(head(p, 'proposals.filed').trend, [1, 1]);
  });
});

describe('the breakdowns', () => {
  it('split the proposals filed by top category, sector and committee, and the adoptions by level', async () => {
    const p = await panorama(staff, `year=${Y}`);
    assert.deepEqual(rows(p, 'proposals.filed_by_category'), { 城乡建设: 2, 社会事业: 1, '': 2 });
    assert.deepEqual(rows(p, 'proposals.filed_by_sector'), { 经济界: 2, 教育界: 1, '': 1, collective: 1 });
    assert.deepEqual(rows(p, 'proposals.filed_by_committee'), { 经济委员会: 2, 提案委员会: 1 });
    assert.deepEqual(rows(p, 'opinions.adopted_by_level'), { national: 1, province: 1, city: 1 });
    const sector = p.breakdowns.find((b) => b.code === 'proposals.filed_by_sector')!.rows;
    assert.deepEqual(sector.find((r) => r.key === 'collective')!.label, { zh: '集体提案', en: 'Collective proposals' });
    assert.equal(sector.find((r) => r.key === '')!.label.zh, '未注明界别');
  });

  it('add a county’s rows of the same name into the whole system’s', async () => {
    const p = await panorama(staff, `year=${Y}&scope=system`);
    assert.equal(rows(p, 'proposals.filed_by_category')['城乡建设'], 3);
    assert.equal(rows(p, 'proposals.filed_by_sector')['经济界'], 3);
    assert.deepEqual(rows(p, 'opinions.adopted_by_level'), { national: 1, province: 1, city: 2 });
  });
});

describe('the county table', () => {
  it('has the city alone and each county, adding up to the whole system, each row opening its page', async () => {
    const p = await panorama(staff, `year=${Y}&scope=system`);
    const counties = p.counties!;
    assert.deepEqual(counties.map((c) => [c.organizationId, c.own]), [[t.fixture.city, true], [t.fixture.county, false]]);
    assert.equal(counties[1]!.organizationName, '海宁市政协');
    assert.equal(counties[0]!.values['proposals.filed'], 5);
    assert.equal(counties[1]!.values['proposals.filed'], 1);
    assert.equal(counties[1]!.values['consultations.held'], 1);
    for (const h of p.headlines) assert.equal(counties.reduce((a, c) => a + c.values[h.code]!, 0), h.value, h.code);
    assert.match(counties[1]!.page, new RegExp(`^/dashboard/panorama\\?organizationId=${t.fixture.county}&`));
    assert.match(counties[1]!.page, new RegExp(`year=${Y}`));
    assert.equal((await panorama(staff, `year=${Y}`)).counties, null, 'only for a whole system');
  });

  it('drills into one county: its own panorama equals its row, with the way back to the city', async () => {
    const system = await panorama(staff, `year=${Y}&scope=system`);
    const row = system.counties!.find((c) => !c.own)!;
    const county = await panorama(staff, row.page.slice(row.page.indexOf('?') + 1));
    assert.equal(county.organizationId, t.fixture.county);
    assert.equal(county.parentId, t.fixture.city);
    assert.equal(county.counties, null, 'a county has none below it');
    for (const h of county.headlines) assert.equal(h.value, row.values[h.code], h.code);
    assert.deepEqual(months(county, 'proposals.filed'), { [`${Y}-06`]: 1 });
    assert.deepEqual(rows(county, 'proposals.filed_by_category'), { 城乡建设: 1 });
  });
});

describe('who may read the panorama', () => {
  it('staff, leaders and admins; the province sees the city; a county its own, never its city', async () => {
    for (const who of ['staff', 'leader', 'admin']) ok(await (await t.as(who)).get(`/api/dashboard/panorama?year=${Y}`));
    const province = await panorama(await t.as('province_admin'), `year=${Y}&organizationId=${t.fixture.city}&scope=system`);
    assert.equal(head(province, 'proposals.filed').value, 6);
    const county = await t.as('county_staff');
    const own = await panorama(county, `year=${Y}`);
    assert.equal(own.organizationId, t.fixture.county);
    assert.equal(own.parentId, null, 'the city is not the county’s to see');
    assert.equal(head(own, 'proposals.filed').value, 1);
    ok(await county.get(`/api/dashboard/panorama?year=${Y}&organizationId=${t.fixture.city}`), 404);
    ok(await staff.get(`/api/dashboard/panorama?year=${Y}&organizationId=999999`), 404);
  });

  it('members, units and the public are refused; anonymous callers must sign in', async () => {
    for (const who of ['member', 'unit', 'public']) ok(await (await t.as(who)).get(`/api/dashboard/panorama?year=${Y}`), 403);
    ok(await t.anonymous().get(`/api/dashboard/panorama?year=${Y}`), 401);
  });
});

describe('bad queries', () => {
  const cases: [string, string][] = [
    ['scope=all', 'querystring.scope'],
    ['year=abc', 'querystring.year'],
    ['year=1999', 'querystring.year'],
    [`year=${Y}&from=${Y}-01-01&to=${Y}-02-01`, 'querystring.year'],
    [`from=${Y}-01-01`, 'querystring.to'],
    [`to=${Y}-01-01`, 'querystring.from'],
    [`from=${Y}-02-01&to=${Y}-01-01`, 'querystring.to'],
    ['from=2010-01-01&to=2020-01-01', 'querystring.to'],
    ['from=2025-02-30&to=2025-03-01', 'querystring.from'],
    ['organizationId=abc', 'querystring.organizationId'],
    ['colour=red', 'querystring.colour'],
  ];
  for (const [query, field] of cases)
    it(`${query} → 400 naming ${field}`, async () => {
      const res = await staff.get(`/api/dashboard/panorama?${query}`);
      assertBadInput(res, field);
    });

  it('a period of exactly ten years is answered, one month each', async () => {
    const p = await panorama(staff, 'from=2016-01-01&to=2025-12-31');
    assert.equal(p.months.length, 120);
    assert.equal(head(p, 'proposals.filed').trend.reduce((a, b) => a + b, 0), head(p, 'proposals.filed').value);
  });
});
