// Members' and contact points' reports, the workflow and its illegal transitions, the role
// matrix, issue numbering under concurrency, the .docx export, scoring and statistics.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import JSZip from 'jszip';
import ExcelJS from 'exceljs';
import { hostile, testServer, type Agent, type TestServer } from '../../test/harness.js';
import { aMember, aPlace, count } from './testing.js';
import { chinaDate, chinaYear } from '../../platform/time.js';

let t: TestServer;
let staff: Agent;
let member: Agent;
let memberId: number;
let coId: number;
let contactPoint: number;
before(async () => {
  t = await testServer({ challengeBits: 0 });
  staff = await t.as('staff');
  memberId = await aMember(t, '周静', '经济界', 'member');
  coId = await aMember(t, '陆明', '教育界');
  contactPoint = await aPlace(t, '秀洲区王江泾镇社情民意联系点', 'contact_point', memberId);
  member = await t.as('member');
});
after(() => t.close());

const report = (over: Record<string, unknown> = {}) => ({
  organizationId: t.fixture.city,
  title: `关于加强社区养老服务的建议${hostile}`,
  text: '随着人口老龄化加剧，社区居家养老服务供给不足，助餐、助浴等服务覆盖面窄，建议加大投入。',
  category: 'elderly',
  ...over,
});

async function newReport(over: Record<string, unknown> = {}) {
  const res = await member.post('/api/opinions', report(over));
  assert.equal(res.statusCode, 201, res.body);
  return res.data.id as number;
}
/** A report received on `date` of an earlier year (as a past year's data would be). */
async function backdate(id: number, date: string) {
  await t.services.db.updateTable('opinions').set({ submitted_at: `${date}T02:00:00.000Z`, year: Number(date.slice(0, 4)) }).where('id', '=', id).execute();
}

async function accepted(over: Record<string, unknown> = {}) {
  const id = await newReport(over);
  assert.equal((await staff.post(`/api/opinions/${id}/screen`, { event: 'accept' })).statusCode, 200);
  return id;
}

describe('reports from members and contact points', () => {
  it('a member reports jointly; co-reporters are credited and see it in their list', async () => {
    const res = await member.post('/api/opinions', report({ coReporterIds: [coId] }));
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.data.source, 'member');
    assert.equal(res.data.state, 'new');
    assert.equal(res.data.title, `关于加强社区养老服务的建议${hostile}`);
    assert.deepEqual(res.data.reporters.map((r: { name: string; lead: boolean }) => [r.name, r.lead]), [['周静', true], ['陆明', false]]);
    assert.equal(res.data.abilities.accept, false, 'a member may not screen');
    const mine = await member.get('/api/opinions/mine');
    assert.ok(mine.data.items.some((o: { id: number }) => o.id === res.data.id));
    const seen = await staff.get(`/api/opinions/${res.data.id}`);
    assert.equal(seen.data.abilities.accept, true);
    assert.equal(seen.data.abilities.compile, false);
  });

  it('the member who runs a contact point reports for it', async () => {
    const res = await member.post('/api/opinions', report({ contactPointId: contactPoint }));
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.data.source, 'contact_point');
    assert.equal(res.data.placeName, '秀洲区王江泾镇社情民意联系点');
  });

  it('refuses bad reports with field errors and stores nothing', async () => {
    const before = await count(t, 'opinions');
    const bad: [Record<string, unknown>, number][] = [
      [{ text: '' }, 400],
      [{ text: '长'.repeat(2001) }, 400],
      [{ category: 'weather' }, 400],
      [{ coReporterIds: [99999] }, 400],
      [{ attachmentIds: ['0'.repeat(32)] }, 400],
      [{ contactPointId: 99999 }, 400],
      [{ extra: 1 }, 400],
    ];
    for (const [over, status] of bad) {
      const res = await member.post('/api/opinions', report(over));
      assert.equal(res.statusCode, status, JSON.stringify(over));
      assert.ok(res.data.title && res.data.title_en);
    }
    assert.equal((await (await t.as('leader')).post('/api/opinions', report())).statusCode, 403);
    assert.equal(await count(t, 'opinions'), before);
  });

  it('refuses a report to an organization that does not exist naming organizationId, not the co-reporters', async () => {
    for (const organizationId of [99999, 2 ** 31 - 1]) {
      const res = await member.post('/api/opinions', report({ organizationId, coReporterIds: [coId] }));
      assert.equal(res.statusCode, 400, res.body);
      assert.deepEqual(res.data.errors.map((e: { field: string }) => e.field), ['body.organizationId']);
      assert.ok(res.data.errors[0].message && res.data.errors[0].message_en);
    }
  });

  it('groups similar reports with a count', async () => {
    const a = await newReport({ title: '公交', text: '建议在嘉兴南湖区新兴街道增设公交候车亭，方便老人雨天候车。' });
    const b = await newReport({ title: '候车亭', text: '新兴街道公交站没有候车亭，建议增设公交候车亭，雨天老人候车不便。' });
    const c = await newReport({ title: '其他', text: '学校周边交通拥堵严重，建议错峰放学并增派交警疏导。' });
    const groups = await staff.get('/api/opinions/similar');
    const group = groups.data.find((g: { opinionIds: number[] }) => g.opinionIds.includes(a));
    assert.ok(group, JSON.stringify(groups.data));
    assert.ok(group.opinionIds.includes(b) && !group.opinionIds.includes(c));
    assert.equal((await staff.get(`/api/opinions/${b}`)).data.similarCount, group.count);
  });
});

describe('screening workflow', () => {
  it('accepts, marks duplicates (linked), and refuses with a reason the source sees', async () => {
    const first = await newReport();
    const dup = await newReport();
    const no = await newReport();
    assert.equal((await staff.post(`/api/opinions/${first}/screen`, { event: 'accept' })).data.state, 'accepted');
    const d = await staff.post(`/api/opinions/${dup}/screen`, { event: 'mark_duplicate', duplicateOf: first });
    assert.equal(d.data.state, 'duplicate');
    assert.equal(d.data.duplicateOf, first);
    const n = await staff.post(`/api/opinions/${no}/screen`, { event: 'not_use', reason: '内容已由相关部门答复' });
    assert.equal(n.data.state, 'not_used');
    const own = await member.get(`/api/opinions/${no}`);
    assert.equal(own.data.reason, '内容已由相关部门答复');
    assert.equal((await staff.post(`/api/opinions/${no}/screen`, { event: 'reopen' })).data.state, 'new');
  });

  it('refuses illegal transitions with 409 and leaves the state alone', async () => {
    const id = await accepted();
    const again = await staff.post(`/api/opinions/${id}/screen`, { event: 'accept' });
    assert.equal(again.statusCode, 409);
    assert.ok(again.data.detail && again.data.detail_en);
    assert.equal((await staff.post(`/api/opinions/${id}/adoptions`, { level: 'city', adoptedBy: '市委办公室', adoptedOn: '2025-01-02' })).statusCode, 409, 'adoption before forwarding');
    assert.equal((await staff.post(`/api/opinions/${id}/instructions`, { leader: '市长', level: 'city', instructedOn: '2025-01-02', text: '阅' })).statusCode, 409);
    const fresh = await newReport();
    assert.equal((await staff.post('/api/opinions/issues', { organizationId: t.fixture.city, items: [{ opinionId: fresh }] })).statusCode, 409, 'compiling an unscreened report');
    assert.equal((await staff.post(`/api/opinions/${fresh}/screen`, { event: 'mark_duplicate', duplicateOf: fresh })).statusCode, 400, 'a report is no duplicate of itself');
    assert.equal((await staff.post(`/api/opinions/${fresh}/screen`, { event: 'not_use' })).statusCode, 400, 'not used needs a reason');
    assert.equal((await staff.get(`/api/opinions/${fresh}`)).data.state, 'new');
    assert.equal((await staff.get(`/api/opinions/${id}`)).data.state, 'accepted');
  });
});

describe('role matrix', () => {
  it('lets only the office of the organization (or above) act, and hides reports from outsiders', async () => {
    const id = await newReport();
    const screen = { event: 'accept' };
    for (const who of ['member', 'leader', 'unit', 'public']) assert.equal((await (await t.as(who)).post(`/api/opinions/${id}/screen`, screen)).statusCode, 403, who);
    assert.equal((await (await t.as('county_staff')).post(`/api/opinions/${id}/screen`, screen)).statusCode, 404, 'a county does not see the city');
    assert.equal((await t.anonymous().post(`/api/opinions/${id}/screen`, screen)).statusCode, 401);
    for (const who of ['unit', 'public', 'county_staff']) assert.equal((await (await t.as(who)).get(`/api/opinions/${id}`)).statusCode, 404, who);
    for (const who of ['unit', 'public', 'member']) assert.equal((await (await t.as(who)).get('/api/opinions')).statusCode, 403, who);
    for (const who of ['unit', 'public']) assert.equal((await (await t.as(who)).get('/api/opinions/stats')).statusCode, 403, who);
    assert.equal((await (await t.as('leader')).get(`/api/opinions/${id}`)).statusCode, 200);
    assert.equal((await (await t.as('leader')).get('/api/opinions/stats')).statusCode, 200);
    assert.equal((await (await t.as('province_admin')).post(`/api/opinions/${id}/screen`, screen)).statusCode, 200, 'the province acts for its cities');
    assert.equal((await staff.request('PUT', '/api/opinions/scoring-rules', { organizationId: t.fixture.city, rules: { submitted: 2 } })).statusCode, 403, 'only admins change scoring');
    assert.equal((await (await t.as('unit')).post('/api/opinions/issues', { organizationId: t.fixture.city, items: [{ opinionId: id }] })).statusCode, 403);
  });
});

describe('bulletin issues', () => {
  it('numbers ten issues compiled at the same moment 1..10 without gaps or duplicates', async () => {
    const ids = [];
    for (let i = 0; i < 10; i++) ids.push(await accepted({ title: `并发编报${i}` }));
    const staff2 = await t.as('admin');
    const results = await Promise.all(ids.map((id, i) => (i % 2 ? staff : staff2).post('/api/opinions/issues', { organizationId: t.fixture.city, publishedOn: chinaDate(), items: [{ opinionId: id }] })));
    assert.deepEqual(results.map((r) => r.statusCode), Array(10).fill(201), results.map((r) => r.body).join('\n'));
    assert.deepEqual(results.map((r) => r.data.number).sort((a, b) => a - b), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const next = await accepted();
    await backdate(next, '2019-12-20');
    const other = await staff.post('/api/opinions/issues', { organizationId: t.fixture.city, publishedOn: '2019-12-30', items: [{ opinionId: next }] });
    assert.equal(other.data.number, 1, 'numbering starts again each year');
  });

  it('compiles several reports into one issue with credits and exports it as .docx', async () => {
    const a = await accepted({ coReporterIds: [coId], title: '关于完善农村养老互助的建议' });
    const b = await accepted({ title: '关于规范电动自行车停放充电的建议' });
    for (const id of [a, b]) await backdate(id, '2018-05-20');
    const res = await staff.post('/api/opinions/issues', { organizationId: t.fixture.city, publishedOn: '2018-06-01', items: [{ opinionId: a, text: '编辑后的正文。\n第二段。' }, { opinionId: b }] });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.data.title, '《社情民意》2018年第1期');
    assert.deepEqual(res.data.items.map((i: { credits: string }) => i.credits), ['周静、陆明', '周静']);
    assert.equal((await staff.get(`/api/opinions/${a}`)).data.state, 'compiled');
    assert.equal((await staff.post('/api/opinions/issues', { organizationId: t.fixture.city, items: [{ opinionId: a }] })).statusCode, 409, 'compiled once');
    const doc = await staff.get(`/api/opinions/issues/${res.data.id}/export.docx`);
    assert.equal(doc.statusCode, 200);
    const xml = await (await JSZip.loadAsync(doc.rawPayload)).file('word/document.xml')!.async('string');
    for (const s of ['社情民意', '2018年第1期', '嘉兴市政协', '关于完善农村养老互助的建议', '第二段。', '周静、陆明']) assert.ok(xml.includes(s), s);
  });
});

describe('results, scoring and statistics', () => {
  it('records forwarding, adoption at each level, instructions and feedback; ranks members, sectors and contact points', async () => {
    const admin = await t.as('admin');
    const rules = await admin.request('PUT', '/api/opinions/scoring-rules', { organizationId: t.fixture.city, rules: { adopted_national: 50 } });
    assert.equal(rules.data.adopted_national, 50);
    assert.equal(rules.data.submitted, 1);
    const id = await accepted({ coReporterIds: [coId] });
    await staff.post('/api/opinions/issues', { organizationId: t.fixture.city, items: [{ opinionId: id }] });
    assert.equal((await staff.post(`/api/opinions/${id}/forward`, { recipient: 'national_cppcc', sentOn: chinaDate() })).data.state, 'forwarded');
    await staff.post(`/api/opinions/${id}/forward`, { recipient: 'city_government', recipientName: '市政府办公室', sentOn: chinaDate() });
    assert.equal((await staff.post(`/api/opinions/${id}/adoptions`, { level: 'national', adoptedBy: '全国政协办公厅', adoptedOn: chinaDate() })).data.state, 'adopted');
    await staff.post(`/api/opinions/${id}/adoptions`, { level: 'national', adoptedBy: '全国政协办公厅', adoptedOn: chinaDate() });
    await staff.post(`/api/opinions/${id}/instructions`, { leader: '王书记', level: 'city', instructedOn: chinaDate(), text: '请市民政局牵头研究。' });
    await staff.post(`/api/opinions/${id}/feedback`, { fromName: '市民政局', text: '已纳入年度民生实事项目。', receivedOn: chinaDate(), final: true });
    const own = await member.get(`/api/opinions/${id}`);
    assert.equal(own.data.feedback[0].text, '已纳入年度民生实事项目。');
    const ledger = await t.services.db.selectFrom('opinion_points').select(['event', 'points']).where('opinion_id', '=', id).where('member_id', '=', coId).execute();
    // submitted 1 + accepted 2 + compiled 3 + national adoption 50 (once) + city instruction 5
    assert.equal(ledger.reduce((a, r) => a + r.points, 0), 61);
    const members = await staff.get('/api/opinions/ranking?by=member');
    assert.equal(members.data[0].name, '周静');
    assert.ok(members.data.some((m: { name: string }) => m.name === '陆明'));
    const sectors = await staff.get('/api/opinions/ranking?by=sector');
    assert.deepEqual(sectors.data.map((s: { name: string }) => s.name).sort(), ['教育界', '经济界']);
    const cps = await staff.get('/api/opinions/ranking?by=contact_point');
    assert.deepEqual(cps.data.map((s: { name: string }) => s.name), ['秀洲区王江泾镇社情民意联系点']);
    const xlsx = await staff.get('/api/opinions/ranking.xlsx?by=member');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    assert.equal(wb.worksheets[0]!.getRow(2).getCell(2).value, '周静');
  });

  it('gives statistics by state, source, category, month and level, with the headline figures', async () => {
    const year = chinaYear();
    const stats = await staff.get(`/api/opinions/stats?year=${year}`);
    assert.equal(stats.statusCode, 200, stats.body);
    // Reports of this year: the bulletin tests put a few into earlier years.
    const total = Number((await t.services.db.selectFrom('opinions').select((eb) => eb.fn.countAll().as('n')).where('year', '=', year).executeTakeFirstOrThrow()).n);
    assert.equal(stats.data.received, total);
    assert.equal(stats.data.bySource.contact_point, 1);
    assert.equal(stats.data.byCategory.elderly + (stats.data.byCategory.transport ?? 0) + (stats.data.byCategory.education ?? 0), total);
    assert.equal(stats.data.byMonth[chinaDate().slice(0, 7)], total);
    assert.equal(stats.data.adopted.national, 1, 'counted in the year of the adoption date');
    assert.equal(stats.data.instructions.city, 1);
    assert.equal(stats.data.forwarded, 1);
    assert.match(stats.data.headline.zh, /被全国政协采用 1 条/);
    assert.equal((await staff.get(`/api/opinions/stats?organizationId=${t.fixture.province}`)).statusCode, 404, 'a city does not see the province');

    // Months are China's: a report sent at 01:00 on 1 January 2024 in Jiaxing (17:00 UTC the day
    // before) counts in that January.
    const at = '2023-12-31T17:00:00.000Z';
    await t.services.db.insertInto('opinions').values({ ...(await t.services.db.selectFrom('opinions').selectAll().where('organization_id', '=', t.fixture.city).executeTakeFirstOrThrow()), id: undefined, year: 2024, tracking_code: null, submitted_at: at, updated_at: at }).execute();
    assert.deepEqual((await staff.get('/api/opinions/stats?year=2024')).data.byMonth, { '2024-01': 1 });
  });

  it('adds up the CPPCCs below for the figures of the whole system (scope=system)', async () => {
    const year = chinaYear();
    const stats = async (a: Agent, query: string) => {
      const res = await a.get(`/api/opinions/stats?year=${year}${query}`);
      assert.equal(res.statusCode, 200, res.body);
      return res.data;
    };
    const before = await stats(staff, '');
    const point = await aPlace(t, '海宁市硖石街道社情民意联系点', 'contact_point', null, t.fixture.county);
    const res = await staff.post('/api/opinions', report({ organizationId: t.fixture.county, contactPointId: point, category: 'transport' }));
    assert.equal(res.statusCode, 201, res.body);

    const city = await stats(staff, '');
    assert.equal(city.received, before.received, 'the city alone, as before');
    assert.equal(city.scope, 'own');
    const system = await stats(staff, '&scope=system');
    assert.equal(system.scope, 'system');
    assert.equal(system.received, before.received + 1);
    assert.equal(system.byCategory.transport, (before.byCategory.transport ?? 0) + 1);
    assert.ok(system.byPlace.some((p: { name: string }) => p.name === '海宁市硖石街道社情民意联系点'));
    assert.ok([t.fixture.city, t.fixture.county].every((o) => system.organizationIds.includes(o)));
    assert.ok(!system.organizationIds.includes(t.fixture.province));
    assert.match(system.headline.zh, new RegExp(`全年收到社情民意信息 ${system.received} 条`));

    // The county's own office counts its report; it does not reach the city's system.
    const countyStaff = await t.as('county_staff');
    assert.equal((await stats(countyStaff, '&scope=system')).received, 1);
    assert.equal((await countyStaff.get(`/api/opinions/stats?organizationId=${t.fixture.city}&scope=system`)).statusCode, 404);
    const bad = await staff.get('/api/opinions/stats?scope=everything');
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.headers['content-type'], 'application/problem+json; charset=utf-8');
  });
});
