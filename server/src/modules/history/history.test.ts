import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { hostile, multipart, testServer, type Agent, type TestServer } from '../../test/harness.js';
import { insertMember, type MemberProfile } from '../../test/people.js';
import { sql } from 'kysely';
import { blanks, manyRows, workbook } from '../../test/zip-files.js';
import { PROPOSAL_COLUMNS } from './columns.js';

let t: TestServer;
let staff: Agent;
let category: number;
let session2: number;
const PROFILE: MemberProfile = { gender: 'female', birthYear: 1970, affiliation: '中国民主同盟', sector: '经济界', workplace: `嘉兴某研究院${hostile}`, title: '研究员' };
const URL = () => `/api/history/proposals/import?organizationId=${t.fixture.city}`;
const HEADERS = PROPOSAL_COLUMNS.map((c) => c.header);

type Row = Partial<Record<(typeof HEADERS)[number], string>>;
const answered = (over: Row = {}): Row => ({
  届次: '9', 会议次数: '2', 提案号: '5', 标题: `关于完善托育服务体系的建议${hostile}`, 内容: '托育机构不足', 提案类型: '个人', 提案人: '周静', 分类: '社会建设',
  最终状态: '已答复', 主办单位: '市教育局', 答复类别: 'A', 提交日期: '2023-01-10', 立案日期: '2023-01-20', 交办日期: '2023-02-01', 答复日期: '2023-05-10', ...over,
});
const rejected = (over: Row = {}): Row => ({
  届次: '9', 会议次数: '2', 标题: '关于增设路灯的建议', 提案类型: '联名', 提案人: '周静、陆明', 最终状态: '不立案', 提交日期: '2023-01-11', 立案日期: '2023-01-21', ...over,
});

async function sheet(rows: Row[]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('历史提案');
  ws.addRow(HEADERS);
  for (const r of rows) ws.addRow(HEADERS.map((h) => r[h] ?? ''));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const upload = async (agent: Agent, rows: Row[], commit = false) => {
  const { body, headers } = multipart(await sheet(rows), '历史提案.xlsx');
  return agent.importFile(URL() + (commit ? '&commit=true' : ''), { body, headers });
};
const count = async (table: 'proposals' | 'proposal_assignments' | 'proposal_counters' | 'notifications' | 'audit_log') =>
  Number((await t.services.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

before(async () => {
  t = await testServer();
  staff = await t.as('staff');
  const memberId = await insertMember(t, '周静', t.fixture.city, PROFILE);
  await insertMember(t, '陆明', t.fixture.city, PROFILE);
  await t.services.db.updateTable('users').set({ member_id: memberId }).where('username', '=', 'member').execute();
  const made = await (await t.as('admin')).post('/api/proposals/categories', { organizationId: t.fixture.city, name: '社会建设' });
  assert.equal(made.statusCode, 201, made.body);
  category = made.data.id;
  session2 = (await t.services.db.selectFrom('sessions').select('id').where('term_id', '=', t.fixture.cityTerm).where('number', '=', 2).executeTakeFirstOrThrow()).id;
});
after(() => t.close());

describe('past proposals', () => {
  it('refuses anonymous callers, members, units and staff of another county, writing nothing', async () => {
    const before = await count('proposals');
    assert.equal((await t.anonymous().get('/api/history/templates/proposals.xlsx')).statusCode, 401);
    assert.equal((await upload(t.anonymous(), [answered()], true)).statusCode, 401);
    for (const who of ['member', 'unit']) {
      assert.equal((await (await t.as(who)).get('/api/history/templates/proposals.xlsx')).statusCode, 403);
      assert.equal((await upload(await t.as(who), [answered()], true)).statusCode, 403);
    }
    const county = await upload(await t.as('county_staff'), [answered()], true);
    assert.equal(county.statusCode, 403, county.body);
    assert.equal(await count('proposals'), before);
  });

  it('offers a template with the Chinese headers, an example row and a sheet explaining each column', async () => {
    const res = await staff.get('/api/history/templates/proposals.xlsx');
    assert.equal(res.statusCode, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const header = (wb.worksheets[0]!.getRow(1).values as unknown[]).slice(1);
    assert.deepEqual(header, HEADERS);
    assert.equal(wb.worksheets[0]!.getRow(2).getCell(4).value, '关于完善托育服务体系的建议');
    assert.equal(wb.worksheets[1]!.name, '填写说明');
    assert.equal(wb.worksheets[1]!.rowCount, HEADERS.length + 1);
  });

  it('previews a file with errors row by row, naming row and column in Chinese and English, and writes nothing', async () => {
    const before = await count('proposals');
    const res = await upload(staff, [answered(), rejected({ 提案人: '不存在的人、陆明', 提交日期: '2023-13-40' })]);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.data.committed, false);
    assert.deepEqual(res.data.rows.map((r: { state: string }) => r.state), ['new', 'error']);
    const bad = res.data.rows[1];
    assert.equal(bad.row, 3);
    assert.deepEqual(bad.errors.map((e: { column: string }) => e.column).sort(), ['提交日期', '提案人'].sort());
    assert.match(bad.errors.find((e: { column: string }) => e.column === '提案人').message_en, /proposers: no member/);
    const refused = await upload(staff, [answered(), rejected({ 提案人: '不存在的人' })], true);
    assert.equal(refused.statusCode, 422);
    assert.equal(refused.data.code, 'import_invalid');
    assert.equal(await count('proposals'), before);
  });

  it('commits a good file with the original dates, counted in its year, closed to new replies, without notifications', async () => {
    const [proposals, notifications, audits] = [await count('proposals'), await count('notifications'), await count('audit_log')];
    const res = await upload(staff, [answered(), rejected()], true);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.data.committed, true);
    assert.equal(await count('proposals'), proposals + 2);
    assert.equal(await count('notifications'), notifications);
    assert.equal(await count('audit_log'), audits + 2);
    const imported = await t.services.db.selectFrom('audit_log').select('action').orderBy('id', 'desc').limit(2).execute();
    assert.deepEqual(imported.map((a) => a.action), ['import', 'import']);

    const stats = await staff.get(`/api/proposals/stats?organizationId=${t.fixture.city}&year=2023`);
    assert.equal(stats.statusCode, 200, stats.body);
    assert.equal(stats.data.filed, 2);
    assert.equal(stats.data.byState.replied, 1);
    assert.equal(stats.data.byState.rejected, 1);
    assert.equal(stats.data.byReplyClass.A, 1);

    const list = await staff.get(`/api/proposals?organizationId=${t.fixture.city}&year=2023`);
    assert.equal(list.data.items.length, 2);
    const id = list.data.items.find((p: { title: string }) => p.title.startsWith('关于完善托育')).id;
    const detail = await staff.get(`/api/proposals/${id}`);
    assert.equal(detail.data.number, 5);
    assert.match(detail.data.filedAt, /^2023-01-10/);
    const unit = await t.as('unit');
    const seen = await unit.get(`/api/proposals/${id}`);
    const assignment = seen.data.assignments[0];
    assert.equal(assignment.abilities.reply, false);
    const again = await unit.post(`/api/proposals/${id}/assignments/${assignment.id}/reply`, { class: 'B', letterText: '再次答复的内容，共二十个字以上的答复函正文。' });
    assert.equal(again.statusCode, 409, again.body);
  });

  it('makes a clash of numbers a row error, within the file and with numbers already given', async () => {
    const res = await upload(staff, [answered(), answered({ 提案号: '7' }), answered({ 提案号: '7' })]);
    assert.deepEqual(res.data.rows.map((r: { state: string }) => r.state), ['error', 'new', 'error']);
    assert.equal(res.data.rows[0].errors[0].column, '提案号');
  });

  it('gives a live proposal accepted later in the same session the number after the imported ones', async () => {
    const member = await t.as('member');
    const made = await member.post('/api/proposals', { kind: 'individual', title: '关于加快推进城乡公交一体化的建议', reasons: '当前我市城乡公交线路覆盖不均衡，部分偏远村镇班次少。', suggestions: '优化线路布局，增加偏远村镇班次。', categoryId: category, sessionId: session2 });
    assert.equal(made.statusCode, 201, made.body);
    assert.equal((await member.post(`/api/proposals/${made.data.id}/file`, {})).statusCode, 200);
    const res = await staff.post(`/api/proposals/${made.data.id}/accept`, {});
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.data.number, 6);
  });

  it('finds an imported proposal by the list search, as a live one', async () => {
    const found = await staff.get(`/api/proposals?organizationId=${t.fixture.city}&q=${encodeURIComponent('托育服务')}`);
    assert.equal(found.statusCode, 200, found.body);
    assert.ok(found.data.items.some((p: { title: string }) => p.title.startsWith('关于完善托育服务体系')), found.body);
  });

  it('writes nothing of a file whose commit fails midway in the database, and the same file commits once the fault is gone', async () => {
    const db = t.services.db;
    // A real fault inside the transaction: the database itself refuses the third row's insert.
    if (t.services.dialect === 'sqlite') {
      await sql`create trigger history_fault before insert on proposals when new.title = '中途失败的提案' begin select raise(abort, 'fault'); end`.execute(db);
    } else {
      await sql`create function history_fault() returns trigger language plpgsql as $$ begin if new.title = '中途失败的提案' then raise exception 'fault'; end if; return new; end $$`.execute(db);
      await sql`create trigger history_fault before insert on proposals for each row execute function history_fault()`.execute(db);
    }
    const rows = [answered({ 提案号: '30' }), answered({ 提案号: '31', 标题: '关于社区养老食堂的建议' }), answered({ 提案号: '32', 标题: '中途失败的提案' }), answered({ 提案号: '33', 标题: '关于校园周边交通的建议' })];
    const before = await Promise.all((['proposals', 'proposal_assignments', 'proposal_counters', 'audit_log'] as const).map(count));
    const counter = await db.selectFrom('proposal_counters').select('last_number').where('session_id', '=', session2).executeTakeFirst();
    const failed = await upload(staff, rows, true);
    assert.ok(failed.statusCode >= 500, failed.body);
    assert.deepEqual(await Promise.all((['proposals', 'proposal_assignments', 'proposal_counters', 'audit_log'] as const).map(count)), before);
    assert.deepEqual(await db.selectFrom('proposal_counters').select('last_number').where('session_id', '=', session2).executeTakeFirst(), counter);
    const search = await staff.get(`/api/proposals?organizationId=${t.fixture.city}&q=${encodeURIComponent('养老食堂')}`);
    assert.equal(search.data.items.length, 0, search.body);

    await sql`drop trigger history_fault${t.services.dialect === 'sqlite' ? sql`` : sql` on proposals`}`.execute(db);
    if (t.services.dialect !== 'sqlite') await sql`drop function history_fault()`.execute(db);
    const ok = await upload(staff, rows, true);
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(await count('proposals'), before[0]! + 4);
  });

  it('refuses a sheet of 1,000,000 rows at the limit, and a zip bomb, writing nothing', async () => {
    const before = await count('proposals');
    const big = await workbook({ chunks: manyRows(HEADERS, 1_000_000, (n) => [9, 2, n]), level: 1 });
    const { body, headers } = multipart(big, '历史提案.xlsx');
    const tooMany = await staff.importFile(URL() + '&commit=true', { body, headers });
    assert.equal(tooMany.statusCode, 413, tooMany.body);
    assert.match(tooMany.data.detail, /20000 行/);
    const bomb = multipart(await workbook({ chunks: blanks(2 * 2 ** 30), level: 9 }), '历史提案.xlsx');
    const refused = await staff.importFile(URL() + '&commit=true', bomb);
    assert.equal(refused.statusCode, 413, refused.body);
    assert.equal(await count('proposals'), before);
  });
});
