// The halls' figures of a year: each equals the records this test creates through the API, for the
// organization alone and with the county below it; a record late on New Year's Eve in China counts
// in the old year, one early on New Year's Day in the new; who may read them; bad queries.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testServer, type Agent, type TestServer } from '../../test/harness.js';
import { anAccount } from '../../test/people.js';
import { aMember, aPlace } from '../opinions/testing.js';
import { chinaYear, clock } from '../../platform/time.js';

let t: TestServer;
let staff: Agent;
let countyStaff: Agent;
let resident: Agent;
let neighbour: Agent;
let member: Agent;
let unit: Agent;
let convener: number;
let hall: number;
let countyHall: number;
const Y = chinaYear();
// This year's sessions start within a minute of now, so that they fall in the year the figures are asked for.
const hours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

before(async () => {
  t = await testServer({ challengeBits: 0 });
  staff = await t.as('staff');
  countyStaff = await t.as('county_staff');
  resident = await t.as('public');
  await anAccount(t, 'neighbour', 'public');
  neighbour = await t.as('neighbour');
  convener = await aMember(t, '周静', '经济界', 'member');
  member = await t.as('member');
  unit = await t.as('unit');
  hall = await aPlace(t, '新塍镇民生议事堂', 'hall');
  countyHall = await aPlace(t, '海宁市民生议事堂', 'hall', null, t.fixture.county);
  // A studio with a logged reception, and a station with nothing this year.
  const studio = await aPlace(t, '周静委员工作室', 'hall');
  await t.services.db.updateTable('places').set({ kind: 'studio', member_id: convener }).where('id', '=', studio).execute();
  const station = await aPlace(t, '委员联络站', 'hall');
  await t.services.db.updateTable('places').set({ kind: 'station' }).where('id', '=', station).execute();
  const logged = await staff.post(`/api/halls/places/${studio}/activities`, { kind: 'reception', title: '接待群众来访', heldOn: `${Y}-01-01`, memberIds: [convener] });
  assert.equal(logged.statusCode, 201, logged.body);
  await cityYear();
  await countyYear();
  await newYearsEve();
});
after(() => {
  clock.now = () => new Date();
  return t.close();
});

const ok = (res: { statusCode: number; body: string }, code = 200) => assert.equal(res.statusCode, code, res.body);
async function raise(agent: Agent, placeId: number) {
  const res = await agent.post(`/api/halls/places/${placeId}/topics`, { title: '小区停车难', text: '老旧小区停车位不足，建议增设停车位。' });
  ok(res, 201);
  return res.data.id as number;
}
async function session(agent: Agent, placeId: number, topicIds: number[], extra: Record<string, unknown>, checkIn: Agent[] = []) {
  const res = await agent.post('/api/halls/sessions', { placeId, title: '停车难议事会', topicIds, ...extra });
  ok(res, 201);
  const id = res.data.id as number;
  ok(await agent.post(`/api/halls/sessions/${id}/events`, { event: 'publish' }));
  if (checkIn.length) {
    const { token } = (await agent.get(`/api/halls/sessions/${id}/checkin-code`)).data;
    for (const who of checkIn) ok(await who.post(`/api/halls/checkin/${token}`));
  }
  ok(await agent.post(`/api/halls/sessions/${id}/events`, { event: 'hold', minutes: '议定增设停车位。' }));
  ok(await agent.post(`/api/halls/sessions/${id}/events`, { event: 'close' }));
  return id;
}
const suggest = async (agent: Agent, sessionId: number) => {
  const res = await agent.post(`/api/halls/sessions/${sessionId}/suggestions`, { title: '增设停车位', text: '利用闲置地块增设停车位。' });
  ok(res, 201);
  return res.data.id as number;
};

/** The city's year: 3 topics (1 adopted, 1 declined), 1 session with 2 check-ins and 2 named representatives, 3 suggestions (2 answered, 1 adopted), ratings 5 and 3 approved, 1 rejected. */
async function cityYear() {
  const [a, b] = [await raise(resident, hall), await raise(neighbour, hall)];
  await raise(member, hall);
  ok(await staff.post(`/api/halls/topics/${a}/screen`, { event: 'adopt' }));
  ok(await staff.post(`/api/halls/topics/${b}/screen`, { event: 'decline', reason: '属于物业管理事项' }));
  const id = await session(staff, hall, [a], {
    startsAt: hours(0.02), endsAt: hours(2), convenerMemberId: convener, invitedMemberIds: [convener],
    residentNames: ['居民代表王阿姨', '居民代表李师傅'], residentUserIds: [t.fixture.users.public],
  }, [member, resident]);
  const [s1, s2] = [await suggest(staff, id), await suggest(staff, id)];
  await suggest(staff, id);
  for (const sid of [s1, s2]) {
    ok(await staff.post(`/api/suggestions/${sid}/assign`, { unitIds: [t.fixture.unit] }));
    ok(await unit.post(`/api/suggestions/${sid}/answer`, { text: '已纳入计划。' }));
  }
  ok(await staff.post(`/api/suggestions/${s1}/adoption`, { adopted: true }));
  ok(await staff.post(`/api/suggestions/${s2}/adoption`, { adopted: false }));
  const ratings = [];
  for (const [who, stars] of [[resident, 5], [neighbour, 3], [member, 1]] as const) {
    const res = await who.post(`/api/halls/topics/${a}/ratings`, { stars });
    ok(res, 201);
    ratings.push(res.data.id as number);
  }
  for (const [rid, decision] of [[ratings[0], 'approve'], [ratings[1], 'approve'], [ratings[2], 'reject']] as const)
    ok(await staff.post(`/api/halls/ratings/${rid}/moderate`, { decision }), 204);
}

/** The county's year: 1 topic adopted, 1 session with 1 named representative, 1 suggestion. */
async function countyYear() {
  const a = await raise(countyStaff, countyHall);
  ok(await countyStaff.post(`/api/halls/topics/${a}/screen`, { event: 'adopt' }));
  const id = await session(countyStaff, countyHall, [a], { startsAt: hours(-0.02), residentNames: ['居民代表张大姐'] });
  await suggest(countyStaff, id);
}

/** Last year in China: a topic raised at 07:00 on its New Year's Day (still the year before in UTC), and a session with its topic at 23:30 on its New Year's Eve. */
async function newYearsEve() {
  try {
    clock.now = () => new Date(`${Y - 1}-01-01T07:00:00+08:00`);
    await raise(resident, hall);
    clock.now = () => new Date(`${Y - 1}-12-31T23:30:00+08:00`);
    const a = await raise(resident, hall);
    ok(await staff.post(`/api/halls/topics/${a}/screen`, { event: 'adopt' }));
    const id = await session(staff, hall, [a], { startsAt: `${Y - 1}-12-31T23:30:00+08:00`, residentNames: ['居民代表王阿姨'] });
    await suggest(staff, id);
  } finally {
    clock.now = () => new Date();
  }
}

const stats = async (agent: Agent, query: string) => {
  const res = await agent.get(`/api/halls/stats?${query}`);
  ok(res);
  return res.data;
};

describe('figures of a year', () => {
  it('counts the organization alone', async () => {
    const s = await stats(staff, `year=${Y}`);
    assert.deepEqual(s.organizationIds, [t.fixture.city]);
    assert.deepEqual(s.places, { hall: { total: 1, active: 1 }, station: { total: 1, active: 0 }, studio: { total: 1, active: 1 }, lounge: { total: 0, active: 0 } });
    assert.deepEqual(s.topics, { raised: 3, adopted: 1, declined: 1 });
    assert.equal(s.sessions, 1);
    assert.deepEqual(s.participations, { checkins: 2, representatives: 2, total: 4 });
    assert.deepEqual(s.suggestions, { made: 3, answered: 2, adopted: 1 });
    assert.deepEqual(s.rating, { average: 4, ratings: 2 });
    assert.match(s.headline.zh, /开展议事活动1场，参与4人次/);
    assert.ok(s.headline.en);
  });

  it('adds the counties below with scope=system; a county sees its own', async () => {
    const s = await stats(staff, `year=${Y}&scope=system&organizationId=${t.fixture.city}`);
    assert.deepEqual(new Set(s.organizationIds), new Set([t.fixture.city, t.fixture.county]));
    assert.deepEqual(s.places.hall, { total: 2, active: 2 });
    assert.deepEqual(s.topics, { raised: 4, adopted: 2, declined: 1 });
    assert.equal(s.sessions, 2);
    assert.deepEqual(s.participations, { checkins: 2, representatives: 3, total: 5 });
    assert.deepEqual(s.suggestions, { made: 4, answered: 2, adopted: 1 });
    const county = await stats(countyStaff, `year=${Y}&scope=system`);
    assert.deepEqual([county.organizationIds, county.sessions, county.suggestions.made, county.rating.average], [[t.fixture.county], 1, 1, null]);
  });

  it('counts by the calendar year in China', async () => {
    const last = await stats(staff, `year=${Y - 1}`);
    assert.deepEqual(last.topics, { raised: 2, adopted: 1, declined: 0 });
    assert.equal(last.sessions, 1, 'held at 23:30 on New Year\'s Eve');
    assert.deepEqual(last.participations, { checkins: 0, representatives: 1, total: 1 });
    assert.deepEqual(last.suggestions, { made: 1, answered: 0, adopted: 0 });
    assert.deepEqual(last.sessionsByMonth.slice(11), [1]);
    assert.deepEqual((await stats(staff, `year=${Y - 2}`)).topics.raised, 0, '07:00 on New Year\'s Day in China is the new year');
    assert.equal((await stats(staff, `year=${Y}`)).sessions, 1);
  });
});

describe('who may read them, and bad queries', () => {
  it('lets admins, staff and leaders of the organization or above read; others get 403', async () => {
    for (const who of ['admin', 'staff', 'leader', 'province_admin']) ok(await (await t.as(who)).get(`/api/halls/stats?organizationId=${t.fixture.city}`));
    for (const who of ['public', 'member', 'unit']) assert.equal((await (await t.as(who)).get('/api/halls/stats')).statusCode, 403, who);
    assert.equal((await t.anonymous().get('/api/halls/stats')).statusCode, 401);
    assert.equal((await countyStaff.get(`/api/halls/stats?organizationId=${t.fixture.city}`)).statusCode, 404, 'not above the county');
    assert.equal((await staff.get('/api/halls/stats?organizationId=999999')).statusCode, 404);
  });

  it('answers a bad query with problem+json naming the field in both languages', async () => {
    for (const [query, field] of [['year=1999', 'year'], ['year=abc', 'year'], ['scope=all', 'scope'], ['organizationId=-1', 'organizationId'], ['organizationId=x', 'organizationId'], ['colour=red', 'colour'], ['year=NaN', 'year'], ['year=1e308', 'year'], ['organizationId=9007199254740993', 'organizationId'], ['organizationId=0', 'organizationId'], ['scope=%00', 'scope'], [`scope=${'x'.repeat(100000)}`, 'scope']] as const) {
      const res = await staff.get(`/api/halls/stats?${query}`);
      assert.equal(res.statusCode, 400, `${query} ${res.body}`);
      assert.match(String(res.headers['content-type']), /problem\+json/);
      const e = res.data.errors?.[0];
      assert.ok(e?.message && e.message_en, res.body);
      assert.match(`${e.field} ${e.message}`, new RegExp(field), res.body);
    }
  });
});
