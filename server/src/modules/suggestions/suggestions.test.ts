// The shared suggestion tracker: a hall session's suggestions made, assigned, answered by each unit,
// marked adopted and shown on the hall's public page; a unit reminded once; the year's figures
// equal to the rows; who may not; bad input stores nothing; illegal steps; and migration 024
// moving consultations' suggestions with their ids and history.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { hostile, settled, testServer, type Agent, type TestServer } from '../../test/harness.js';
import { HALLS_CHANGED } from '../halls/manifest.js';
import { SUGGESTIONS_CHANGED } from './service.js';
import { anAccount, aUnit } from '../../test/people.js';
import { aPlace } from '../opinions/testing.js';
import { addDays, chinaDate } from '../../platform/time.js';
import { sendSuggestionReminders } from './reminders.js';

let t: TestServer;
let staff: Agent;
let leader: Agent;
let edu: Agent; // the fixture's unit, 市教育局
let health: Agent;
let member: Agent;
let resident: Agent;
let countyStaff: Agent;
let healthUnit: number;
let countyUnit: number;
let hall: number;
before(async () => {
  t = await testServer({ challengeBits: 0 });
  healthUnit = await aUnit(t, `市卫健委${hostile}`);
  countyUnit = await aUnit(t, '海宁市教育局', t.fixture.county);
  await anAccount(t, 'health', 'unit', { handlingUnitId: healthUnit });
  [staff, leader, edu, health, member, resident, countyStaff] = (await Promise.all(['staff', 'leader', 'unit', 'health', 'member', 'public', 'county_staff'].map((u) => t.as(u)))) as Agent[] as [Agent, Agent, Agent, Agent, Agent, Agent, Agent];
  hall = await aPlace(t, `新塍镇民生议事堂${hostile}`, 'hall');
});
after(() => t.close());

const count = async (table: 'suggestions' | 'suggestion_units' | 'notifications') =>
  Number((await t.services.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

/** A session at the hall taken through the real routes to `held` (or left planned). */
async function aSession(held = true) {
  const topic = await resident.post(`/api/halls/places/${hall}/topics`, { title: `小区停车难${hostile}`, text: '老旧小区停车位不足，建议挖潜增设停车位。' });
  assert.equal(topic.statusCode, 201, topic.body);
  assert.equal((await staff.post(`/api/halls/topics/${topic.data.id}/screen`, { event: 'adopt' })).statusCode, 200);
  const made = await staff.post('/api/halls/sessions', { placeId: hall, title: `停车难议事会${hostile}`, startsAt: '2026-11-20T10:00:00+08:00', topicIds: [topic.data.id] });
  assert.equal(made.statusCode, 201, made.body);
  const id = made.data.id as number;
  if (!held) return id;
  assert.equal((await staff.post(`/api/halls/sessions/${id}/events`, { event: 'publish' })).statusCode, 200);
  assert.equal((await staff.post(`/api/halls/sessions/${id}/events`, { event: 'hold', minutes: '议定增设停车位 40 个。' })).statusCode, 200);
  return id;
}

async function aSuggestion(sessionId: number, title = `错时开放机关停车场${hostile}`) {
  const res = await staff.post(`/api/halls/sessions/${sessionId}/suggestions`, { title, text: '建议机关单位夜间向周边居民开放停车场，缓解停车难。' });
  assert.equal(res.statusCode, 201, res.body);
  return res.data.id as number;
}
const S = '/api/suggestions';

describe('workflow', () => {
  it('makes, assigns, takes each unit answer, marks adoption; the public hall page and the figures show it', async () => {
    const session = await aSession();
    const id = await aSuggestion(session);
    const open = await staff.get(`${S}/${id}`);
    assert.equal(open.statusCode, 200, open.body);
    assert.equal(open.data.state, 'open');
    assert.deepEqual([open.data.source.type, open.data.source.id, open.data.source.title], ['hall_session', session, `停车难议事会${hostile}`]);
    assert.deepEqual(open.data.abilities, { assign: true, answer: false, adopt: false });

    const deadline = addDays(chinaDate(), 30);
    const assigned = await staff.post(`${S}/${id}/assign`, { unitIds: [t.fixture.unit, healthUnit], deadline });
    assert.equal(assigned.statusCode, 200, assigned.body);
    assert.equal(assigned.data.state, 'assigned');
    const note = await t.services.db.selectFrom('notifications').selectAll().where('user_id', '=', t.fixture.users.unit!).where('kind', '=', 'hall.suggestion.assigned').executeTakeFirst();
    assert.equal(note?.link, `/suggestions/${id}`);

    // A unit sees its own assignment only, and may answer once.
    const mine = await edu.get(`${S}/${id}`);
    assert.deepEqual(mine.data.assignments.map((a: { unitId: number }) => a.unitId), [t.fixture.unit]);
    assert.equal(mine.data.abilities.answer, true);
    const todo = await edu.get(`${S}?mine=true`);
    assert.ok(todo.data.items.some((x: { id: number }) => x.id === id));
    const first = await edu.post(`${S}/${id}/answer`, { text: '已协调机关停车场夜间开放。' });
    assert.equal(first.statusCode, 200, first.body);
    assert.equal(first.data.state, 'assigned', 'still waiting for the other unit');
    assert.equal((await edu.post(`${S}/${id}/answer`, { text: '再次答复' })).statusCode, 409);
    assert.equal((await edu.get(`${S}?mine=true`)).data.items.some((x: { id: number }) => x.id === id), false, 'answered: no longer to do');
    assert.equal((await staff.post(`${S}/${id}/adoption`, { adopted: true })).statusCode, 409, 'not before every unit answered');
    const second = await health.post(`${S}/${id}/answer`, { text: `已增设停车位 40 个${hostile}` });
    assert.equal(second.data.state, 'answered');

    const adopted = await staff.post(`${S}/${id}/adoption`, { adopted: true, note: '纳入年度民生实事。' });
    assert.equal(adopted.statusCode, 200, adopted.body);
    assert.equal(adopted.data.adopted, true);
    assert.deepEqual(adopted.data.timeline.map((e: { action: string }) => e.action), ['create', 'assign', 'answer', 'answer', 'adopt']);

    const page = (await t.anonymous().get(`/api/halls/public/${hall}`)).data;
    const shown = page.sessions.find((x: { id: number }) => x.id === session).suggestions.find((x: { id: number }) => x.id === id);
    assert.equal(shown.adopted, true);
    assert.deepEqual(shown.answers.map((a: { unitName: string }) => a.unitName).sort(), ['市教育局', `市卫健委${hostile}`].sort());
    assert.doesNotMatch(JSON.stringify(shown), /answered_?by|user/i, 'no one\'s account on the public page');
    const index = (await t.anonymous().get('/api/halls/public')).data.find((x: { id: number }) => x.id === hall);
    assert.ok(index.suggestionsAnswered >= 1);
    const ranked = (await staff.get('/api/halls/ranking')).data.find((x: { id: number }) => x.id === hall);
    assert.equal(ranked.suggestionsAnswered, index.suggestionsAnswered);
    const sessionPage = await staff.get(`/api/halls/sessions/${session}`);
    assert.ok(sessionPage.data.timeline.some((e: { action: string }) => e.action === 'suggestion'));
  });

  it('the kept public hall page and index show a support and an answered suggestion at once', async () => {
    const session = await aSession();
    const id = await aSuggestion(session);
    // The writes so far are heard back and the kept pages forgotten before what is kept is tested.
    await settled(t, [HALLS_CHANGED, SUGGESTIONS_CHANGED], async () => assert.equal((await staff.post(`${S}/${id}/assign`, { unitIds: [t.fixture.unit] })).statusCode, 200));
    const topicId = (await t.services.db.selectFrom('hall_topics').select('id').where('session_id', '=', session).executeTakeFirstOrThrow()).id;
    const page = async () => (await t.anonymous().get(`/api/halls/public/${hall}`)).data;
    const answered = async () => (await t.anonymous().get('/api/halls/public')).data.find((x: { id: number }) => x.id === hall).suggestionsAnswered as number;
    const supports = async () => (await page()).topics.find((x: { id: number }) => x.id === topicId).supports as number;
    const before = { supports: await supports(), answered: await answered() };
    // The answers are kept: a row written behind the routes' back does not show…
    const behind = await anAccount(t, 'behind', 'public');
    await t.services.db.insertInto('hall_supports').values({ topic_id: topicId, user_id: behind, created_at: new Date().toISOString() }).execute();
    assert.equal(await supports(), before.supports, 'the page is kept between reads');
    // …but every write through the routes makes them stale at once: a support, a unit's answer.
    await anAccount(t, 'supporter', 'public');
    assert.equal((await (await t.as('supporter')).post(`/api/halls/topics/${topicId}/support`)).statusCode, 204);
    assert.equal(await supports(), before.supports + 2);
    assert.equal((await edu.post(`${S}/${id}/answer`, { text: '已协调机关停车场夜间开放。' })).statusCode, 200);
    assert.equal(await answered(), before.answered + 1);
    const shown = (await page()).sessions.find((x: { id: number }) => x.id === session).suggestions.find((x: { id: number }) => x.id === id);
    assert.deepEqual([shown.state, shown.answers.map((a: { answer: string }) => a.answer)], ['answered', ['已协调机关停车场夜间开放。']]);
  });

  it('reminds a unit once when its deadline is near, and lists and counts it overdue once past', async () => {
    const id = await aSuggestion(await aSession());
    const soon = addDays(chinaDate(), 2);
    assert.equal((await staff.post(`${S}/${id}/assign`, { unitIds: [t.fixture.unit], deadline: soon })).statusCode, 200);
    const reminders = () => t.services.db.selectFrom('notifications').select('id').where('entity_type', '=', 'suggestion').where('entity_id', '=', id).where('kind', 'like', 'suggestion.deadline.%').execute();
    // Sent by the module's hourly job, as a running server sends it.
    assert.ok((await t.jobs.runDue()).includes('suggestions.deadline-reminders'));
    assert.equal((await reminders()).length, 1);
    assert.equal(await sendSuggestionReminders(t.services), 0, 'never twice');
    assert.equal(await sendSuggestionReminders(t.services, new Date(Date.now() + 10 * 86_400_000)), 0, 'not again once the deadline has passed');
    assert.equal((await reminders()).length, 1);
    const d = await staff.get(`${S}/${id}`);
    assert.ok(d.data.assignments[0].remindedAt);
    assert.equal(d.data.timeline.at(-1).action, 'remind');
    // Past the deadline (set back here: the API refuses a deadline before today).
    await t.services.db.updateTable('suggestion_units').set({ deadline: addDays(chinaDate(), -1) }).where('suggestion_id', '=', id).execute();
    const late = await staff.get(`${S}?overdue=true`);
    assert.ok(late.data.items.some((x: { id: number; overdue: boolean }) => x.id === id && x.overdue));
  });
});

describe('figures', () => {
  it('equal the rows: made, assigned, answered, adopted, overdue', async () => {
    const res = await staff.get(`${S}/stats`);
    assert.equal(res.statusCode, 200, res.body);
    const { db } = t.services;
    const rows = await db.selectFrom('suggestions').select(['id', 'state']).where('organization_id', '=', t.fixture.city).execute();
    const units = await db.selectFrom('suggestion_units').select(['suggestion_id', 'deadline', 'answered_at']).execute();
    const today = chinaDate();
    const late = new Set(units.filter((u) => u.answered_at === null && u.deadline !== null && u.deadline < today).map((u) => u.suggestion_id));
    assert.ok(rows.length >= 2);
    assert.deepEqual(
      [res.data.made, res.data.assigned, res.data.answered, res.data.adopted, res.data.overdue],
      [rows.length, rows.filter((r) => r.state !== 'open').length, rows.filter((r) => ['answered', 'adopted', 'not_adopted'].includes(r.state)).length, rows.filter((r) => r.state === 'adopted').length, rows.filter((r) => late.has(r.id)).length],
    );
    assert.equal(res.data.bySource.hall_session.made, rows.length);
    const system = await staff.get(`${S}/stats?scope=system`);
    assert.equal(system.data.byOrganization.length, 2, 'the city and the county below it');
    assert.equal((await countyStaff.get(`${S}/stats?organizationId=${t.fixture.city}`)).statusCode, 404);
  });
});

describe('who may not', () => {
  let id: number;
  let session: number;
  before(async () => {
    session = await aSession();
    id = await aSuggestion(session);
    await staff.post(`${S}/${id}/assign`, { unitIds: [t.fixture.unit] });
  });

  it('refuses residents and members everything, and anonymous callers', async () => {
    for (const who of [resident, member]) {
      assert.equal((await who.get(S)).statusCode, 403);
      assert.equal((await who.get(`${S}/${id}`)).statusCode, 403);
      assert.equal((await who.get(`${S}/stats`)).statusCode, 403);
      assert.equal((await who.post(`/api/halls/sessions/${session}/suggestions`, { title: '建议', text: '内容' })).statusCode, 403);
      assert.equal((await who.post(`${S}/${id}/adoption`, { adopted: true })).statusCode, 403);
    }
    assert.equal((await t.anonymous().get(`${S}/${id}`)).statusCode, 401);
  });

  it('keeps a suggestion from other units and other organizations; units and leaders do not run it', async () => {
    assert.equal((await health.get(`${S}/${id}`)).statusCode, 404, 'not assigned to this unit');
    assert.equal((await health.post(`${S}/${id}/answer`, { text: '答复' })).statusCode, 404);
    assert.equal((await health.get(S)).data.items.some((x: { id: number }) => x.id === id), false);
    assert.equal((await countyStaff.get(`${S}/${id}`)).statusCode, 404);
    assert.equal((await countyStaff.post(`${S}/${id}/assign`, { unitIds: [countyUnit] })).statusCode, 404);
    assert.equal((await edu.post(`${S}/${id}/assign`, { unitIds: [healthUnit] })).statusCode, 403);
    assert.equal((await edu.post(`/api/halls/sessions/${session}/suggestions`, { title: '建议', text: '内容' })).statusCode, 403);
    assert.equal((await leader.get(`${S}/${id}`)).statusCode, 200, 'leaders read');
    assert.equal((await leader.post(`${S}/${id}/assign`, { unitIds: [healthUnit] })).statusCode, 403);
    assert.equal((await staff.post(`${S}/${id}/answer`, { text: '答复' })).statusCode, 403, 'the office does not answer for a unit');
  });
});

describe('bad input and illegal steps', () => {
  it('answers 400 problem+json naming the field, in both languages, and stores nothing', async () => {
    const session = await aSession();
    const before = [await count('suggestions'), await count('suggestion_units'), await count('notifications')];
    const empty = await staff.post(`/api/halls/sessions/${session}/suggestions`, { title: '  ', text: '内容' });
    assert.equal(empty.statusCode, 400);
    assert.match(String(empty.headers['content-type']), /application\/problem\+json/);
    assert.equal(empty.data.errors[0].field, 'body.title');
    assert.ok(empty.data.errors[0].message && empty.data.errors[0].message_en);
    assert.equal((await staff.post(`/api/halls/sessions/${session}/suggestions`, { title: '建议', text: '内容', state: 'adopted' })).statusCode, 400);
    const id = await aSuggestion(session);
    const made = [before[0]! + 1, before[1], before[2]];
    const cases: [Record<string, unknown>, string][] = [
      [{ unitIds: [] }, 'body.unitIds'],
      [{ unitIds: [countyUnit] }, 'body.unitIds'],
      [{ unitIds: [999999] }, 'body.unitIds'],
      [{ unitIds: [t.fixture.unit], deadline: '2026-02-30x' }, 'body.deadline'],
      [{ unitIds: [t.fixture.unit], deadline: addDays(chinaDate(), -1) }, 'body.deadline'],
    ];
    for (const [body, field] of cases) {
      const res = await staff.post(`${S}/${id}/assign`, body);
      assert.equal(res.statusCode, 400, `${JSON.stringify(body)}: ${res.body}`);
      assert.equal(res.data.errors[0].field, field);
    }
    assert.deepEqual([await count('suggestions'), await count('suggestion_units'), await count('notifications')], made);
    assert.equal((await staff.get(`${S}/${id}`)).data.state, 'open');
    assert.equal((await staff.post(`${S}/${id}/adoption`, { note: '未选择' })).data.errors[0].field, 'body.adopted', 'no default for the judgement');
    assert.equal((await staff.get(`${S}?state=nonsense`)).statusCode, 400);
    assert.equal((await staff.get(`${S}/abc`)).statusCode, 400);
  });

  it('answers 409 to a step the state does not allow', async () => {
    const planned = await aSession(false);
    const res = await staff.post(`/api/halls/sessions/${planned}/suggestions`, { title: '建议', text: '内容' });
    assert.equal(res.statusCode, 409);
    assert.ok(res.data.detail && res.data.detail_en);
    const id = await aSuggestion(await aSession());
    const early = await staff.post(`${S}/${id}/adoption`, { adopted: false });
    assert.equal(early.statusCode, 409);
    assert.match(early.data.detail, /待交办/);
    assert.equal((await edu.post(`${S}/${id}/answer`, { text: '答复' })).statusCode, 404, 'not assigned to it');
    await staff.post(`${S}/${id}/assign`, { unitIds: [t.fixture.unit] });
    assert.equal((await staff.post(`${S}/${id}/assign`, { unitIds: [t.fixture.unit] })).statusCode, 409, 'assigned already');
    assert.equal((await staff.get(`${S}/${id}`)).data.timeline.length, 2, 'create and assign only');
  });
});
