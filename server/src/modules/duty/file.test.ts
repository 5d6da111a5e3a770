// The duty file (履职档案) as .docx: opened back, it names the member and shows the total, the
// points by kind with caps, every act and who entered the offline ones; a member reads only their
// own, the office of the member's organization or one above it; bad input is a 400 naming the field.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import JSZip from 'jszip';
import { hostile, testServer, type Agent, type TestServer } from '../../test/harness.js';
import { anAccount, insertMember, type MemberProfile } from '../../test/people.js';
import { chinaDate, chinaYear } from '../../platform/time.js';

const PROFILE: MemberProfile = { gender: 'male', birthYear: 1970, affiliation: '中国民主同盟', sector: '教育界', workplace: '嘉兴某中学', title: '教师' };
const year = chinaYear();
const TITLE = `赴南湖区调研“双减”落实情况${hostile}`;

let t: TestServer;
let staff: Agent, member: Agent;
let m1: number, m2: number, countyMember: number;

/** The rows of every table in the document, each cell's text with the XML entities read back. */
async function tableRows(payload: Buffer) {
  const xml = await (await JSZip.loadAsync(payload)).file('word/document.xml')!.async('string');
  const text = (s: string) => s.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  const rows = [...xml.matchAll(/<w:tr[ >].*?<\/w:tr>/g)].map((r) => [...r[0].matchAll(/<w:tc>.*?<\/w:tc>/g)].map((c) => text(c[0])));
  return { all: text(xml), rows };
}

before(async () => {
  t = await testServer();
  m1 = await insertMember(t, `沈建国${hostile}`, t.fixture.city, PROFILE);
  m2 = await insertMember(t, '褚晓红', t.fixture.city, PROFILE);
  countyMember = await insertMember(t, '海宁委员', t.fixture.county, PROFILE);
  await t.services.db.updateTable('users').set({ member_id: m1 }).where('username', '=', 'member').execute();
  await anAccount(t, 'other_member', 'member', { memberId: m2 });
  [staff, member] = (await Promise.all(['staff', 'member'].map((u) => t.as(u)))) as [Agent, Agent];
  const admin = await t.as('admin');
  // Training is held to a cap of 3 a year: two trainings of 2 points count 3.
  assert.equal((await admin.request('PUT', '/api/duty/rules', { organizationId: t.fixture.city, year, rules: [{ kind: 'offline_training', points: 2, cap: 3 }] })).statusCode, 200);
  const entry = (kind: string, title: string) => ({ organizationId: t.fixture.city, memberIds: [m1], kind, occurredOn: chinaDate(), title, reason: '线下活动，无系统记录' });
  for (const body of [entry('offline_research', TITLE), entry('offline_training', '委员履职能力培训班'), entry('offline_training', '新任委员培训')])
    assert.equal((await staff.post('/api/duty/entries', body)).statusCode, 201);
});
after(() => t.close());

describe('the duty file', () => {
  it("names the member, their sector, organization and year, and shows the total, the kinds, the acts and who entered them", async () => {
    const res = await staff.get(`/api/duty/members/${m1}/file.docx?year=${year}`);
    assert.equal(res.statusCode, 200, res.body);
    assert.match(String(res.headers['content-type']), /wordprocessingml/);
    assert.match(String(res.headers['content-disposition']), /filename\*=UTF-8''/);
    const { all, rows } = await tableRows(res.rawPayload);
    for (const part of ['委员履职档案', `姓名：沈建国${hostile}`, '界别：教育界', '政协组织：嘉兴市政协', `年度：${year}年`, '年度总积分：6分']) assert.ok(all.includes(part), part);
    assert.deepEqual(rows[0], ['履职类型', '次数', '积分', '年度上限']);
    assert.ok(rows.some((r) => r.join('|') === '学习培训|2|3|3'), 'the training kind, held to its cap');
    assert.ok(rows.some((r) => r.join('|') === '调研视察|1|3|不设上限'));
    assert.ok(rows.some((r) => r.join('|') === `${chinaDate()}|调研视察|${TITLE}|3`), 'the research act, dated in China');
    const entered = rows.find((r) => r[2]?.startsWith(TITLE) && r.length === 4 && r[3] !== '3');
    assert.deepEqual(entered, [chinaDate(), '调研视察', `${TITLE}：线下活动，无系统记录`, `staff${hostile}`.slice(0, 50)]);
    // The member's own file is the same record.
    const own = await member.get(`/api/duty/me/file.docx?year=${year}`);
    assert.equal(own.statusCode, 200, own.body);
    assert.ok((await tableRows(own.rawPayload)).all.includes('年度总积分：6分'));
  });

  it('for a year with nothing recorded says so', async () => {
    const res = await staff.get(`/api/duty/members/${m2}/file.docx?year=${year - 1}`);
    assert.equal(res.statusCode, 200);
    const { all, rows } = await tableRows(res.rawPayload);
    assert.ok(all.includes('年度总积分：0分') && all.includes('本年度尚无履职记录'));
    assert.equal(rows.length, 0);
  });
});

describe('who may not', () => {
  it('a member reads only their own; units and residents nothing; the office only its own organization and those below', async () => {
    const [other, unit, pub, leader, countyStaff, provinceAdmin] = await Promise.all(['other_member', 'unit', 'public', 'leader', 'county_staff', 'province_admin'].map((u) => t.as(u)));
    const of = (id: number) => `/api/duty/members/${id}/file.docx`;
    assert.equal((await t.anonymous().get('/api/duty/me/file.docx')).statusCode, 401);
    assert.equal((await t.anonymous().get(of(m1))).statusCode, 401);
    for (const a of [member, other!]) assert.equal((await a.get(of(m1))).statusCode, 403, "a member does not read another's file, nor their own through the office's route");
    for (const a of [unit!, pub!]) for (const url of [of(m1), '/api/duty/me/file.docx']) assert.equal((await a.get(url)).statusCode, 403, url);
    assert.equal((await staff.get('/api/duty/me/file.docx')).statusCode, 403, 'the office has no file of its own');
    assert.equal((await countyStaff!.get(of(m1))).statusCode, 404, 'a county does not see a city member');
    assert.equal((await countyStaff!.get(of(countyMember))).statusCode, 200);
    assert.equal((await staff.get(of(countyMember))).statusCode, 200, 'a city reads the counties below it');
    for (const a of [leader!, provinceAdmin!]) assert.equal((await a.get(of(m1))).statusCode, 200);
    assert.equal((await staff.get(of(999_999))).statusCode, 404);
    // The other member's own file holds their own name, not the first member's.
    const theirs = await other!.get('/api/duty/me/file.docx');
    assert.equal(theirs.statusCode, 200);
    const text = (await tableRows(theirs.rawPayload)).all;
    assert.ok(text.includes('褚晓红') && !text.includes('沈建国'));
  });

  it('refuses a bad year or member id with a 400 problem naming the field, in Chinese and English', async () => {
    const cases: [Agent, string, string][] = [
      [staff, `/api/duty/members/${m1}/file.docx?year=1999`, 'querystring.year'],
      [staff, `/api/duty/members/${m1}/file.docx?year=abc`, 'querystring.year'],
      [staff, `/api/duty/members/${m1}/file.docx?year=2026&x=1`, 'querystring'],
      [staff, '/api/duty/members/abc/file.docx', 'params.memberId'],
      [member, '/api/duty/me/file.docx?year=2101', 'querystring.year'],
    ];
    for (const [a, url, field] of cases) {
      const res = await a.get(url);
      assert.equal(res.statusCode, 400, `${url}: ${res.body}`);
      assert.match(String(res.headers['content-type']), /application\/problem\+json/);
      assert.ok(res.data.errors.some((e: { field: string }) => e.field.startsWith(field)), `${url}: ${res.body}`);
      assert.ok(res.data.errors[0].message && res.data.errors[0].message_en, res.body);
    }
  });
});
