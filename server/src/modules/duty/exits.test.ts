// The exit list and the warnings: members not competent two published years running, or absent
// from the plenary without leave twice in their term, are listed with the evidence; the chair
// meeting's decision is recorded once, audited, and an exit retires the member through the orgs
// module. Warnings go once per member, rule and quarter. Who may not; bad input.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { hostile, testServer, type Agent, type TestServer } from '../../test/harness.js';
import { anAccount, insertMember, type MemberProfile } from '../../test/people.js';
import { chinaDate, chinaYear, clock } from '../../platform/time.js';
import { inHours, meetingBody, P } from '../consultations/testing.js';

const PROFILE: MemberProfile = { gender: 'female', birthYear: 1980, affiliation: '无党派人士', sector: '经济界', workplace: `嘉兴某医院${hostile}`, title: '主任医师' };
const year = chinaYear();

let t: TestServer;
let staff: Agent, member: Agent, leader: Agent;
let e: number, f: number, g: number;
const topics = ['政协第九届嘉兴市委员会第一次会议', '政协第九届嘉兴市委员会第二次会议'];

const list = async () => {
  const res = await staff.get('/api/duty/exits');
  assert.equal(res.statusCode, 200, res.body);
  return res.data.items as { memberId: number; reasons: string[]; grades: { year: number; grade: string }[]; absences: { meetingId: number; title: string; link: string }[]; decision: { decision: string; reason: string } | null }[];
};
const count = async (table: 'duty_exits' | 'duty_warnings') => Number((await t.services.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const decide = (who: Agent, body: Record<string, unknown>) => who.post('/api/duty/exits/decide', { organizationId: t.fixture.city, decidedOn: chinaDate(), ...body });

before(async () => {
  t = await testServer();
  [e, f, g] = (await Promise.all(['戊委员', '己委员', '庚委员'].map((n) => insertMember(t, n, t.fixture.city, PROFILE)))) as [number, number, number];
  await t.services.db.updateTable('users').set({ member_id: e }).where('username', '=', 'member').execute();
  await anAccount(t, 'f', 'member', { memberId: f });
  [staff, member, leader] = (await Promise.all(['staff', 'member', 'leader'].map((u) => t.as(u)))) as [Agent, Agent, Agent];
  // Two plenary sessions this term: e stays away from both without leave, f from the first only.
  for (const [i, topic] of topics.entries()) {
    const made = await staff.post(`${P}/meetings`, meetingBody({ type: 'plenary', topic, startsAt: inHours(0.5), endsAt: inHours(3), invitedMemberIds: i === 0 ? [e, f] : [e] }));
    assert.equal(made.statusCode, 201, made.body);
    for (const step of ['publish', 'start', 'end']) assert.equal((await staff.post(`${P}/meetings/${made.data.id}/${step}`, {})).statusCode, 200, step);
  }
  // Two years before this one, evaluated and published: g did well in the later one.
  for (const y of [year - 2, year - 1]) {
    if (y === year - 1) {
      assert.equal((await staff.post('/api/duty/entries', { organizationId: t.fixture.city, memberIds: [g], kind: 'offline_research', occurredOn: `${y}-06-01`, title: '调研', reason: '补录' })).statusCode, 201);
      assert.equal((await staff.request('PUT', '/api/duty/rules', { organizationId: t.fixture.city, year: y, rules: [{ kind: 'offline_research', points: 70 }] })).statusCode, 200);
    }
    assert.equal((await staff.post('/api/duty/evaluation/compute', { organizationId: t.fixture.city, year: y })).statusCode, 200);
    assert.equal((await staff.post('/api/duty/evaluation/publish', { organizationId: t.fixture.city, year: y })).statusCode, 200);
  }
});
after(() => t.close());

describe('the exit list', () => {
  it('lists members not competent two published years running, or absent from the plenary twice, with the evidence', async () => {
    const items = await list();
    const by = new Map(items.map((i) => [i.memberId, i]));
    assert.deepEqual([...by.keys()].sort(), [e, f].sort(), 'g was competent last year');
    assert.deepEqual(by.get(e)!.reasons, ['not_competent_twice', 'plenary_absences']);
    assert.deepEqual(by.get(e)!.grades.map((x) => [x.year, x.grade]), [[year - 2, 'not_competent'], [year - 1, 'not_competent']]);
    assert.deepEqual(by.get(e)!.absences.map((a) => a.title), topics);
    assert.match(by.get(e)!.absences[0]!.link, /^\/consultations\/meetings\/\d+$/);
    assert.deepEqual(by.get(f)!.reasons, ['not_competent_twice']);
    assert.equal(by.get(f)!.absences.length, 1, 'one absence is evidence but not a reason');
  });

  it("records the chair meeting's decision once, audited; an exit retires the member through the orgs module", async () => {
    const keep = await decide(staff, { memberId: f, decision: 'keep', reason: '已说明缺席原因，主席会议决定保留' });
    assert.equal(keep.statusCode, 204, keep.body);
    const again = await decide(staff, { memberId: f, decision: 'exit', reason: '重复' });
    assert.equal(again.statusCode, 409);
    assert.equal(again.data.state, 'keep');
    assert.equal((await staff.get(`/api/orgs/members/${f}`)).data.status, 'active');

    const exit = await decide(staff, { memberId: e, decision: 'exit', reason: `两次无故缺席全体会议${hostile}` });
    assert.equal(exit.statusCode, 204, exit.body);
    const retired = (await staff.get(`/api/orgs/members/${e}`)).data;
    assert.deepEqual([retired.status, retired.exitedOn], ['exited', chinaDate()]);
    assert.match(retired.exitReason, /两次无故缺席全体会议/);
    const listed = new Map((await list()).map((i) => [i.memberId, i]));
    assert.equal(listed.get(e)!.decision!.decision, 'exit', 'a decided member stays on the list with the decision');
    assert.equal(listed.get(f)!.decision!.decision, 'keep');
    const audited = await t.services.db.selectFrom('audit_log').select(['action', 'entity_type', 'after']).where('action', 'in', ['decide_exit', 'retire']).orderBy('id').execute();
    assert.deepEqual(audited.map((x) => [x.action, x.entity_type]), [['decide_exit', 'duty_exit'], ['decide_exit', 'duty_exit'], ['retire', 'member']]);
    assert.equal(JSON.parse(audited[1]!.after!).evidence.absences.length, 2);
    const stats = (await staff.get(`/api/duty/stats?year=${year}`)).data;
    assert.deepEqual(stats.exits, { keep: 1, exit: 1 });
  });

  it('refuses bad input with a 400 naming the field, deciding nothing', async () => {
    const before = await count('duty_exits');
    const cases: [Record<string, unknown>, string][] = [
      [{ memberId: g, decision: 'keep', reason: '不在名单' }, 'body.memberId'],
      [{ memberId: f, decision: 'stay', reason: '理由' }, 'body.decision'],
      [{ memberId: f, decision: 'keep', reason: '' }, 'body.reason'],
      [{ memberId: f, decision: 'keep', reason: '理由', decidedOn: '2100-01-01' }, 'body.decidedOn'],
      [{ memberId: f, decision: 'keep', reason: '理由', decidedOn: '2026-13-01' }, 'body.decidedOn'],
    ];
    for (const [body, field] of cases) {
      const res = await decide(staff, body);
      assert.equal(res.statusCode, 400, `${field}: ${res.body}`);
      assert.ok(res.data.errors.some((x: { field: string }) => x.field === field), `${field}: ${res.body}`);
      assert.ok(res.data.errors[0].message && res.data.errors[0].message_en);
    }
    assert.equal(await count('duty_exits'), before);
    assert.equal((await staff.get(`/api/orgs/members/${g}`)).data.status, 'active');
  });

  it('lets the office decide, leaders read, and members, units and residents nothing', async () => {
    const [unit, pub, countyStaff] = (await Promise.all(['unit', 'public', 'county_staff'].map((u) => t.as(u)))) as [Agent, Agent, Agent];
    assert.equal((await t.anonymous().get('/api/duty/exits')).statusCode, 401);
    for (const who of [member, unit, pub]) assert.equal((await who.get('/api/duty/exits')).statusCode, 403);
    assert.equal((await leader.get('/api/duty/exits')).statusCode, 200);
    assert.equal((await countyStaff.get(`/api/duty/exits?organizationId=${t.fixture.city}`)).statusCode, 403);
    const before = await count('duty_exits');
    for (const who of [member, leader, unit, pub, countyStaff]) assert.equal((await decide(who, { memberId: g, decision: 'exit', reason: '理由' })).statusCode, 403);
    assert.equal(await count('duty_exits'), before);
  });
});

describe('warnings', () => {
  it('warns a member behind the line or missing a minimum once per rule and quarter, and counts them', async () => {
    const real = clock.now;
    // The third quarter of this year: the line is half the pass line.
    clock.now = () => new Date(`${year}-08-03T02:00:00.000Z`);
    try {
      const first = await staff.post('/api/duty/warnings/run', { organizationId: t.fixture.city });
      assert.equal(first.statusCode, 200, first.body);
      assert.equal(first.data.period, `${year}-Q3`);
      const rows = await t.services.db.selectFrom('duty_warnings').select(['member_id', 'rule']).orderBy('member_id').orderBy('rule').execute();
      // f (serving, no points) is behind the line and misses all three default minimums; e has exited.
      const activities = ['hall_attended', 'hall_convened', 'lounge_attended', 'meeting_attended', 'offline_reception', 'offline_research', 'offline_training', 'place_activity'];
      assert.deepEqual(rows.filter((r) => r.member_id === f).map((r) => r.rule), [
        'line', `min:${activities.join('+')}:2`, 'min:opinion_submitted+proposal_cosigned+proposal_filed:1', 'min:plenary_attended:1',
      ]);
      assert.ok(!rows.some((r) => r.member_id === e), 'an exited member is not warned');
      assert.equal(first.data.sent, rows.length);
      const second = await staff.post('/api/duty/warnings/run', { organizationId: t.fixture.city });
      assert.equal(second.data.sent, 0, 'a second run sends nothing');
      assert.equal(await count('duty_warnings'), rows.length);
      const notes = await t.services.db.selectFrom('notifications as n').innerJoin('users as u', 'u.id', 'n.user_id').select('n.body').where('u.username', '=', 'f').where('n.kind', '=', 'duty.warning').execute();
      assert.equal(notes.length, 1, 'one note for all of a run');
      assert.match(notes[0]!.body, /出席全体会议 至少 1 次/);
      // The next quarter is a new period.
      clock.now = () => new Date(`${year}-11-03T02:00:00.000Z`);
      assert.equal((await staff.post('/api/duty/warnings/run', { organizationId: t.fixture.city })).data.sent, rows.length);
      const stats = (await staff.get(`/api/duty/stats?year=${year}`)).data;
      assert.equal(stats.warnings.sent, rows.length * 2);
      assert.equal(stats.warnings.line, rows.filter((r) => r.rule === 'line').length * 2);
      // The first quarter warns no one: nobody has had time yet.
      clock.now = () => new Date(`${year}-02-03T02:00:00.000Z`);
      assert.equal((await staff.post('/api/duty/warnings/run', { organizationId: t.fixture.city })).data.sent, 0);
    } finally {
      clock.now = real;
    }
    for (const who of [member, leader]) assert.equal((await who.post('/api/duty/warnings/run', { organizationId: t.fixture.city })).statusCode, 403);
    assert.equal((await t.anonymous().post('/api/duty/warnings/run', { organizationId: t.fixture.city })).statusCode, 401);
  });
});
