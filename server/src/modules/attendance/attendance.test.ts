// QR check-in, shared by meetings and hall sessions: the window (an hour before the start to the
// end), who may check in (invited members by account, residents invited by account), once per
// person, the office's code and list, the role matrix, and bad input that stores nothing.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { hostile, testServer, type Agent, type TestServer } from '../../test/harness.js';
import { anAccount } from '../../test/people.js';
import { aMember, aPlace } from '../opinions/testing.js';
import { aMeeting, inHours, P as C, tokenOf } from '../consultations/testing.js';

let t: TestServer;
let staff: Agent;
let member: Agent;
let other: Agent;
let resident: Agent;
let neighbour: Agent;
let invitedMember: number;
let residentId: number;
let hall: number;

before(async () => {
  t = await testServer({ challengeBits: 0 });
  staff = await t.as('staff');
  invitedMember = await aMember(t, `周静${hostile}`, '经济界', 'member');
  member = await t.as('member');
  const otherMember = await aMember(t, '陆明', '经济界');
  await anAccount(t, 'othermember', 'member', { memberId: otherMember });
  other = await t.as('othermember');
  residentId = t.fixture.users.public!;
  resident = await t.as('public');
  await anAccount(t, 'neighbour', 'public');
  neighbour = await t.as('neighbour');
  hall = await aPlace(t, `新塍镇民生议事堂${hostile}`, 'hall');
});
after(() => t.close());

/** A session through the real routes: a resident's topic, adopted, planned with these invitees, its notice published. */
async function aSession(over: { startsAt: string; endsAt?: string; publish?: boolean; hold?: boolean }) {
  const topic = await resident.post(`/api/halls/places/${hall}/topics`, { title: `老街停车难${hostile}`, text: '晚上车辆乱停，消防通道常被堵塞。' });
  assert.equal(topic.statusCode, 201, topic.body);
  assert.equal((await staff.post(`/api/halls/topics/${topic.data.id}/screen`, { event: 'adopt' })).statusCode, 200);
  const made = await staff.post('/api/halls/sessions', {
    placeId: hall, title: `停车难议事会${hostile}`, startsAt: over.startsAt, ...(over.endsAt && { endsAt: over.endsAt }), topicIds: [topic.data.id],
    invitedMemberIds: [invitedMember], unitIds: [t.fixture.unit], residentNames: ['居民代表王阿姨'], residentUserIds: [residentId],
  });
  assert.equal(made.statusCode, 201, made.body);
  const id = made.data.id as number;
  if (over.publish !== false) assert.equal((await staff.post(`/api/halls/sessions/${id}/events`, { event: 'publish' })).statusCode, 200);
  if (over.hold) assert.equal((await staff.post(`/api/halls/sessions/${id}/events`, { event: 'hold', minutes: '议定增设停车位。' })).statusCode, 200);
  return id;
}
async function codeOf(id: number) {
  const res = await staff.get(`/api/halls/sessions/${id}/checkin-code`);
  assert.equal(res.statusCode, 200, res.body);
  return res.data as { token: string; url: string; png: string; svg: string; opensAt: string; closesAt: string };
}
const checkins = async () => Number((await t.services.db.selectFrom('attendance_checkins').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const audits = async (action: string, id: number) =>
  Number((await t.services.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).where('action', '=', action).where('entity_type', '=', 'hall_session').where('entity_id', '=', String(id)).executeTakeFirstOrThrow()).n);

describe('the check-in window', () => {
  it('opens an hour before the start: earlier is refused with the window named, and nothing stored', async () => {
    const id = await aSession({ startsAt: inHours(3), endsAt: inHours(5) });
    const { token } = await codeOf(id);
    const preview = await member.get(`/api/halls/checkin/${token}`);
    assert.equal(preview.statusCode, 200, preview.body);
    assert.deepEqual([preview.data.sessionId, preview.data.invited, preview.data.open, preview.data.checkedInAt], [id, true, false, null]);
    assert.match(preview.data.reason.zh, /签到尚未开始/);
    const before = await checkins();
    const early = await member.post(`/api/halls/checkin/${token}`);
    assert.equal(early.statusCode, 409);
    assert.match(early.headers['content-type'] as string, /application\/problem\+json/);
    assert.match(early.data.detail, /签到尚未开始.*签到时间/);
    assert.match(early.data.detail_en, /opens at .* closes at/);
    assert.equal(await checkins(), before);
  });

  it('closes at the end, or three hours after the start when no end is set, and once the session is held', async () => {
    const ended = await aSession({ startsAt: inHours(-4), endsAt: inHours(-1) });
    const late = await member.post(`/api/halls/checkin/${(await codeOf(ended)).token}`);
    assert.equal(late.statusCode, 409);
    assert.match(late.data.detail, /签到已结束/);
    const noEnd = await aSession({ startsAt: inHours(-3.5) });
    assert.equal((await member.post(`/api/halls/checkin/${(await codeOf(noEnd)).token}`)).statusCode, 409);
    const held = await aSession({ startsAt: inHours(-0.5), endsAt: inHours(2), hold: true });
    assert.equal((await member.post(`/api/halls/checkin/${(await codeOf(held)).token}`)).statusCode, 409);
  });

  it('has no check-in before the notice is published', async () => {
    const planned = await aSession({ startsAt: inHours(0.5), endsAt: inHours(2), publish: false });
    const { token } = await codeOf(planned);
    assert.equal((await member.get(`/api/halls/checkin/${token}`)).statusCode, 404);
    const res = await member.post(`/api/halls/checkin/${token}`);
    assert.equal(res.statusCode, 409);
    assert.match(res.data.detail, /尚未发布/);
  });
});

describe('who checks in, once', () => {
  it('takes invited members and residents invited by account; late arrivals are marked', async () => {
    const id = await aSession({ startsAt: inHours(-0.5), endsAt: inHours(2) });
    const { token } = await codeOf(id);
    const ok = await member.post(`/api/halls/checkin/${token}`);
    assert.equal(ok.statusCode, 200, ok.body);
    assert.deepEqual([ok.data.sessionId, ok.data.already], [id, false]);
    assert.equal((await resident.post(`/api/halls/checkin/${token}`)).statusCode, 200);
    const list = await staff.get(`/api/halls/attendance?sessionId=${id}`);
    assert.equal(list.statusCode, 200, list.body);
    assert.deepEqual(list.data.items.map((i: { kind: string; status: string; late: boolean }) => [i.kind, i.status, i.late]), [['member', 'present', true], ['resident', 'present', true]]);
    assert.equal(list.data.totals.headcount, 2);
    assert.ok(!JSON.stringify(list.data).includes('王阿姨'), 'residents invited by name only do not check in');

    // The member's attendance counts in their duty record once the session is recorded as held.
    const attended = async () => ((await member.get('/api/duty/me')).data.events as { kind: string; source: { id: number } }[]).filter((e) => e.kind === 'hall_attended' && e.source.id === id);
    assert.equal((await attended()).length, 0, 'not before it is held');
    assert.equal((await staff.post(`/api/halls/sessions/${id}/events`, { event: 'hold', minutes: '议定增设停车位。' })).statusCode, 200);
    assert.equal((await attended()).length, 1);
  });

  it('counts a second scan once and says so, also when scanned at the same moment', async () => {
    const id = await aSession({ startsAt: inHours(0.5), endsAt: inHours(2) });
    const { token } = await codeOf(id);
    const results = await Promise.all(Array.from({ length: 6 }, () => member.post(`/api/halls/checkin/${token}`)));
    assert.ok(results.every((r) => r.statusCode === 200), results.map((r) => r.body).join());
    assert.equal(results.filter((r) => !r.data.already).length, 1);
    assert.equal(new Set(results.map((r) => r.data.checkedInAt)).size, 1);
    const again = await member.post(`/api/halls/checkin/${token}`);
    assert.equal(again.data.already, true);
    const rows = await t.services.db.selectFrom('attendance_checkins').select('user_id').where('source_type', '=', 'hall_session').where('source_id', '=', id).execute();
    assert.equal(rows.length, 1);
    assert.equal(await audits('checkin', id), 1, 'one audit entry per check-in');
    assert.equal((await member.get(`/api/halls/checkin/${token}`)).data.checkedInAt, results[0]!.data.checkedInAt);
    const list = await staff.get(`/api/halls/attendance?sessionId=${id}`);
    assert.deepEqual(list.data.items.map((i: { status: string; late: boolean }) => [i.status, i.late]), [['present', false], ['expected', false]]);
  });

  it('refuses whoever is not invited, and stores nothing', async () => {
    const id = await aSession({ startsAt: inHours(0.5), endsAt: inHours(2) });
    const { token } = await codeOf(id);
    const before = await checkins();
    for (const [who, agent] of [['neighbour', neighbour], ['other member', other], ['staff', staff], ['unit', await t.as('unit')], ['leader', await t.as('leader')]] as const) {
      const res = await agent.post(`/api/halls/checkin/${token}`);
      assert.equal(res.statusCode, 403, who);
      assert.match(res.data.detail, /未受邀/, who);
      assert.ok(res.data.detail_en, who);
    }
    assert.equal((await neighbour.get(`/api/halls/checkin/${token}`)).data.invited, false);
    assert.equal((await t.anonymous().post(`/api/halls/checkin/${token}`)).statusCode, 401);
    assert.equal((await t.anonymous().get(`/api/halls/checkin/${token}`)).statusCode, 401);
    assert.equal((await member.post('/api/halls/checkin/nonsense')).statusCode, 404);
    assert.equal((await member.get('/api/halls/checkin/nonsense')).statusCode, 404);
    const blank = await member.post('/api/halls/checkin/%20%20');
    assert.equal(blank.statusCode, 400, blank.body);
    assert.ok(blank.data.errors[0].message && blank.data.errors[0].message_en);
    assert.equal((await member.post(`/api/halls/checkin/${'x'.repeat(200)}`)).statusCode, 414, 'an address that long is refused before routing');
    assert.equal(await checkins(), before);
    assert.equal(await audits('checkin', id), 0);
  });
});

describe('the office', () => {
  it('shows the QR code, the same each time, issued once and audited', async () => {
    const id = await aSession({ startsAt: inHours(0.5), endsAt: inHours(2) });
    const first = await codeOf(id);
    assert.match(first.png, /^data:image\/png;base64,iVBOR/);
    assert.match(first.svg, /^<svg/);
    assert.ok(first.url.endsWith(`/hall/checkin/${first.token}`));
    assert.ok(first.token.length >= 32, 'unguessable');
    assert.equal((await codeOf(id)).token, first.token);
    assert.equal(await audits('checkin_code', id), 1);
  });

  it('keeps the code and the list to the office in scope', async () => {
    const id = await aSession({ startsAt: inHours(0.5), endsAt: inHours(2) });
    for (const [who, agent] of [['member', member], ['resident', resident], ['leader', await t.as('leader')], ['unit', await t.as('unit')]] as const)
      assert.equal((await agent.get(`/api/halls/sessions/${id}/checkin-code`)).statusCode, 403, who);
    assert.equal((await t.anonymous().get(`/api/halls/sessions/${id}/checkin-code`)).statusCode, 401);
    assert.equal((await (await t.as('county_staff')).get(`/api/halls/sessions/${id}/checkin-code`)).statusCode, 404, 'another organization');
    assert.equal((await (await t.as('leader')).get(`/api/halls/attendance?sessionId=${id}`)).statusCode, 200);
    for (const [who, agent] of [['member', member], ['resident', resident], ['unit', await t.as('unit')]] as const)
      assert.equal((await agent.get(`/api/halls/attendance?sessionId=${id}`)).statusCode, 403, who);
    assert.equal((await (await t.as('county_staff')).get(`/api/halls/attendance?sessionId=${id}`)).statusCode, 404);
    assert.equal((await staff.get('/api/halls/attendance')).statusCode, 400);
    assert.equal((await staff.get('/api/halls/attendance?sessionId=abc')).statusCode, 400);
    assert.equal((await staff.get('/api/halls/attendance?sessionId=999999')).statusCode, 404);
    assert.equal((await staff.get('/api/halls/sessions/999999/checkin-code')).statusCode, 404);
  });

  it('refuses sessions with a bad end or invited residents who are not public accounts, storing nothing', async () => {
    const topic = await resident.post(`/api/halls/places/${hall}/topics`, { title: '路灯不亮', text: '小区路灯坏了一个月。' });
    await staff.post(`/api/halls/topics/${topic.data.id}/screen`, { event: 'adopt' });
    const sessions = async () => Number((await t.services.db.selectFrom('hall_sessions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const n = await sessions();
    const base = { placeId: hall, title: '路灯议事会', startsAt: inHours(2), topicIds: [topic.data.id] };
    for (const body of [{ ...base, endsAt: inHours(1) }, { ...base, endsAt: 'tomorrow' }, { ...base, residentUserIds: [t.fixture.users.staff] }, { ...base, residentUserIds: [999999] }]) {
      const res = await staff.post('/api/halls/sessions', body);
      assert.equal(res.statusCode, 400, res.body);
      assert.ok(res.data.errors[0].message && res.data.errors[0].message_en);
    }
    assert.equal(await sessions(), n);
  });
});

describe('meetings on the same service', () => {
  it('store their check-ins in the same table, once per member', async () => {
    const id = await aMeeting(staff, { invitedMemberIds: [invitedMember], startsAt: inHours(0.5), endsAt: inHours(3) });
    const token = await tokenOf(staff, id);
    assert.equal((await member.post(`${C}/checkin`, { token })).data.already, false);
    assert.equal((await member.post(`${C}/checkin`, { token })).data.already, true);
    const rows = await t.services.db.selectFrom('attendance_checkins').select(['member_id', 'method']).where('source_type', '=', 'consultation_meeting').where('source_id', '=', id).execute();
    assert.deepEqual(rows, [{ member_id: invitedMember, method: 'qr' }]);
    assert.equal((await other.post(`${C}/checkin`, { token })).statusCode, 403);
  });
});
