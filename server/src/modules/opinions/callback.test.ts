// Residents can be called back: the office that handles a resident's report reveals the phone
// (each reveal audited and on the timeline), hands a concern that is not a policy matter to a
// handling unit with a deadline, the unit answers it, and the resident's tracking page says so in
// plain words. Tracking codes leave out the characters that are misread.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { hostile, testServer, type Agent, type TestServer } from '../../test/harness.js';
import { addDays, chinaDate } from '../../platform/time.js';
import { aPlace, aResidentConcern } from './testing.js';
import { ALPHABET, randomCode, TRACKING_LENGTH } from './public.js';

let t: TestServer;
let staff: Agent;
let unit: Agent;
let placeId: number;
let report: { id: number; trackingCode: string };
let otherUnit: number;
let countyUnit: number;
let handoffId: number;
const answer = '已安排维修，三盏路灯已于今日修复。';

before(async () => {
  t = await testServer({ challengeBits: 8, publicBaseUrl: 'https://sl.example.org' });
  staff = await t.as('staff');
  unit = await t.as('unit');
  placeId = await aPlace(t, '南湖区新兴街道民生议事堂');
  report = await aResidentConcern(t, staff, placeId, { name: '张三丰', phone: '13812345678' }, 0);
  const make = async (organization_id: number, name: string) =>
    (await t.services.db.insertInto('handling_units').values({ organization_id, name, contact_name: null, contact_phone: null, active: 1, sort: 1 }).returning('id').executeTakeFirstOrThrow()).id;
  otherUnit = await make(t.fixture.city, '新兴街道办事处');
  countyUnit = await make(t.fixture.county, '海宁市硖石街道办事处');
});
after(() => t.close());

const actions = async (id: number) => (await staff.get(`/api/opinions/${id}/timeline`)).data.map((e: { action: string }) => e.action) as string[];
const audits = (action: string, id: number) =>
  t.services.db.selectFrom('audit_log').select(['actor_id', 'at', 'organization_id']).where('action', '=', action).where('entity_type', '=', 'opinion').where('entity_id', '=', String(id)).execute();

describe("revealing a resident's phone", () => {
  it('lets the office staff of the report see it in full, audited and on the timeline', async () => {
    const detail = await staff.get(`/api/opinions/${report.id}`);
    assert.equal(detail.data.residentPhone, '138****5678', 'the detail stays masked');
    const res = await staff.get(`/api/opinions/${report.id}/contact`);
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.data, { name: '张三丰', phone: '13812345678' });
    const rows = await audits('reveal_contact', report.id);
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.actor_id, t.fixture.users.staff);
    assert.equal(rows[0]!.organization_id, t.fixture.city);
    assert.ok(rows[0]!.at);
    assert.ok((await actions(report.id)).includes('reveal_contact'));
    const list = await staff.get('/api/opinions?source=resident');
    assert.ok(!list.body.includes('13812345678') && !list.body.includes('张三丰'), 'lists stay masked');
  });

  it('refuses members, units, leaders and the staff of a county below', async () => {
    for (const who of ['member', 'unit', 'leader', 'public']) assert.equal((await (await t.as(who)).get(`/api/opinions/${report.id}/contact`)).statusCode, 403, who);
    // County staff do not see the city's report at all.
    assert.equal((await (await t.as('county_staff')).get(`/api/opinions/${report.id}/contact`)).statusCode, 404);
    assert.equal((await t.anonymous().get(`/api/opinions/${report.id}/contact`)).statusCode, 401);
    assert.equal((await audits('reveal_contact', report.id)).length, 1, 'a refused reveal is not recorded as one');
  });
});

describe('handing a concern to a unit', () => {
  it('refuses a past deadline, a unit of another organization, and callers outside the office', async () => {
    const past = await staff.post(`/api/opinions/${report.id}/handoff`, { unitId: t.fixture.unit, deadline: addDays(chinaDate(), -1) });
    assert.equal(past.statusCode, 400, past.body);
    assert.equal(past.data.errors[0].field, 'body.deadline');
    const elsewhere = await staff.post(`/api/opinions/${report.id}/handoff`, { unitId: countyUnit, deadline: addDays(chinaDate(), 7) });
    assert.equal(elsewhere.statusCode, 400, elsewhere.body);
    assert.equal(elsewhere.data.errors[0].field, 'body.unitId');
    for (const who of ['member', 'unit', 'leader']) assert.equal((await (await t.as(who)).post(`/api/opinions/${report.id}/handoff`, { unitId: t.fixture.unit, deadline: chinaDate() })).statusCode, 403, who);
    assert.equal((await t.services.db.selectFrom('opinion_handoffs').select('id').execute()).length, 0);
  });

  it("hands it with a deadline: the unit is notified and sees it, the resident reads where it is", async () => {
    const before = await staff.get(`/api/opinions/${report.id}`);
    assert.equal(before.data.abilities.hand_off, true);
    const deadline = addDays(chinaDate(), 10);
    const res = await staff.post(`/api/opinions/${report.id}/handoff`, { unitId: t.fixture.unit, deadline, note: `请尽快核实${hostile}` });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.data.handoff.unitName, '市教育局');
    assert.equal(res.data.handoff.deadline, deadline);
    assert.equal(res.data.abilities.hand_off, false, 'handed once');
    assert.equal(res.data.state, 'new', 'the report keeps its own state');
    assert.equal((await staff.post(`/api/opinions/${report.id}/handoff`, { unitId: otherUnit, deadline })).statusCode, 409);

    const notes = await t.services.db.selectFrom('notifications').select(['kind', 'title']).where('user_id', '=', t.fixture.users.unit!).execute();
    assert.ok(notes.some((n) => n.kind === 'opinion.handoff'), JSON.stringify(notes));
    const list = await unit.get('/api/opinions/handoffs?answered=no');
    assert.equal(list.statusCode, 200, list.body);
    assert.equal(list.data.items.length, 1);
    handoffId = list.data.items[0].id;
    assert.match(list.data.items[0].text, /公交站/);
    assert.ok(!list.body.includes('13812345678') && !list.body.includes('138****5678'), "the unit's list carries no contact");

    const track = await t.anonymous().get(`/api/track/${report.trackingCode}`);
    assert.equal(track.data.progress, 'handed_off');
    assert.equal(track.data.status, `已转交市教育局办理，预计${deadline}前答复`);
    assert.equal(track.data.status_en, `Handed to 市教育局; an answer is expected by ${deadline}`);
    assert.deepEqual(track.data.handoff, { unitName: '市教育局', deadline, answer: null, answeredOn: null });
  });

  it('lets only that unit answer, once, dated not later than today', async () => {
    // Another report handed to another unit is not this unit's to see or answer.
    const other = await aResidentConcern(t, staff, placeId, {}, 0);
    assert.equal((await staff.post(`/api/opinions/${other.id}/handoff`, { unitId: otherUnit, deadline: chinaDate() })).statusCode, 200);
    const theirs = (await t.services.db.selectFrom('opinion_handoffs').select('id').where('opinion_id', '=', other.id).executeTakeFirstOrThrow()).id;
    assert.equal((await unit.post(`/api/opinions/handoffs/${theirs}/answer`, { text: answer, answeredOn: chinaDate() })).statusCode, 404);
    assert.ok(!(await unit.get('/api/opinions/handoffs')).data.items.some((i: { id: number }) => i.id === theirs));
    assert.equal((await staff.get('/api/opinions/handoffs')).data.items.length, 2, 'the office sees both');
    assert.equal((await staff.post(`/api/opinions/handoffs/${handoffId}/answer`, { text: answer, answeredOn: chinaDate() })).statusCode, 403);

    const future = await unit.post(`/api/opinions/handoffs/${handoffId}/answer`, { text: answer, answeredOn: addDays(chinaDate(), 1) });
    assert.equal(future.statusCode, 400);
    assert.equal(future.data.errors[0].field, 'body.answeredOn');
    const res = await unit.post(`/api/opinions/handoffs/${handoffId}/answer`, { text: answer, answeredOn: chinaDate() });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.data.answer, answer);
    assert.equal((await unit.post(`/api/opinions/handoffs/${handoffId}/answer`, { text: '再答一次', answeredOn: chinaDate() })).statusCode, 409);

    const track = await t.anonymous().get(`/api/track/${report.trackingCode.toLowerCase().replace(/(.{4})/g, '$1-')}`);
    assert.equal(track.statusCode, 200, track.body);
    assert.equal(track.data.progress, 'answered');
    assert.equal(track.data.status, `已答复：${answer}`);
    assert.equal(track.data.handoff.answer, answer);
    assert.equal(track.data.handoff.answeredOn, chinaDate());

    assert.deepEqual(await actions(report.id), ['submit', 'reveal_contact', 'hand_off', 'handoff_answer']);
    const [handed] = await audits('hand_off', report.id);
    assert.equal(handed!.actor_id, t.fixture.users.staff);
    const [answered] = await audits('handoff_answer', report.id);
    assert.equal(answered!.actor_id, t.fixture.users.unit);
  });

  it('speaks plain words for every state a resident can see', async () => {
    const fresh = await aResidentConcern(t, staff, placeId, {}, 0);
    const status = async () => (await t.anonymous().get(`/api/track/${fresh.trackingCode}`)).data.status as string;
    assert.equal(await status(), '已收到，正在查看');
    assert.equal((await staff.post(`/api/opinions/${fresh.id}/screen`, { event: 'accept' })).statusCode, 200);
    assert.equal(await status(), '已受理，正在整理');
    await t.services.db.updateTable('opinions').set({ state: 'forwarded' }).where('id', '=', fresh.id).execute();
    const words = await status();
    assert.ok(!/编报|报送/.test(words), words);
  });
});

describe('tracking codes', () => {
  it('are made without 0, O, 1, I, L or U, and codes given before still work', async () => {
    assert.equal(ALPHABET, '23456789ABCDEFGHJKMNPQRSTVWXYZ');
    const many = Array.from({ length: 500 }, () => randomCode(TRACKING_LENGTH)).join('');
    assert.ok(!/[01OILU]/.test(many));
    assert.match(report.trackingCode, /^[2-9A-HJKMNP-TV-Z]{12}$/);
    // A code of the earlier alphabet, with 0 and 1 in it.
    const old = '0123456789AB';
    await t.services.db.updateTable('opinions').set({ tracking_code: old }).where('id', '=', report.id).execute();
    assert.equal((await t.anonymous().get(`/api/track/${old}`)).statusCode, 200);
    assert.equal((await t.anonymous().get('/api/track/0123%204567-89ab')).statusCode, 200);
    assert.equal((await t.anonymous().get('/api/track/OOOOOOOOOOOO')).statusCode, 404);
  });
});
