import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { hostile, multipart, testServer, type Agent, type TestServer } from '../../test/harness.js';
import { insertMember, type MemberProfile } from '../../test/people.js';
import { aPlace } from '../opinions/testing.js';
import { OPINION_COLUMNS } from './columns.js';

let t: TestServer;
let staff: Agent;
const PROFILE: MemberProfile = { gender: 'female', birthYear: 1970, affiliation: '中国民主同盟', sector: '经济界', workplace: `嘉兴某研究院${hostile}`, title: '研究员' };
const POINT = '王江泾镇社情民意联系点';
const URL = () => `/api/history/opinions/import?organizationId=${t.fixture.city}`;
const HEADERS = OPINION_COLUMNS.map((c) => c.header);

type Row = Partial<Record<(typeof HEADERS)[number], string>>;
const adopted = (over: Row = {}): Row => ({
  标题: `关于加强农村养老服务的建议${hostile}`, 内容: '农村留守老人增多，助餐、助医服务覆盖面窄。', 报送人类型: '委员', 报送人: '周静、陆明', 分类: '养老服务',
  报送日期: '2023-03-02', 最终状态: '已被采用', 编报年度: '2023', 期号: '5', 编报日期: '2023-03-15', 转送对象: '省政协、市民政局', 转送日期: '2023-03-20',
  省政协采用日期: '2023-04-10', 批示领导: '市长 李明', 批示层级: '市级', 批示日期: '2023-04-02', 批示内容: '请市民政局研究落实。',
  反馈单位: '市民政局', 反馈日期: '2023-06-01', 反馈内容: '已在全市推广老年食堂建设。', ...over,
});
const compiled = (over: Row = {}): Row => ({
  标题: '关于规范快递驿站管理的建议', 内容: '部分小区快递驿站占用消防通道。', 报送人类型: '联系点', 报送人: POINT, 分类: '基层治理',
  报送日期: '2023-03-05', 最终状态: '已编报', 编报年度: '2023', 期号: '5', 编报日期: '2023-03-15', ...over,
});
const notUsed = (over: Row = {}): Row => ({ 标题: '关于增设路灯的建议', 报送人类型: '委员', 报送人: '陆明', 报送日期: '2023-07-01', 最终状态: '未采用', 未采用原因: '已有部门在办理', ...over });

async function sheet(rows: Row[]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('历史社情民意');
  ws.addRow(HEADERS);
  for (const r of rows) ws.addRow(HEADERS.map((h) => r[h] ?? ''));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const upload = async (agent: Agent, rows: Row[], commit = false) => {
  const { body, headers } = multipart(await sheet(rows), '历史社情民意.xlsx');
  return agent.importFile(URL() + (commit ? '&commit=true' : ''), { body, headers });
};
const count = async (table: 'opinions' | 'opinion_issues' | 'opinion_points' | 'notifications' | 'audit_log') =>
  Number((await t.services.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
type Err = { column: string; message: string; message_en: string };

before(async () => {
  t = await testServer({ challengeBits: 0 });
  staff = await t.as('staff');
  const memberId = await insertMember(t, '周静', t.fixture.city, PROFILE);
  await insertMember(t, '陆明', t.fixture.city, PROFILE);
  await insertMember(t, '王芳', t.fixture.city, PROFILE);
  await insertMember(t, '王芳', t.fixture.city, PROFILE);
  await t.services.db.updateTable('users').set({ member_id: memberId }).where('username', '=', 'member').execute();
  await aPlace(t, POINT, 'contact_point');
});
after(() => t.close());

describe('past public-opinion reports', () => {
  it('refuses anonymous callers, members, units and staff of a county, writing nothing', async () => {
    const before = await count('opinions');
    assert.equal((await t.anonymous().get('/api/history/templates/opinions.xlsx')).statusCode, 401);
    assert.equal((await upload(t.anonymous(), [adopted()], true)).statusCode, 401);
    for (const who of ['member', 'unit']) {
      assert.equal((await (await t.as(who)).get('/api/history/templates/opinions.xlsx')).statusCode, 403);
      assert.equal((await upload(await t.as(who), [adopted()], true)).statusCode, 403);
    }
    const county = await upload(await t.as('county_staff'), [adopted()], true);
    assert.equal(county.statusCode, 403, county.body);
    assert.equal(await count('opinions'), before);
  });

  it('offers a template with the Chinese headers, an example row and a sheet explaining each column', async () => {
    const res = await staff.get('/api/history/templates/opinions.xlsx');
    assert.equal(res.statusCode, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    assert.equal(wb.worksheets[0]!.name, '历史社情民意');
    assert.deepEqual((wb.worksheets[0]!.getRow(1).values as unknown[]).slice(1), HEADERS);
    assert.equal(wb.worksheets[0]!.getRow(2).getCell(1).value, '关于加强农村养老服务的建议');
    assert.equal(wb.worksheets[1]!.name, '填写说明');
    assert.equal(wb.worksheets[1]!.rowCount, HEADERS.length + 1);
  });

  it('previews a file with errors row by row, naming row and column in Chinese and English, and writes nothing', async () => {
    const before = await Promise.all([count('opinions'), count('opinion_issues'), count('opinion_points')]);
    const res = await upload(staff, [
      adopted(),
      compiled({ 报送人: '王芳', 报送人类型: '委员', 报送日期: '2099-01-01' }),
      adopted({ 省政协采用日期: '2023-03-10', 转送日期: '' }),
      notUsed({ 期号: '6' }),
      compiled({ 编报日期: '2023-03-16' }),
    ]);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.data.committed, false);
    assert.deepEqual(res.data.rows.map((r: { state: string }) => r.state), ['new', 'error', 'error', 'error', 'error']);
    const errors = (i: number) => res.data.rows[i].errors as Err[];
    const on = (i: number, column: string) => errors(i).find((e) => e.column === column)!;
    assert.equal(res.data.rows[1].row, 3);
    assert.deepEqual(errors(1).map((e) => e.column).sort(), ['报送人', '报送日期'].sort());
    assert.match(on(1, '报送人').message, /王芳/);
    assert.match(on(1, '报送人').message_en, /^reporters: no member \(or more than one\)/);
    assert.match(on(1, '报送日期').message, /不能晚于今天/);
    assert.match(on(1, '报送日期').message_en, /^received on: cannot be later than today/);
    // An adoption before the report was compiled; a forwarded report without its forwarding date.
    assert.deepEqual(errors(2).map((e) => e.column).sort(), ['省政协采用日期', '转送日期'].sort());
    assert.equal(on(2, '省政协采用日期').message, '不能早于编报日期 2023-03-15');
    assert.match(on(2, '省政协采用日期').message_en, /^adopted by the province on: cannot be earlier than the compilation date, 2023-03-15/);
    assert.equal(errors(3)[0]!.column, '期号');
    // Rows of one issue share its date.
    assert.equal(errors(4)[0]!.column, '编报日期');
    assert.match(errors(4)[0]!.message, /2023 年第 5 期/);

    const refused = await upload(staff, [adopted(), notUsed({ 报送人: '不存在的人' })], true);
    assert.equal(refused.statusCode, 422);
    assert.equal(refused.data.code, 'import_invalid');
    assert.deepEqual(await Promise.all([count('opinions'), count('opinion_issues'), count('opinion_points')]), before);
  });

  it('commits a good file with the original dates: listed, searchable, counted and ranked in its year, without notifications', async () => {
    const [opinions, notifications, audits] = [await count('opinions'), await count('notifications'), await count('audit_log')];
    const res = await upload(staff, [adopted(), compiled(), notUsed()], true);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.data.committed, true);
    assert.equal(await count('opinions'), opinions + 3);
    assert.equal(await count('notifications'), notifications);
    assert.equal(await count('audit_log'), audits + 4, 'three reports and their issue');
    const imported = await t.services.db.selectFrom('audit_log').select(['action', 'entity_type']).orderBy('id', 'desc').limit(4).execute();
    assert.deepEqual(imported.map((a) => a.action), ['import', 'import', 'import', 'import']);
    assert.deepEqual(imported.map((a) => a.entity_type).sort(), ['opinion', 'opinion', 'opinion', 'opinion_issue']);

    const stats = await staff.get(`/api/opinions/stats?organizationId=${t.fixture.city}&year=2023`);
    assert.equal(stats.statusCode, 200, stats.body);
    assert.equal(stats.data.received, 3);
    assert.deepEqual(stats.data.byState, { adopted: 1, compiled: 1, not_used: 1 });
    assert.equal(stats.data.accepted, 2);
    assert.equal(stats.data.compiled, 2);
    assert.equal(stats.data.issues, 1);
    assert.equal(stats.data.forwarded, 1);
    assert.deepEqual(stats.data.adopted, { national: 0, province: 1, city: 0 });
    assert.deepEqual(stats.data.instructions, { national: 0, province: 0, city: 1 });
    assert.deepEqual(stats.data.bySource, { member: 2, contact_point: 1 });
    assert.deepEqual(stats.data.byMonth, { '2023-03': 2, '2023-07': 1 });
    assert.equal(stats.data.byCategory.elderly, 1);

    const list = await staff.get(`/api/opinions?organizationId=${t.fixture.city}&year=2023`);
    assert.equal(list.data.items.length, 3);
    const found = await staff.get(`/api/opinions?organizationId=${t.fixture.city}&q=${encodeURIComponent('快递驿站')}`);
    assert.deepEqual(found.data.items.map((o: { title: string }) => o.title), ['关于规范快递驿站管理的建议']);
    assert.equal(found.data.items[0].placeName, POINT);

    const id = list.data.items.find((o: { title: string }) => o.title.startsWith('关于加强农村养老')).id;
    const detail = await staff.get(`/api/opinions/${id}`);
    assert.equal(detail.statusCode, 200, detail.body);
    assert.equal(detail.data.state, 'adopted');
    assert.match(detail.data.submittedAt, /^2023-03-02/);
    assert.deepEqual(detail.data.reporters.map((r: { name: string; lead: boolean }) => [r.name, r.lead]), [['周静', true], ['陆明', false]]);
    assert.deepEqual([detail.data.issue.year, detail.data.issue.number], [2023, 5]);
    assert.deepEqual(detail.data.forwardings.map((f: { recipient: string; recipientName: string | null; sentOn: string }) => [f.recipient, f.recipientName, f.sentOn]), [['province_cppcc', null, '2023-03-20'], ['department', '市民政局', '2023-03-20']]);
    assert.deepEqual(detail.data.adoptions.map((a: { level: string; adoptedBy: string; adoptedOn: string }) => [a.level, a.adoptedBy, a.adoptedOn]), [['province', '省政协', '2023-04-10']]);
    assert.deepEqual(detail.data.instructions.map((i: { leader: string; level: string; instructedOn: string }) => [i.leader, i.level, i.instructedOn]), [['市长 李明', 'city', '2023-04-02']]);
    assert.equal(detail.data.feedback[0].receivedOn, '2023-06-01');
    assert.equal(detail.data.abilities.compile, false);

    const issues = await staff.get(`/api/opinions/issues?organizationId=${t.fixture.city}&year=2023`);
    assert.equal(issues.data.length, 1);
    const issue = issues.data[0];
    assert.equal(issue.title, '《社情民意》2023年第5期');
    assert.equal(issue.publishedOn, '2023-03-15');
    assert.deepEqual(issue.items.map((i: { position: number; credits: string }) => [i.position, i.credits]), [[1, '周静、陆明'], [2, `${POINT}（群众反映）`]]);

    // Each source earns in 2023 what the live steps would have given it (default rules):
    // submitted 1 + accepted 2 + compiled 3 + adopted by the province 10 + a city instruction 5.
    const ranking = await staff.get(`/api/opinions/ranking?organizationId=${t.fixture.city}&year=2023&by=member`);
    assert.deepEqual(ranking.data.map((r: { name: string; points: number; opinions: number }) => [r.name, r.points, r.opinions]), [['陆明', 22, 2], ['周静', 21, 1]]);
    const points = await staff.get(`/api/opinions/ranking?organizationId=${t.fixture.city}&year=2023&by=contact_point`);
    assert.deepEqual(points.data.map((r: { name: string; points: number }) => [r.name, r.points]), [[POINT, 6]]);
    const at = await t.services.db.selectFrom('opinion_points').select('at').where('opinion_id', '=', id).where('event', '=', 'adopted_province').execute();
    assert.match(at[0]!.at, /^2023-04-10/);
  });

  it('keeps imported reports closed: they cannot be compiled, screened or adopted at the same level again', async () => {
    const list = await staff.get(`/api/opinions?organizationId=${t.fixture.city}&year=2023`);
    const id = (title: string) => list.data.items.find((o: { title: string }) => o.title.startsWith(title)).id as number;
    const again = await staff.post('/api/opinions/issues', { organizationId: t.fixture.city, publishedOn: '2023-12-01', items: [{ opinionId: id('关于加强农村养老') }] });
    assert.equal(again.statusCode, 409, again.body);
    assert.equal((await staff.post(`/api/opinions/${id('关于规范快递驿站')}/screen`, { event: 'accept' })).statusCode, 409);
    assert.equal((await staff.post(`/api/opinions/${id('关于增设路灯')}/screen`, { event: 'accept' })).statusCode, 409);
    const twice = await staff.post(`/api/opinions/${id('关于加强农村养老')}/adoptions`, { level: 'province', adoptedBy: '省政协', adoptedOn: '2023-05-01' });
    assert.equal(twice.statusCode, 409, 'the province adopted it already');
    assert.match(twice.data.detail, /同一层级/);
  });

  it('makes an issue number already in the database a row error', async () => {
    const res = await upload(staff, [compiled({ 标题: '另一条信息' }), compiled({ 标题: '第六期的信息', 期号: '6' })]);
    assert.deepEqual(res.data.rows.map((r: { state: string }) => r.state), ['error', 'new']);
    assert.equal(res.data.rows[0].errors[0].column, '期号');
    assert.match(res.data.rows[0].errors[0].message, /已有 2023 年第 5 期/);
  });

  it('gives the next live issue of that year the number after the imported one', async () => {
    const made = await (await t.as('member')).post('/api/opinions', { organizationId: t.fixture.city, title: '关于优化公交线路的建议', text: '部分偏远村镇公交班次少，群众出行不便。', category: 'transport' });
    assert.equal(made.statusCode, 201, made.body);
    const id = made.data.id as number;
    assert.equal((await staff.post(`/api/opinions/${id}/screen`, { event: 'accept' })).statusCode, 200);
    await t.services.db.updateTable('opinions').set({ submitted_at: '2023-08-01T02:00:00.000Z', year: 2023 }).where('id', '=', id).execute();
    const res = await staff.post('/api/opinions/issues', { organizationId: t.fixture.city, publishedOn: '2023-09-01', items: [{ opinionId: id }] });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.data.number, 6);
  });
});
