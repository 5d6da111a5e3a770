// Dates that staff and units type, in every module: checked against today in China and against the
// record they belong to, refused with a 400 naming the field, and nothing stored when refused.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testServer, type Agent, type TestServer } from './harness.js';
import { addDays, chinaDate, clock } from '../platform/time.js';
import { accepted, aMember as aProposalMember } from '../modules/proposals/testing.js';
import { aMeeting, P } from '../modules/consultations/testing.js';

let t: TestServer;
let admin: Agent, staff: Agent, member: Agent, unit: Agent;
let category: number;

before(async () => {
  t = await testServer({ challengeBits: 0 });
  const memberId = await aProposalMember(t, '周静');
  await t.services.db.updateTable('users').set({ member_id: memberId }).where('username', '=', 'member').execute();
  [admin, staff, member, unit] = (await Promise.all(['admin', 'staff', 'member', 'unit'].map((u) => t.as(u)))) as [Agent, Agent, Agent, Agent];
  category = (await admin.post('/api/proposals/categories', { organizationId: t.fixture.city, name: '社会事业' })).data.id;
});
after(() => t.close());

const day = (n: number) => addDays(chinaDate(), n);
const fieldOf = (res: { statusCode: number; data: { errors?: { field: string }[] } }) => [res.statusCode, res.data.errors?.[0]?.field];
const rows = async (table: 'proposal_contacts' | 'proposal_assignments' | 'opinion_adoptions' | 'opinion_instructions' | 'opinion_forwardings' | 'opinion_feedback' | 'opinion_issues' | 'suggestion_units') =>
  Number((await t.services.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('proposals', () => {
  let pid: number;
  let aid: number;
  const contact = (contactedOn: string) => unit.post(`/api/proposals/${pid}/assignments/${aid}/contacts`, { contactedOn, way: 'phone', summary: '电话沟通' });

  it('rule: a deadline may lie in the future, but not before the assignment (today in China)', async () => {
    pid = await accepted(member, staff, category);
    const before = await rows('proposal_assignments');
    const early = await staff.post(`/api/proposals/${pid}/assign`, { units: [{ unitId: t.fixture.unit, role: 'lead', deadline: day(-1) }] });
    assert.deepEqual(fieldOf(early), [400, 'body.units.0.deadline']);
    assert.equal(early.data.errors[0].message, `不能早于交办日期（今天） ${chinaDate()}`);
    assert.equal(await rows('proposal_assignments'), before, 'nothing stored');
    const ok = await staff.post(`/api/proposals/${pid}/assign`, { units: [{ unitId: t.fixture.unit, role: 'lead', deadline: day(60) }] });
    assert.equal(ok.statusCode, 200, ok.body);
    aid = ok.data.assignments[0].id;
    assert.equal(ok.data.assignments[0].deadline, day(60));
    assert.equal((await unit.post(`/api/proposals/${pid}/assignments/${aid}/sign`, {})).statusCode, 200);
  });

  it('rule: a contact is not dated before the assignment, nor after today', async () => {
    const before = await rows('proposal_contacts');
    const early = await contact(day(-1));
    assert.deepEqual(fieldOf(early), [400, 'body.contactedOn']);
    assert.equal(early.data.errors[0].message, `不能早于交办日期 ${chinaDate()}`);
    assert.deepEqual(fieldOf(await contact(day(1))), [400, 'body.contactedOn']);
    assert.equal(await rows('proposal_contacts'), before, 'nothing stored');
  });

  it("accepts a contact recorded today, China's date, whatever the hour in UTC", async () => {
    // The date a unit in China types for today; between 16:00 and 24:00 UTC it is UTC's tomorrow.
    assert.equal((await contact(chinaDate())).statusCode, 200);
    // At 00:30 in China (16:30 UTC the day before), that China day is today, not the future.
    const now = Date.now();
    const at = new Date(Math.ceil((now - 16.5 * 3600_000) / 86_400_000) * 86_400_000 + 16.5 * 3600_000);
    assert.ok(at.getTime() >= now && at.toISOString().endsWith('T16:30:00.000Z'), at.toISOString());
    const real = clock.now;
    clock.now = () => at;
    try {
      const today = chinaDate();
      assert.equal(Date.parse(`${today}T00:00:00Z`) - at.getTime(), 7.5 * 3600_000, "China's date is UTC's next day");
      const res = await contact(today);
      assert.equal(res.statusCode, 200, res.body);
      assert.ok(res.data.contacts.some((c: { contactedOn: string }) => c.contactedOn === today));
      assert.deepEqual(fieldOf(await contact(addDays(today, 1))), [400, 'body.contactedOn']);
    } finally {
      clock.now = real;
    }
  });

  it('rule: another round or a reassignment gets no deadline before today', async () => {
    const res = await staff.post(`/api/proposals/${pid}/assignments/${aid}/reassign`, { unitId: t.fixture.unit, deadline: day(-3) });
    assert.deepEqual(fieldOf(res), [400, 'body.deadline']);
  });
});

describe('public opinion', () => {
  let id: number;
  /** An accepted report, received ten days ago. */
  async function aReport() {
    const res = await member.post('/api/opinions', { organizationId: t.fixture.city, title: '关于规范电动自行车停放充电的建议', text: '小区电动自行车充电设施不足，飞线充电隐患大，建议统一建设充电棚。', category: 'transport' });
    assert.equal(res.statusCode, 201, res.body);
    await t.services.db.updateTable('opinions').set({ submitted_at: `${day(-10)}T02:00:00.000Z` }).where('id', '=', res.data.id).execute();
    assert.equal((await staff.post(`/api/opinions/${res.data.id}/screen`, { event: 'accept' })).statusCode, 200);
    return res.data.id as number;
  }

  it('rule: an issue is not dated after today, nor before a report in it was submitted', async () => {
    id = await aReport();
    const before = await rows('opinion_issues');
    const future = await staff.post('/api/opinions/issues', { organizationId: t.fixture.city, publishedOn: day(1), items: [{ opinionId: id }] });
    assert.deepEqual(fieldOf(future), [400, 'body.publishedOn']);
    const early = await staff.post('/api/opinions/issues', { organizationId: t.fixture.city, publishedOn: day(-11), items: [{ opinionId: id }] });
    assert.deepEqual(fieldOf(early), [400, 'body.publishedOn']);
    assert.equal(early.data.errors[0].message, `不能早于所编信息的提交日期（第 1 条） ${day(-10)}`);
    assert.equal(await rows('opinion_issues'), before, 'nothing stored');
    assert.equal((await staff.post('/api/opinions/issues', { organizationId: t.fixture.city, publishedOn: day(-5), items: [{ opinionId: id }] })).statusCode, 201);
  });

  it('rule: a forwarding is not dated before the compilation', async () => {
    const early = await staff.post(`/api/opinions/${id}/forward`, { recipient: 'national_cppcc', sentOn: day(-6) });
    assert.deepEqual(fieldOf(early), [400, 'body.sentOn']);
    assert.equal(early.data.errors[0].message, `不能早于该信息的编报日期 ${day(-5)}`);
    assert.equal(await rows('opinion_forwardings'), 0);
    assert.equal((await staff.post(`/api/opinions/${id}/forward`, { recipient: 'national_cppcc', sentOn: day(-3) })).statusCode, 200);
  });

  it("rule: an adoption is not dated before the report's compilation or forwarding, nor after today", async () => {
    const early = await staff.post(`/api/opinions/${id}/adoptions`, { level: 'national', adoptedBy: '全国政协办公厅', adoptedOn: day(-7) });
    assert.deepEqual(fieldOf(early), [400, 'body.adoptedOn']);
    assert.equal(early.data.errors[0].message, `不能早于该信息的编报日期 ${day(-5)}`);
    assert.equal(early.data.errors[0].message_en, `Cannot be earlier than the report's compilation date, ${day(-5)}`);
    assert.deepEqual(fieldOf(await staff.post(`/api/opinions/${id}/adoptions`, { level: 'national', adoptedBy: '全国政协办公厅', adoptedOn: day(-4) })), [400, 'body.adoptedOn'], 'before the forwarding');
    assert.deepEqual(fieldOf(await staff.post(`/api/opinions/${id}/adoptions`, { level: 'national', adoptedBy: '全国政协办公厅', adoptedOn: day(1) })), [400, 'body.adoptedOn'], 'in the future');
    assert.equal(await rows('opinion_adoptions'), 0, 'nothing stored');
    assert.equal((await staff.get(`/api/opinions/${id}`)).data.state, 'forwarded', 'the report did not move');
    assert.equal((await staff.post(`/api/opinions/${id}/adoptions`, { level: 'national', adoptedBy: '全国政协办公厅', adoptedOn: day(-3) })).statusCode, 200);
  });

  it('rule: an instruction is not dated after today, nor before the forwarding', async () => {
    const future = await staff.post(`/api/opinions/${id}/instructions`, { leader: '王书记', level: 'city', instructedOn: day(1), text: '阅' });
    assert.deepEqual(fieldOf(future), [400, 'body.instructedOn']);
    assert.equal(future.data.errors[0].message, `日期不能晚于今天（${chinaDate()}）`);
    assert.deepEqual(fieldOf(await staff.post(`/api/opinions/${id}/instructions`, { leader: '王书记', level: 'city', instructedOn: day(-4), text: '阅' })), [400, 'body.instructedOn']);
    assert.equal(await rows('opinion_instructions'), 0, 'nothing stored');
    assert.equal((await staff.post(`/api/opinions/${id}/instructions`, { leader: '王书记', level: 'city', instructedOn: chinaDate(), text: '阅' })).statusCode, 200);
  });

  it('rule: feedback is not dated before the forwarding, nor after today', async () => {
    for (const receivedOn of [day(-4), day(1)])
      assert.deepEqual(fieldOf(await staff.post(`/api/opinions/${id}/feedback`, { fromName: '市民政局', text: '已研究。', receivedOn })), [400, 'body.receivedOn'], receivedOn);
    assert.equal(await rows('opinion_feedback'), 0, 'nothing stored');
  });
});

describe('consultations', () => {
  it('rule: a suggestion is assigned with a deadline in the future, never before the assignment (today)', async () => {
    const meeting = await aMeeting(staff);
    const made = await staff.post(`${P}/suggestions`, { meetingId: meeting, sourceKind: 'manual', title: '配齐乡村学校心理健康教师', text: '建议按师生比配齐心理健康教师。' });
    assert.equal(made.statusCode, 201, made.body);
    const early = await staff.post(`${P}/suggestions/${made.data.id}/assign`, { unitIds: [t.fixture.unit], deadline: day(-1) });
    assert.deepEqual(fieldOf(early), [400, 'body.deadline']);
    assert.equal(await rows('suggestion_units'), 0, 'nothing stored');
    const ok = await staff.post(`${P}/suggestions/${made.data.id}/assign`, { unitIds: [t.fixture.unit], deadline: day(30) });
    assert.equal(ok.statusCode, 200, ok.body);
  });
});

describe('members', () => {
  it("rule: a member's exit is not dated after today, nor before the term began", async () => {
    const id = await aProposalMember(t, '沈红');
    const start = (await t.services.db.selectFrom('terms').select('starts_on').where('id', '=', t.fixture.cityTerm).executeTakeFirstOrThrow()).starts_on;
    const future = await staff.post(`/api/orgs/members/${id}/retire`, { exitedOn: day(1), reason: '工作调动' });
    assert.deepEqual(fieldOf(future), [400, 'body.exitedOn']);
    const early = await staff.post(`/api/orgs/members/${id}/retire`, { exitedOn: addDays(start, -1), reason: '工作调动' });
    assert.deepEqual(fieldOf(early), [400, 'body.exitedOn']);
    assert.equal(early.data.errors[0].message, `不能早于其所在届次的开始日期 ${start}`);
    const row = await t.services.db.selectFrom('members').select(['status', 'exited_on']).where('id', '=', id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { status: 'active', exited_on: null }, 'nothing changed');
    assert.equal((await staff.post(`/api/orgs/members/${id}/retire`, { exitedOn: chinaDate(), reason: '工作调动' })).statusCode, 200);
  });
});
