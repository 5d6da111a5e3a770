// Topics raised, supported once per account, withdrawn, merged (supporters carried over, counted
// once), declined with a reason shown publicly; sessions' workflow; ratings once per account and
// their moderation; the public page without sign-in; the role matrix; bad inputs.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { demoServer, hostile, testServer, type Agent, type TestServer } from '../../test/harness.js';
import { anAccount } from '../../test/people.js';
import { aMember, aPlace, png } from '../opinions/testing.js';
import { chinaDate } from '../../platform/time.js';
import { multipart } from '../../test/harness.js';

let t: TestServer;
let staff: Agent;
let resident: Agent;
let neighbour: Agent;
let member: Agent;
let hall: number;
let countyHall: number;
let convener: number;
before(async () => {
  t = await testServer({ challengeBits: 0 });
  staff = await t.as('staff');
  resident = await t.as('public');
  await anAccount(t, 'neighbour', 'public');
  neighbour = await t.as('neighbour');
  convener = await aMember(t, '周静', '经济界', 'member');
  member = await t.as('member');
  hall = await aPlace(t, `新塍镇民生议事堂${hostile}`, 'hall');
  countyHall = await aPlace(t, '县民生议事堂', 'hall', null, t.fixture.county);
});
after(() => t.close());

const topic = (over: Record<string, unknown> = {}) => ({ title: `小区停车难${hostile}`, text: '老旧小区停车位不足，晚上车辆乱停，建议挖潜增设停车位。', ...over });
async function raise(agent = resident, placeId = hall, over: Record<string, unknown> = {}) {
  const res = await agent.post(`/api/halls/places/${placeId}/topics`, topic(over));
  assert.equal(res.statusCode, 201, res.body);
  return res.data.id as number;
}
const publicPage = async (agent = t.anonymous()) => (await agent.get(`/api/halls/public/${hall}`)).data;
const topicOf = async (id: number, agent?: Agent) => (await publicPage(agent)).topics.find((x: { id: number }) => x.id === id);
const count = async (table: 'hall_topics' | 'hall_supports' | 'hall_sessions' | 'hall_ratings') =>
  Number((await t.services.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('topics', () => {
  it('residents raise and support once; withdrawing works; the page shows counts, never supporters', async () => {
    const id = await raise();
    assert.equal((await resident.post(`/api/halls/topics/${id}/support`)).statusCode, 204);
    assert.equal((await neighbour.post(`/api/halls/topics/${id}/support`)).statusCode, 204);
    const again = await neighbour.post(`/api/halls/topics/${id}/support`);
    assert.equal(again.statusCode, 409);
    assert.match(again.data.detail, /已支持/);
    assert.equal((await topicOf(id)).supports, 2);
    assert.equal((await topicOf(id, neighbour)).supported, true);
    // Each support is audited once, by its supporter, in the topic's organization; the refused repeat is not.
    const topic = await t.services.db.selectFrom('hall_topics').select('organization_id').where('id', '=', id).executeTakeFirstOrThrow();
    const entries = await t.services.db.selectFrom('audit_log').select(['actor_id', 'actor_name', 'organization_id', 'ip']).where('action', '=', 'support').where('entity_type', '=', 'hall_topic').where('entity_id', '=', String(id)).orderBy('id').execute();
    const idOf = async (username: string) => (await t.services.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
    assert.deepEqual(entries.map((e) => [e.actor_id, e.organization_id]), [[await idOf('public'), topic.organization_id], [await idOf('neighbour'), topic.organization_id]]);
    assert.ok(entries.every((e) => e.actor_name && e.ip));
    assert.equal((await neighbour.request('DELETE', `/api/halls/topics/${id}/support`)).statusCode, 204);
    assert.equal((await neighbour.request('DELETE', `/api/halls/topics/${id}/support`)).statusCode, 409);
    assert.equal((await topicOf(id)).supports, 1);
    const body = JSON.stringify(await publicPage());
    assert.doesNotMatch(body, /public<script>|neighbour|proposer|user_?id/i, 'no personal data on the public page');
  });

  it('sends the public page and index compressed to a browser that accepts gzip: the same answer, fresh after a support', async () => {
    const id = await raise();
    const zipped = async (url: string, encoding = 'gzip, deflate, br') => {
      const res = await t.anonymous().request('GET', url, undefined, { 'accept-encoding': encoding });
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers.vary), /accept-encoding/i);
      return res.headers['content-encoding'] === 'gzip' ? JSON.parse(gunzipSync(res.rawPayload).toString('utf8')) : { plain: JSON.parse(res.body) };
    };
    for (const url of [`/api/halls/public/${hall}`, '/api/halls/public']) {
      const plain = (await t.anonymous().get(url)).data;
      // Built, then kept: both compressed, both the plain answer.
      assert.deepEqual(await zipped(url), plain);
      assert.deepEqual(await zipped(url), plain);
      assert.deepEqual(await zipped(url, 'gzip;q=0, identity'), { plain }, 'a client refusing gzip gets it plain');
      assert.deepEqual(await zipped(url, ''), { plain });
    }
    assert.equal((await resident.post(`/api/halls/topics/${id}/support`)).statusCode, 204);
    const page = await zipped(`/api/halls/public/${hall}`);
    assert.equal(page.topics.find((x: { id: number }) => x.id === id).supports, 1, 'the kept compressed page is stale after a support');
  });

  it('counts one support per account under concurrent requests', async () => {
    const id = await raise();
    const results = await Promise.all(Array.from({ length: 8 }, () => neighbour.post(`/api/halls/topics/${id}/support`)));
    assert.equal(results.filter((r) => r.statusCode === 204).length, 1);
    assert.ok(results.every((r) => r.statusCode === 204 || r.statusCode === 409));
    assert.equal((await topicOf(id)).supports, 1);
  });

  it('merges a topic: supporters carried over, each counted once, timeline kept', async () => {
    const a = await raise();
    const b = await raise(neighbour);
    await resident.post(`/api/halls/topics/${b}/support`); // supports both
    await neighbour.post(`/api/halls/topics/${a}/support`);
    const res = await staff.post(`/api/halls/topics/${b}/screen`, { event: 'merge', intoTopicId: a });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.data.state, 'merged');
    assert.equal(res.data.mergedInto, a);
    assert.deepEqual(res.data.timeline.map((e: { action: string }) => e.action), ['raise', 'support', 'merge']);
    assert.equal((await topicOf(a)).supports, 2, 'resident and neighbour, once each');
    const target = await staff.get(`/api/halls/topics/${a}`);
    assert.ok(target.data.timeline.some((e: { action: string }) => e.action === 'merged_in'));
    assert.equal((await staff.post(`/api/halls/topics/${b}/screen`, { event: 'adopt' })).statusCode, 409);
    // A merged topic takes no more support, and an unknown one is not found: nothing stored, nothing audited.
    const leader = await t.as('leader');
    const supports = await count('hall_supports');
    const audited = Number((await t.services.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const late = await leader.post(`/api/halls/topics/${b}/support`);
    assert.equal(late.statusCode, 409);
    assert.match(late.data.detail, /不再征集/);
    assert.equal((await neighbour.post('/api/halls/topics/987654/support')).statusCode, 404);
    assert.equal(await count('hall_supports'), supports);
    assert.equal(Number((await t.services.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n), audited);
  });

  it('declines with a reason the public page shows', async () => {
    const id = await raise();
    const res = await staff.post(`/api/halls/topics/${id}/screen`, { event: 'decline', reason: '属于物业管理事项，已转交社区处理' });
    assert.equal(res.statusCode, 200, res.body);
    const shown = await topicOf(id);
    assert.equal(shown.state, 'declined');
    assert.equal(shown.declineReason, '属于物业管理事项，已转交社区处理');
    assert.equal((await staff.post(`/api/halls/topics/${id}/case`, { title: '案例', before: '前', after: '后' })).statusCode, 409, 'only closed topics become cases');
  });

  it('shows similar earlier topics while writing and while screening', async () => {
    const first = await raise(resident, hall, { title: '菜市场周边占道经营', text: '菜市场周边流动摊贩占道经营，早高峰交通拥堵，建议规划临时疏导点。' });
    const writing = await neighbour.get(`/api/halls/places/${hall}/similar?text=${encodeURIComponent('菜市场门口摊贩占道经营堵塞交通')}`);
    assert.equal(writing.statusCode, 200, writing.body);
    assert.equal(writing.data[0].id, first);
    assert.equal((await t.anonymous().get(`/api/halls/places/${hall}/similar?text=x`)).statusCode, 401);
    const second = await raise(neighbour, hall, { title: '菜市场摊贩占道', text: '菜市场门口摊贩占道经营，早上交通拥堵。' });
    const screening = await staff.get(`/api/halls/topics/${second}`);
    assert.ok(screening.data.similar.some((x: { id: number }) => x.id === first), screening.body);
  });

  it('members raise topics too; staff of another organization may not screen', async () => {
    const id = await raise(member);
    const county = await t.as('county_staff');
    assert.equal((await county.post(`/api/halls/topics/${id}/screen`, { event: 'adopt' })).statusCode, 404);
    assert.equal((await county.post(`/api/halls/places/${hall}/topics`, topic())).statusCode, 403);
  });
});

describe('sessions and ratings', () => {
  it('runs planned → notice published → held → closed; topics close; ratings once, shown after approval', async () => {
    const id = await raise();
    await neighbour.post(`/api/halls/topics/${id}/support`);
    assert.equal((await staff.post(`/api/halls/topics/${id}/screen`, { event: 'adopt' })).statusCode, 200);
    const bad = await staff.post('/api/halls/sessions', { placeId: hall, title: '议事', startsAt: '2026-12-20T02:00:00Z', topicIds: [id], convenerMemberId: 99999 });
    assert.equal(bad.statusCode, 400);
    const sessions = await count('hall_sessions');
    const created = await staff.post('/api/halls/sessions', {
      placeId: hall, title: `停车难议事会${hostile}`, startsAt: '2026-12-20T10:00:00+08:00', topicIds: [id], convenerMemberId: convener, researchNotes: '走访了三个小区。',
      invitedMemberIds: [convener], unitIds: [t.fixture.unit], residentNames: ['居民代表王阿姨'],
    });
    assert.equal(created.statusCode, 201, created.body);
    assert.deepEqual(created.data.invitees.map((v: { kind: string; name: string }) => [v.kind, v.name]), [['member', '周静'], ['unit', '市教育局'], ['resident', '居民代表王阿姨']]);
    assert.equal(await count('hall_sessions'), sessions + 1);
    const sid = created.data.id as number;
    assert.equal((await publicPage()).sessions.some((x: { id: number }) => x.id === sid), false, 'a planned session is not public yet');
    assert.ok((await staff.get(`/api/halls/places/${hall}/sessions`)).data.some((x: { id: number; state: string }) => x.id === sid && x.state === 'planned'));
    assert.equal((await resident.get(`/api/halls/places/${hall}/sessions`)).statusCode, 403);
    assert.equal((await staff.post(`/api/halls/sessions/${sid}/events`, { event: 'close' })).statusCode, 409);
    assert.equal((await staff.post(`/api/halls/sessions/${sid}/events`, { event: 'publish' })).statusCode, 200);
    const shown = (await publicPage()).sessions.find((x: { id: number }) => x.id === sid);
    assert.equal(shown.state, 'notice_published');
    assert.equal(shown.convener, '周静');
    assert.equal((await staff.post(`/api/halls/sessions/${sid}/events`, { event: 'hold' })).statusCode, 400, 'minutes needed');
    assert.equal((await staff.post(`/api/halls/sessions/${sid}/events`, { event: 'publish', speakers: [{ name: '周静', summary: '建议' }] })).statusCode, 409);
    const held = await staff.post(`/api/halls/sessions/${sid}/events`, {
      event: 'hold', minutes: '议定利用闲置地块增设停车位 40 个。',
      speakers: [{ name: '周静', memberId: convener, summary: '建议错时开放机关停车场。' }, { name: '居民代表王阿姨', summary: `晚上车辆乱停，消防通道被堵${hostile}` }],
    });
    assert.equal(held.statusCode, 200, held.body);
    assert.equal(held.data.speakers.length, 2);
    assert.deepEqual((await publicPage()).sessions.find((x: { id: number }) => x.id === sid).speakers.map((x: { name: string }) => x.name), ['周静', '居民代表王阿姨']);
    assert.equal((await resident.post(`/api/halls/topics/${id}/ratings`, { stars: 5 })).statusCode, 409, 'not closed yet');
    const photo = multipart(png(), '现场.png', 'image/png');
    assert.equal((await resident.request('POST', `/api/halls/sessions/${sid}/files?kind=photo`, photo.body, photo.headers)).statusCode, 403);
    const notImage = multipart(Buffer.from('%PDF-1.4 not an image'), '纪要.pdf', 'application/pdf');
    assert.equal((await staff.request('POST', `/api/halls/sessions/${sid}/files?kind=photo`, notImage.body, notImage.headers)).statusCode, 415);
    const up = await staff.request('POST', `/api/halls/sessions/${sid}/files?kind=photo`, photo.body, photo.headers);
    assert.equal(up.statusCode, 201, up.body);
    const research = multipart(png(), '调研照片.png', 'image/png');
    const doc = await staff.request('POST', `/api/halls/sessions/${sid}/files?kind=research`, research.body, research.headers);
    assert.equal(doc.statusCode, 201, doc.body);
    assert.equal((await t.anonymous().get(`/api/halls/sessions/${sid}/files/${up.data.id}`)).statusCode, 200, 'photos of a held session are public');
    assert.equal((await t.anonymous().get(`/api/halls/sessions/${sid}/files/${doc.data.id}`)).statusCode, 404, 'research documents are not');
    assert.equal((await staff.get(`/api/halls/sessions/${sid}/files/${doc.data.id}`)).statusCode, 200);
    assert.deepEqual((await publicPage()).sessions.find((x: { id: number }) => x.id === sid).photos.map((p: { name: string }) => p.name), ['现场.png']);
    assert.equal((await staff.get(`/api/halls/sessions/${sid}`)).data.research.length, 1);
    const closed = await staff.post(`/api/halls/sessions/${sid}/events`, { event: 'close' });
    assert.equal(closed.statusCode, 200);
    assert.deepEqual(closed.data.timeline.map((e: { action: string }) => e.action), ['plan', 'publish', 'hold', 'file_photo', 'file_research', 'close']);
    assert.equal((await topicOf(id)).state, 'closed');
    assert.equal((await publicPage()).sessions.find((x: { id: number }) => x.id === sid).minutes, '议定利用闲置地块增设停车位 40 个。');

    assert.equal((await t.anonymous().post(`/api/halls/topics/${id}/ratings`, { stars: 5 })).statusCode, 401);
    assert.equal((await resident.post(`/api/halls/topics/${id}/ratings`, { stars: 6 })).statusCode, 400);
    const r1 = await resident.post(`/api/halls/topics/${id}/ratings`, { stars: 5, comment: `车位增加了，满意${hostile}` });
    assert.equal(r1.statusCode, 201, r1.body);
    assert.equal((await resident.post(`/api/halls/topics/${id}/ratings`, { stars: 1 })).statusCode, 409, 'once per account');
    const r2 = await neighbour.post(`/api/halls/topics/${id}/ratings`, { stars: 3, comment: '广告链接' });
    assert.equal((await topicOf(id)).rating, null, 'nothing shown before moderation');
    assert.equal((await resident.post(`/api/halls/ratings/${r1.data.id}/moderate`, { decision: 'approve' })).statusCode, 403);
    const pending = await staff.get(`/api/halls/places/${hall}/ratings`);
    assert.equal(pending.data.length, 2);
    assert.equal((await staff.post(`/api/halls/ratings/${r1.data.id}/moderate`, { decision: 'approve' })).statusCode, 204);
    assert.equal((await staff.post(`/api/halls/ratings/${r2.data.id}/moderate`, { decision: 'reject' })).statusCode, 204);
    assert.equal((await staff.post(`/api/halls/ratings/${r2.data.id}/moderate`, { decision: 'approve' })).statusCode, 409);
    const rated = await topicOf(id);
    assert.equal(rated.rating, 5);
    assert.deepEqual(rated.comments.map((c: { comment: string }) => c.comment), [`车位增加了，满意${hostile}`]);

    const caseIn = { title: `老街停车难的解决${hostile}`, before: '晚上车辆乱停，消防通道被堵。', after: '增设停车位 40 个，夜间错时开放机关停车场。' };
    assert.equal((await resident.post(`/api/halls/topics/${id}/case`, caseIn)).statusCode, 403);
    assert.equal((await staff.post(`/api/halls/topics/${id}/case`, { ...caseIn, after: '' })).statusCode, 400);
    assert.equal((await staff.post(`/api/halls/topics/${id}/case`, caseIn)).statusCode, 201);
    assert.equal((await staff.post(`/api/halls/topics/${id}/case`, caseIn)).statusCode, 409);
    const cases = await t.anonymous().get('/api/halls/cases');
    assert.deepEqual(cases.data.map((c: { title: string; topicId: number }) => [c.title, c.topicId]), [[caseIn.title, id]]);
    const index = await t.anonymous().get('/api/halls/public');
    const row = index.data.find((x: { id: number }) => x.id === hall);
    assert.equal(row.sessions, 1);
    assert.equal(row.rating, 5);
    assert.equal((await t.anonymous().get('/api/halls/ranking')).statusCode, 401);
    const ranking = await staff.get('/api/halls/ranking');
    assert.ok(ranking.data.some((x: { id: number }) => x.id === countyHall), 'the city reaches its counties');
    const countyRanking = await (await t.as('county_staff')).get('/api/halls/ranking');
    assert.deepEqual(countyRanking.data.map((x: { id: number }) => x.id), [countyHall], 'a county sees only its own halls');
    assert.equal(ranking.data[0].id, hall);
  });
});

describe('who may not, and bad inputs', () => {
  it('refuses anonymous writes and wrong roles', async () => {
    const id = await raise();
    const anon = t.anonymous();
    assert.equal((await anon.post(`/api/halls/places/${hall}/topics`, topic())).statusCode, 401);
    assert.equal((await anon.post(`/api/halls/topics/${id}/support`)).statusCode, 401);
    assert.equal((await anon.get(`/api/halls/topics/${id}`)).statusCode, 401);
    for (const who of ['public', 'member', 'unit', 'leader']) {
      const agent = await t.as(who);
      assert.equal((await agent.post(`/api/halls/topics/${id}/screen`, { event: 'adopt' })).statusCode, 403, who);
      assert.equal((await agent.post('/api/halls/sessions', { placeId: hall, title: '议事', startsAt: '2026-12-20T02:00:00Z', topicIds: [id] })).statusCode, 403, who);
      assert.equal((await agent.get(`/api/halls/topics/${id}`)).statusCode, 403, who);
    }
    assert.equal((await (await t.as('unit')).post(`/api/halls/places/${hall}/topics`, topic())).statusCode, 403);
    assert.equal((await t.anonymous().get('/api/halls/public/999999')).statusCode, 404);
  });

  it('answers bad inputs with problem+json in both languages and changes nothing', async () => {
    const id = await raise();
    const before = [await count('hall_topics'), await count('hall_sessions')];
    const cases: [string, Record<string, unknown>][] = [
      [`/api/halls/places/${hall}/topics`, topic({ title: '' })],
      [`/api/halls/places/${hall}/topics`, topic({ text: '长'.repeat(2001) })],
      [`/api/halls/places/${hall}/topics`, topic({ text: 'a\u0000b' })],
      [`/api/halls/places/${hall}/topics`, topic({ extra: 1 })],
      [`/api/halls/topics/${id}/screen`, { event: 'decline' }],
      [`/api/halls/topics/${id}/screen`, { event: 'merge', intoTopicId: id }],
      [`/api/halls/topics/${id}/screen`, { event: 'merge', intoTopicId: 999999 }],
      ['/api/halls/sessions', { placeId: hall, title: '议事', startsAt: 'tomorrow', topicIds: [id] }],
      ['/api/halls/sessions', { placeId: hall, title: '议事', startsAt: '2026-12-20T02:00:00Z', topicIds: [id] }],
      ['/api/halls/sessions', { placeId: hall, title: '议事', startsAt: '2026-12-20T02:00:00Z', topicIds: [id], unitIds: [999999] }],
      ['/api/halls/sessions', { placeId: hall, title: '议事', startsAt: '2026-12-20T02:00:00Z', topicIds: [id], residentNames: [''] }],
    ];
    for (const [url, body] of cases) {
      const res = await staff.post(url, body);
      assert.equal(res.statusCode, 400, `${url} ${JSON.stringify(body)} ${res.body}`);
      assert.match(String(res.headers['content-type']), /problem\+json/);
      assert.ok(res.data.errors?.[0]?.message && res.data.errors[0].message_en, res.body);
    }
    assert.deepEqual([await count('hall_topics'), await count('hall_sessions')], before);
    assert.equal((await topicOf(id)).state, 'open');
  });
});

describe('the network', () => {
  it('directory by division with members on duty, opening hours and activities; the log recorded by the office or the studio member only', async () => {
    const studio = await aPlace(t, '周静委员工作室', 'hall', null);
    await t.services.db.updateTable('places').set({ kind: 'studio', member_id: convener }).where('id', '=', studio).execute();
    assert.equal((await member.request('PUT', `/api/halls/places/${studio}/setup`, { openingHours: '每周三 9:00-11:30', dutyMemberIds: [convener] })).statusCode, 403);
    assert.equal((await staff.request('PUT', `/api/halls/places/${studio}/setup`, { openingHours: '', dutyMemberIds: [] })).statusCode, 400);
    assert.equal((await staff.request('PUT', `/api/halls/places/${studio}/setup`, { openingHours: '每周三 9:00-11:30', dutyMemberIds: [99999] })).statusCode, 400);
    assert.equal((await staff.request('PUT', `/api/halls/places/${studio}/setup`, { openingHours: '每周三 9:00-11:30', dutyMemberIds: [convener] })).statusCode, 204);
    const today = chinaDate();
    const byMember = await member.post(`/api/halls/places/${studio}/activities`, { kind: 'reception', title: `接待群众来访${hostile}`, heldOn: today, memberIds: [convener] });
    assert.equal(byMember.statusCode, 201, byMember.body);
    // The reception counts in the duty record of the member it names, as it is recorded.
    const duty = (await member.get('/api/duty/me')).data as { events: { kind: string; source: { id: number } }[] };
    assert.deepEqual(duty.events.filter((e) => e.kind === 'place_activity').map((e) => e.source.id), [byMember.data.id]);
    assert.equal((await resident.post(`/api/halls/places/${studio}/activities`, { kind: 'visit', title: '走访', heldOn: today })).statusCode, 403);
    assert.equal((await member.post(`/api/halls/places/${hall}/activities`, { kind: 'visit', title: '走访', heldOn: today })).statusCode, 403, 'not their studio');
    assert.equal((await staff.post(`/api/halls/places/${studio}/activities`, { kind: 'visit', title: '走访', heldOn: '2999-01-01' })).statusCode, 400);
    assert.equal((await staff.post(`/api/halls/places/${studio}/activities`, { kind: 'party', title: '走访', heldOn: today })).statusCode, 400);
    const log = await t.anonymous().get(`/api/halls/places/${studio}/activities`);
    assert.deepEqual(log.data.map((a: { kind: string; members: string[] }) => [a.kind, a.members]), [['reception', ['周静']]]);
    const dir = await t.anonymous().get('/api/halls/directory?kind=studio&county=330481');
    const row = dir.data.find((x: { id: number }) => x.id === studio);
    assert.deepEqual([row.openingHours, row.onDuty, row.activities], ['每周三 9:00-11:30', ['周静'], 1]);
    assert.ok(dir.data.every((x: { kind: string }) => x.kind === 'studio'));
    assert.equal((await t.anonymous().get('/api/halls/directory?county=33')).statusCode, 400);
  });
});

describe('demo data', () => {
  it('the demo halls have topics, a closed session with its minutes and a rating', async () => {
    const demo = await demoServer();
    try {
      const index = await demo.anonymous().get('/api/halls/public');
      const first = index.data.find((x: { kind: string; sessions: number }) => x.kind === 'hall' && x.sessions > 0);
      assert.ok(first, index.body.slice(0, 500));
      assert.equal(first.rating, 5);
      const page = await demo.anonymous().get(`/api/halls/public/${first.id}`);
      assert.ok(page.data.topics.some((x: { state: string; declineReason: string | null }) => x.state === 'declined' && x.declineReason));
      assert.ok(page.data.sessions.some((x: { state: string; minutes: string | null }) => x.state === 'closed' && x.minutes));
      assert.equal((await demo.anonymous().get('/api/halls/cases')).data.length, 1);
    } finally {
      await demo.close();
    }
  });
});
