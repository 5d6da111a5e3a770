import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { hostile, multipart, testServer, type Agent, type TestServer } from '../../test/harness.js';
import { anAccount, aUnit, insertMember, type MemberProfile } from '../../test/people.js';
import { attendanceOf } from '../consultations/service.js';
import { MEETING_COLUMNS, SUGGESTION_COLUMNS } from './columns.js';

let t: TestServer;
let staff: Agent;
const people: Record<string, number> = {};
const PROFILE: MemberProfile = { gender: 'male', birthYear: 1968, affiliation: '中国民主建国会', sector: '经济界', workplace: `嘉兴某企业${hostile}`, title: '高级工程师' };
const C = '/api/consultations';
const M_HEADERS = MEETING_COLUMNS.map((c) => c.header);
const S_HEADERS = SUGGESTION_COLUMNS.map((c) => c.header);
type MRow = Partial<Record<(typeof M_HEADERS)[number], string>>;
type SRow = Partial<Record<(typeof S_HEADERS)[number], string>>;

const TOPIC = `推进城乡教育优质均衡发展专题协商会${hostile}`;
const thematic = (over: MRow = {}): MRow => ({
  标题: TOPIC, 会议类型: '专题协商会', 日期: '2023-06-15', 开始时间: '09:00', 结束时间: '11:30', 地点: '市政协三楼会议室', 组织专委会: '教科卫体委员会',
  应到人数: '30', 实到人数: '27', 出席委员: '周静、陆明', 请假委员: '王芳', ...over,
});
const counterpart = (over: MRow = {}): MRow => ({ 标题: '关于养老服务体系建设的对口协商', 会议类型: '对口协商', 日期: '2023-09-01', 地点: '市民政局', 出席委员: '周静', 缺席委员: '陆明', ...over });
const adopted = (over: SRow = {}): SRow => ({
  协商活动: TOPIC, 活动日期: '2023-06-15', 标题: `关于加强乡村教师队伍建设的建议${hostile}`, 内容: '建议完善乡村教师补贴制度，稳定乡村教师队伍。', 提出人: '周静', 状态: '已采纳',
  承办单位: '市教育局', 交办日期: '2023-06-20', 答复内容: '已纳入 2024 年乡村教师支持计划', 答复日期: '2023-08-01', 采纳说明: '列入市政府年度重点工作', ...over,
});
const assigned = (over: SRow = {}): SRow => ({ 协商活动: TOPIC, 活动日期: '2023-06-15', 标题: '关于改善农村学校食堂条件的建议', 内容: '部分农村学校食堂设施陈旧。', 状态: '已交办', 承办单位: '市卫健委', ...over });
const open = (over: SRow = {}): SRow => ({ 协商活动: '关于养老服务体系建设的对口协商', 活动日期: '2023-09-01', 标题: '关于发展社区嵌入式养老的建议', 内容: '在社区布点小型养老机构。', 状态: '待交办', ...over });

async function sheet(name: string, headers: readonly string[], rows: Record<string, string | undefined>[]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(name);
  ws.addRow([...headers]);
  for (const r of rows) ws.addRow(headers.map((h) => r[h] ?? ''));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const send = async (agent: Agent, kind: 'meetings' | 'suggestions', rows: Record<string, string | undefined>[], commit: boolean, organizationId = t.fixture.city) => {
  const { body, headers } = multipart(await sheet(kind, kind === 'meetings' ? M_HEADERS : S_HEADERS, rows), `${kind}.xlsx`);
  return agent.importFile(`/api/history/${kind}/import?organizationId=${organizationId}${commit ? '&commit=true' : ''}`, { body, headers });
};
const meetingsUpload = (agent: Agent, rows: MRow[], commit = false) => send(agent, 'meetings', rows, commit);
const suggestionsUpload = (agent: Agent, rows: SRow[], commit = false) => send(agent, 'suggestions', rows, commit);
const count = async (table: 'consultation_meetings' | 'consultation_invitations' | 'suggestions' | 'notifications' | 'audit_log') =>
  Number((await t.services.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const imports = async () => Number((await t.services.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).where('action', '=', 'import').executeTakeFirstOrThrow()).n);
const columns = (row: { errors: { column: string }[] }) => row.errors.map((e) => e.column).sort();
const stats = async () => {
  const res = await staff.get(`${C}/stats?organizationId=${t.fixture.city}&year=2023`);
  assert.equal(res.statusCode, 200, res.body);
  return res.data;
};

before(async () => {
  t = await testServer();
  staff = await t.as('staff');
  for (const name of ['周静', '陆明', '王芳', '李强']) people[name] = await insertMember(t, name, t.fixture.city, PROFILE);
  await insertMember(t, '李强', t.fixture.city, PROFILE);
  await t.services.db.updateTable('users').set({ member_id: people['周静']! }).where('username', '=', 'member').execute();
  await anAccount(t, 'health', 'unit', { handlingUnitId: await aUnit(t, '市卫健委') });
});
after(() => t.close());

describe('past consultation meetings and suggestions', () => {
  it('refuses anonymous callers, members, units and staff of a county, writing nothing', async () => {
    const before = [await count('consultation_meetings'), await count('suggestions')];
    for (const kind of ['meetings', 'suggestions'] as const) {
      const rows = kind === 'meetings' ? [thematic()] : [adopted()];
      assert.equal((await t.anonymous().get(`/api/history/templates/${kind}.xlsx`)).statusCode, 401);
      assert.equal((await send(t.anonymous(), kind, rows, true)).statusCode, 401);
      for (const who of ['member', 'unit']) {
        assert.equal((await (await t.as(who)).get(`/api/history/templates/${kind}.xlsx`)).statusCode, 403);
        assert.equal((await send(await t.as(who), kind, rows, true)).statusCode, 403);
      }
      const county = await send(await t.as('county_staff'), kind, rows, true);
      assert.equal(county.statusCode, 403, county.body);
    }
    assert.deepEqual([await count('consultation_meetings'), await count('suggestions')], before);
  });

  it('offers both templates with the Chinese headers, an example row and a sheet explaining each column', async () => {
    for (const [kind, headers, sheetName] of [['meetings', M_HEADERS, '历史协商活动'], ['suggestions', S_HEADERS, '历史意见建议']] as const) {
      const res = await staff.get(`/api/history/templates/${kind}.xlsx`);
      assert.equal(res.statusCode, 200);
      assert.match(decodeURIComponent(String(res.headers['content-disposition'])), new RegExp(sheetName));
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      assert.deepEqual((wb.worksheets[0]!.getRow(1).values as unknown[]).slice(1), headers);
      assert.equal(wb.worksheets[0]!.name, sheetName);
      assert.equal(wb.worksheets[1]!.name, '填写说明');
      assert.equal(wb.worksheets[1]!.rowCount, headers.length + 1);
    }
  });

  it('previews meetings with errors by row and column in Chinese and English, and refuses to commit them, writing nothing', async () => {
    const before = [await count('consultation_meetings'), await count('consultation_invitations'), await count('audit_log')];
    const res = await meetingsUpload(staff, [
      thematic(),
      counterpart({ 会议类型: '座谈会', 出席委员: '周静、不存在的人、李强', 实到人数: '1', 开始时间: '25:00' }),
      counterpart({ 日期: '2099-01-01', 组织专委会: '不存在的委员会', 应到人数: '3', 实到人数: '4' }),
      thematic(),
    ]);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.data.committed, false);
    assert.deepEqual(res.data.rows.map((r: { state: string }) => r.state), ['new', 'error', 'error', 'error']);
    const [, second, third, fourth] = res.data.rows;
    assert.equal(second.row, 3);
    assert.deepEqual(columns(second), ['会议类型', '出席委员', '开始时间'].sort());
    const named = second.errors.find((e: { column: string }) => e.column === '出席委员');
    assert.match(named.message, /不存在的人、李强/);
    assert.match(named.message_en, /^attendees: no member/);
    assert.deepEqual(columns(third), ['日期', '组织专委会', '实到人数'].sort());
    assert.match(third.errors.find((e: { column: string }) => e.column === '日期').message_en, /^date: cannot be later than today/);
    // The same meeting twice in one file.
    assert.deepEqual(columns(fourth), ['标题']);
    // More attendees named than attended.
    const over = await meetingsUpload(staff, [thematic({ 实到人数: '1' })]);
    assert.deepEqual(columns(over.data.rows[0]), ['出席委员']);
    assert.match(over.data.rows[0].errors[0].message_en, /2 attendees named, more than the 1 attended/);

    const refused = await meetingsUpload(staff, [thematic(), counterpart({ 出席委员: '不存在的人' })], true);
    assert.equal(refused.statusCode, 422, refused.body);
    assert.equal(refused.data.code, 'import_invalid');
    assert.deepEqual([await count('consultation_meetings'), await count('consultation_invitations'), await count('audit_log')], before);
  });

  it('commits meetings as held with their original dates, counted in the figures of their year with their attendance, without notifications', async () => {
    const [meetings, notifications, imported] = [await count('consultation_meetings'), await count('notifications'), await imports()];
    const res = await meetingsUpload(staff, [thematic(), counterpart()], true);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.data.committed, true);
    assert.equal(await count('consultation_meetings'), meetings + 2);
    assert.equal(await count('notifications'), notifications);
    assert.equal(await imports(), imported + 2);

    const list = await staff.get(`${C}/meetings?year=2023`);
    assert.equal(list.statusCode, 200, list.body);
    assert.equal(list.data.items.length, 2);
    const m = list.data.items.find((i: { topic: string }) => i.topic === TOPIC);
    assert.equal(m.state, 'ended');
    assert.equal(m.type, 'thematic');
    assert.equal(m.startsAt, '2023-06-15T01:00:00.000Z');
    assert.equal(m.endsAt, '2023-06-15T03:30:00.000Z');
    assert.equal(m.committeeName, '教科卫体委员会');
    const other = list.data.items.find((i: { topic: string }) => i.topic !== TOPIC);
    assert.match(other.startsAt, /^2023-09-01/);

    const s = await stats();
    assert.equal(s.meetings, 2);
    assert.equal(s.meetingsByType.thematic, 1);
    assert.equal(s.meetingsByType.counterpart, 1);
    assert.equal(s.meetingsByMonth[5], 1);
    assert.equal(s.meetingsByMonth[8], 1);
    // 27 reported present at the first (two of them named), the one named at the second.
    assert.equal(s.participations.attendance, 28);

    const attendance = await staff.get(`${C}/meetings/${m.id}/attendance`);
    assert.equal(attendance.statusCode, 200, attendance.body);
    const status = Object.fromEntries(attendance.data.items.map((i: { name: string; status: string }) => [i.name, i.status]));
    assert.deepEqual(status, { 周静: 'present', 陆明: 'present', 王芳: 'leave' });
    assert.deepEqual(attendance.data.totals, { invited: 30, accepted: 2, present: 27, leave: 1, absent: 2, expected: 0, guests: 0, attendees: 27 });
    const timeline = await staff.get(`${C}/meetings/${m.id}/timeline`);
    assert.equal(timeline.data[0].action, 'import');

    // The named members' duty records count the meetings as a live check-in does.
    assert.deepEqual(await attendanceOf(t.services.db, people['周静']!, 2023), { invited: 2, present: 2, leave: 0, absent: 0 });
    assert.deepEqual(await attendanceOf(t.services.db, people['陆明']!, 2023), { invited: 2, present: 1, leave: 0, absent: 1 });
    assert.deepEqual(await attendanceOf(t.services.db, people['王芳']!, 2023), { invited: 1, present: 0, leave: 1, absent: 0 });

    // The meeting is over: its check-in code takes no one.
    const code = await staff.get(`${C}/meetings/${m.id}/checkin-code`);
    const checkin = await (await t.as('member')).post(`${C}/checkin`, { token: code.data.token });
    assert.equal(checkin.statusCode, 409, checkin.body);

    // Importing the same meetings again is refused row by row.
    const again = await meetingsUpload(staff, [thematic()]);
    assert.deepEqual(columns(again.data.rows[0]), ['标题']);
  });

  it('previews suggestions with row errors: unknown meeting or unit, an answer before the meeting, a date after today', async () => {
    const before = await count('suggestions');
    const res = await suggestionsUpload(staff, [
      adopted(),
      adopted({ 标题: '甲', 活动日期: '2023-06-16' }),
      adopted({ 标题: '乙', 承办单位: '市教育局、不存在的局' }),
      adopted({ 标题: '丙', 交办日期: '', 答复日期: '2023-06-01' }),
      adopted({ 标题: '丁', 答复日期: '2099-01-01' }),
      assigned({ 答复内容: '不应填写' }),
    ]);
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.data.rows.map((r: { state: string }) => r.state), ['new', 'error', 'error', 'error', 'error', 'error']);
    const [, meeting, unit, early, late, answered] = res.data.rows;
    assert.deepEqual(columns(meeting), ['协商活动']);
    assert.match(meeting.errors[0].message_en, /^meeting: no meeting of this organization/);
    assert.deepEqual(columns(unit), ['承办单位']);
    assert.match(unit.errors[0].message, /不存在的局/);
    assert.deepEqual(columns(early), ['答复日期']);
    assert.match(early.errors[0].message, /不能早于协商活动日期（2023-06-15）/);
    assert.deepEqual(columns(late), ['答复日期']);
    assert.match(late.errors[0].message_en, /cannot be later than today/);
    assert.deepEqual(columns(answered), ['答复内容']);
    const refused = await suggestionsUpload(staff, [adopted(), adopted({ 标题: '甲', 活动日期: '2023-06-16' })], true);
    assert.equal(refused.statusCode, 422);
    assert.equal(refused.data.code, 'import_invalid');
    assert.equal(await count('suggestions'), before);
  });

  it('commits suggestions against the imported meetings, listed with units and answers, counted in the year, closed where they were decided', async () => {
    const [notifications, imported] = [await count('notifications'), await imports()];
    const res = await suggestionsUpload(staff, [adopted(), assigned(), open()], true);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(await count('notifications'), notifications);
    assert.equal(await imports(), imported + 3);

    const list = await staff.get(`${C}/suggestions`);
    assert.equal(list.statusCode, 200, list.body);
    assert.equal(list.data.items.length, 3);
    const item = list.data.items.find((i: { state: string }) => i.state === 'adopted');
    assert.equal(item.meeting.topic, TOPIC);
    assert.equal(item.sourceAuthor, '周静');
    const detail = await staff.get(`${C}/suggestions/${item.id}`);
    assert.equal(detail.statusCode, 200, detail.body);
    assert.equal(detail.data.adopted, true);
    assert.equal(detail.data.adoptionNote, '列入市政府年度重点工作');
    assert.equal(detail.data.assignments.length, 1);
    assert.equal(detail.data.assignments[0].unitName, '市教育局');
    assert.equal(detail.data.assignments[0].answer, '已纳入 2024 年乡村教师支持计划');
    assert.match(detail.data.assignments[0].answeredAt, /^2023-08-01/);
    assert.match(detail.data.assignments[0].assignedAt, /^2023-06-20/);
    assert.equal(detail.data.abilities.adopt, true); // it may still be marked not adopted, as a live one

    const s = await stats();
    assert.deepEqual(s.suggestions, { total: 3, assigned: 2, answered: 1, adopted: 1 });

    // Workflows go on from the imported states: adopted twice or answered again is refused ...
    const twice = await staff.post(`${C}/suggestions/${item.id}/adoption`, { adopted: true });
    assert.equal(twice.statusCode, 409, twice.body);
    const reanswer = await (await t.as('unit')).post(`${C}/suggestions/${item.id}/answer`, { text: '再次答复' });
    assert.equal(reanswer.statusCode, 409, reanswer.body);
    // ... while a suggestion still with its unit is answered as a live one is.
    const waiting = list.data.items.find((i: { state: string }) => i.state === 'assigned');
    const answer = await (await t.as('health')).post(`${C}/suggestions/${waiting.id}/answer`, { text: '已改造 12 所农村学校食堂' });
    assert.equal(answer.statusCode, 200, answer.body);
    assert.equal(answer.data.state, 'answered');

    // The same suggestion twice is refused.
    const again = await suggestionsUpload(staff, [adopted()]);
    assert.deepEqual(columns(again.data.rows[0]), ['标题']);
  });
});
