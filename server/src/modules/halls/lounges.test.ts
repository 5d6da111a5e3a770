// Member lounges: themed events with participations by QR check-in or by a headcount with its
// reason; the rota and answers only by the member on duty in their own lounge; moderation before
// publication; the reminder sent once; star levels computed from the rules and confirmed; the role
// matrix and bad input.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { hostile, testServer, type Agent, type TestServer } from '../../test/harness.js';
import { anAccount } from '../../test/people.js';
import { aMember } from '../opinions/testing.js';
import { addDays, chinaDate, chinaYear } from '../../platform/time.js';
import { sendLoungeReminders } from './lounges-reminders.js';

let t: TestServer;
let staff: Agent;
let admin: Agent;
let resident: Agent;
let neighbour: Agent;
let member: Agent;
let otherMember: Agent;
let unit: Agent;
let lounge: number;
let otherLounge: number;
let onDutyMember: number;
let otherMemberId: number;

async function aLounge(name: string, organizationId = t.fixture.city) {
  const at = new Date().toISOString();
  return (await t.services.db.insertInto('places').values({ organization_id: organizationId, kind: 'lounge', name, division_code: '330481', address: null, member_id: null, stars: null, active: 1, created_at: at, updated_at: at })
    .returning('id').executeTakeFirstOrThrow()).id;
}
const count = async (table: 'lounge_events' | 'lounge_questions' | 'lounge_rota' | 'lounge_star_levels' | 'lounge_star_rules') =>
  Number((await t.services.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const audits = async (action: string) =>
  Number((await t.services.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).where('action', '=', action).executeTakeFirstOrThrow()).n);

before(async () => {
  t = await testServer({ challengeBits: 0 });
  staff = await t.as('staff');
  admin = await t.as('admin');
  resident = await t.as('public');
  unit = await t.as('unit');
  await anAccount(t, 'neighbour', 'public');
  neighbour = await t.as('neighbour');
  onDutyMember = await aMember(t, '周静', '经济界', 'member');
  member = await t.as('member');
  await anAccount(t, 'other_member', 'member');
  otherMemberId = await aMember(t, '李明', '经济界', 'other_member');
  otherMember = await t.as('other_member');
  lounge = await aLounge(`南湖委员会客厅${hostile}`);
  otherLounge = await aLounge('秀洲委员会客厅');
});
after(() => t.close());

const startedTenMinutesAgo = () => new Date(Date.now() - 10 * 60_000).toISOString();

interface DutyEvent {
  kind: string;
  source: { type: string; id: number; link: string | null; title: string | null };
}

describe('events', () => {
  it('plans an event; members and walk-in residents check in by QR once; the list shows them', async () => {
    const res = await staff.post(`/api/halls/lounges/${lounge}/events`, {
      title: `共话养老服务${hostile}`, theme: '社区居家养老', startsAt: startedTenMinutesAgo(), residents: 30, memberIds: [onDutyMember], unitIds: [t.fixture.unit],
    });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.data.title, `共话养老服务${hostile}`);
    assert.deepEqual(res.data.members.map((m: { name: string }) => m.name), ['周静']);
    assert.equal(res.data.units.length, 1);
    const id = res.data.id as number;
    const code = await staff.get(`/api/halls/lounge-events/${id}/checkin-code`);
    assert.equal(code.statusCode, 200, code.body);
    const token = code.data.token as string;
    assert.equal((await resident.get(`/api/halls/lounge-checkin/${token}`)).data.invited, true);
    assert.equal((await resident.post(`/api/halls/lounge-checkin/${token}`)).data.already, false);
    assert.equal((await resident.post(`/api/halls/lounge-checkin/${token}`)).data.already, true, 'a second scan says so');
    assert.equal((await member.post(`/api/halls/lounge-checkin/${token}`)).statusCode, 200);
    assert.equal((await otherMember.post(`/api/halls/lounge-checkin/${token}`)).statusCode, 403, 'a member not taking part');
    assert.equal((await unit.post(`/api/halls/lounge-checkin/${token}`)).statusCode, 403);
    assert.equal((await resident.post('/api/halls/lounge-checkin/nonsense')).statusCode, 404);
    const list = await staff.get(`/api/halls/lounge-events/${id}/attendance`);
    assert.equal(list.statusCode, 200, list.body);
    assert.equal(list.data.totals.headcount, 2);
    assert.equal((await staff.get(`/api/halls/lounge-events/${id}`)).data.participations, 2);
    assert.equal((await resident.get(`/api/halls/lounge-events/${id}/attendance`)).statusCode, 403);
    // The attendance counts in the member's duty record only once the event is recorded as held.
    assert.ok(!((await member.get('/api/duty/me')).data.events as DutyEvent[]).some((e) => e.kind === 'lounge_attended'), 'not before it is held');
  });

  it('a headcount with its reason counts instead of the check-ins (audited); holding twice is a 409', async () => {
    const id = (await staff.post(`/api/halls/lounges/${lounge}/events`, { title: '营商环境座谈', theme: '优化营商环境', startsAt: startedTenMinutesAgo(), memberIds: [onDutyMember] })).data.id as number;
    const token = (await staff.get(`/api/halls/lounge-events/${id}/checkin-code`)).data.token as string;
    await neighbour.post(`/api/halls/lounge-checkin/${token}`);
    const missingReason = await staff.post(`/api/halls/lounge-events/${id}/headcount`, { count: 40 });
    assert.equal(missingReason.statusCode, 400);
    assert.match(missingReason.body, /reason/);
    assert.equal((await staff.post(`/api/halls/lounge-events/${id}/headcount`, { count: 0, reason: '扫码人数不全' })).statusCode, 400, 'below the check-ins');
    const ok = await staff.post(`/api/halls/lounge-events/${id}/headcount`, { count: 40, reason: `老年居民多未带手机${hostile}` });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.data.participations, 40);
    assert.equal(ok.data.checkins, 1);
    assert.equal(ok.data.headcountReason, `老年居民多未带手机${hostile}`);
    assert.ok(ok.data.timeline.some((e: { action: string }) => e.action === 'lounge_headcount'));
    await member.post(`/api/halls/lounge-checkin/${token}`);
    const attended = async (a: typeof member) => ((await a.get('/api/duty/me')).data.events as DutyEvent[]).filter((e) => e.kind === 'lounge_attended' && e.source.id === id);
    assert.equal((await attended(member)).length, 0, 'not before it is held');
    assert.equal((await staff.post(`/api/halls/lounge-events/${id}/hold`)).statusCode, 200);
    // Once held, the member who checked in has it in their duty record; a member who did not, not.
    assert.equal((await attended(member)).length, 1);
    assert.equal((await attended(otherMember)).length, 0);
    const again = await staff.post(`/api/halls/lounge-events/${id}/hold`);
    assert.equal(again.statusCode, 409);
    assert.match(again.data.detail, /held/);
    const future = (await staff.post(`/api/halls/lounges/${lounge}/events`, { title: '下月活动', theme: '主题', startsAt: new Date(Date.now() + 30 * 86_400_000).toISOString() })).data.id;
    assert.equal((await staff.post(`/api/halls/lounge-events/${future}/hold`)).statusCode, 409);
    assert.equal((await staff.post(`/api/halls/lounge-events/${future}/headcount`, { count: 3, reason: '提前' })).statusCode, 409);
    const shown = await t.anonymous().get(`/api/halls/lounges/public/${lounge}`);
    assert.ok(shown.data.events.some((e: { id: number }) => e.id === future), 'upcoming events on the public page');
  });

  it('refuses bad input with the field named and nothing stored; unknown lounges are 404', async () => {
    const before = await count('lounge_events');
    const bad = await staff.post(`/api/halls/lounges/${lounge}/events`, { title: '', theme: '主题', startsAt: 'tomorrow' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.headers['content-type'] as string, /problem\+json/);
    assert.match(bad.body, /title/);
    const badEnd = await staff.post(`/api/halls/lounges/${lounge}/events`, { title: '活动', theme: '主题', startsAt: '2026-12-20T10:00:00+08:00', endsAt: '2026-12-20T09:00:00+08:00' });
    assert.equal(badEnd.statusCode, 400);
    assert.match(badEnd.body, /endsAt/);
    assert.equal((await staff.post(`/api/halls/lounges/${lounge}/events`, { title: '活动', theme: '主题', startsAt: '2026-12-20T10:00:00+08:00', memberIds: [99999] })).statusCode, 400);
    assert.equal(await count('lounge_events'), before);
    assert.equal((await staff.post('/api/halls/lounges/99999/events', { title: '活动', theme: '主题', startsAt: '2026-12-20T10:00:00+08:00' })).statusCode, 404);
    assert.equal((await t.anonymous().get('/api/halls/lounges/public/99999')).statusCode, 404);
    const county = await t.as('county_staff');
    assert.equal((await county.post(`/api/halls/lounges/${lounge}/events`, { title: '活动', theme: '主题', startsAt: '2026-12-20T10:00:00+08:00' })).statusCode, 404);
    for (const who of [resident, member, unit]) assert.equal((await who.post(`/api/halls/lounges/${lounge}/events`, { title: '活动', theme: '主题', startsAt: '2026-12-20T10:00:00+08:00' })).statusCode, 403);
  });
});

describe('online lounge', () => {
  let question: number;
  it('residents ask; the office moderates before publication; the rota limits who answers', async () => {
    const today = chinaDate();
    const rota = await staff.post(`/api/halls/lounges/${lounge}/rota`, { memberId: onDutyMember, from: today, to: addDays(today, 6) });
    assert.equal(rota.statusCode, 201, rota.body);
    // The other member is on duty, but at the other lounge, and at this lounge only next month.
    await staff.post(`/api/halls/lounges/${otherLounge}/rota`, { memberId: otherMemberId, from: today, to: addDays(today, 6) });
    await staff.post(`/api/halls/lounges/${lounge}/rota`, { memberId: otherMemberId, from: addDays(today, 30), to: addDays(today, 36) });
    const rotaBefore = await count('lounge_rota');
    assert.equal((await staff.post(`/api/halls/lounges/${lounge}/rota`, { memberId: onDutyMember, from: today, to: addDays(today, -1) })).statusCode, 400);
    assert.equal((await staff.post(`/api/halls/lounges/${lounge}/rota`, { memberId: onDutyMember, from: '2026-13-01', to: today })).statusCode, 400);
    assert.equal(await count('lounge_rota'), rotaBefore);

    assert.equal((await member.post(`/api/halls/lounges/${lounge}/questions`, { text: '委员可以提问吗' })).statusCode, 403, 'questions need a public account');
    assert.equal((await t.anonymous().post(`/api/halls/lounges/${lounge}/questions`, { text: '匿名' })).statusCode, 401);
    const qBefore = await count('lounge_questions');
    assert.equal((await resident.post(`/api/halls/lounges/${lounge}/questions`, { text: '' })).statusCode, 400);
    assert.equal(await count('lounge_questions'), qBefore);
    assert.equal((await resident.post('/api/halls/lounges/99999/questions', { text: '问题' })).statusCode, 404);
    const asked = await resident.post(`/api/halls/lounges/${lounge}/questions`, { text: `小区加装电梯如何申请补贴？${hostile}` });
    assert.equal(asked.statusCode, 201, asked.body);
    question = asked.data.id;
    let page = (await t.anonymous().get(`/api/halls/lounges/public/${lounge}`)).data;
    assert.equal(page.questions.length, 0, 'not public before moderation');
    assert.equal((await resident.get(`/api/halls/lounges/public/${lounge}`)).data.mine[0].state, 'pending');
    assert.equal((await member.post(`/api/halls/lounge-questions/${question}/answer`, { answer: '答复' })).statusCode, 404, 'a pending question is not there to answer');

    const queue = await staff.get(`/api/halls/lounges/${lounge}/questions?state=pending`);
    assert.deepEqual(queue.data.map((q: { id: number }) => q.id), [question]);
    for (const who of [resident, member, unit]) assert.equal((await who.get(`/api/halls/lounges/${lounge}/questions`)).statusCode, 403);
    assert.equal((await resident.post(`/api/halls/lounge-questions/${question}/moderate`, { decision: 'publish' })).statusCode, 403);
    assert.equal((await staff.post(`/api/halls/lounge-questions/${question}/moderate`, { decision: 'reject' })).statusCode, 400, 'a rejection needs its reason');
    assert.equal((await staff.post(`/api/halls/lounge-questions/${question}/moderate`, { decision: 'publish' })).statusCode, 204);
    const twice = await staff.post(`/api/halls/lounge-questions/${question}/moderate`, { decision: 'publish' });
    assert.equal(twice.statusCode, 409);
    assert.match(twice.data.detail, /published/);
    assert.equal((await staff.post('/api/halls/lounge-questions/99999/moderate', { decision: 'publish' })).statusCode, 404);
    page = (await t.anonymous().get(`/api/halls/lounges/public/${lounge}`)).data;
    assert.equal(page.questions[0].text, `小区加装电梯如何申请补贴？${hostile}`, 'hostile text kept as text');
    assert.equal(page.questions[0].answer, null);
    assert.deepEqual(page.rota.map((r: { member: string; onDuty: boolean }) => [r.member, r.onDuty]), [['周静', true], ['李明', false]]);

    for (const who of [resident, unit]) assert.equal((await who.post(`/api/halls/lounge-questions/${question}/answer`, { answer: '答复' })).statusCode, 403);
    const notOnDuty = await otherMember.post(`/api/halls/lounge-questions/${question}/answer`, { answer: '答复' });
    assert.equal(notOnDuty.statusCode, 403, 'on duty elsewhere, and here only next month');
    assert.equal((await member.post(`/api/halls/lounge-questions/${question}/answer`, { answer: '' })).statusCode, 400);
    const duty = await member.get('/api/halls/lounge-duty');
    assert.deepEqual(duty.data.questions.map((q: { id: number }) => q.id), [question]);
    assert.equal((await member.post(`/api/halls/lounge-questions/${question}/answer`, { answer: `可向街道申请，补贴标准见公告。${hostile}` })).statusCode, 204);
    const record = (await member.get('/api/duty/me')).data as { events: DutyEvent[] };
    assert.deepEqual(record.events.filter((e) => e.kind === 'lounge_answered').map((e) => e.source), [{ type: 'lounge_question', id: question, link: null, title: null }], 'the answer counts in the duty record');
    const again = await member.post(`/api/halls/lounge-questions/${question}/answer`, { answer: '再答' });
    assert.equal(again.statusCode, 409);
    assert.match(again.data.detail, /answered/);
    page = (await t.anonymous().get(`/api/halls/lounges/public/${lounge}`)).data;
    assert.equal(page.questions[0].answer, `可向街道申请，补贴标准见公告。${hostile}`);
    assert.equal(page.questions[0].answeredBy, '周静');
    assert.doesNotMatch(JSON.stringify(page.questions), /public<script>|user_?id|asker/i, 'no asker on the public page');

    assert.equal((await neighbour.post(`/api/halls/lounge-questions/${question}/rating`, { stars: 5 })).statusCode, 404, "only the asker rates");
    assert.equal((await resident.post(`/api/halls/lounge-questions/${question}/rating`, { stars: 6 })).statusCode, 400);
    assert.equal((await resident.post(`/api/halls/lounge-questions/${question}/rating`, { stars: 4 })).statusCode, 204);
    assert.equal((await resident.post(`/api/halls/lounge-questions/${question}/rating`, { stars: 5 })).statusCode, 409);
  });

  it('a question rejected with a reason shows to its asker only', async () => {
    const id = (await neighbour.post(`/api/halls/lounges/${lounge}/questions`, { text: '广告内容' })).data.id;
    assert.equal((await staff.post(`/api/halls/lounge-questions/${id}/moderate`, { decision: 'reject', reason: '与客厅主题无关' })).statusCode, 204);
    assert.equal((await neighbour.get(`/api/halls/lounges/public/${lounge}`)).data.mine[0].rejectReason, '与客厅主题无关');
    assert.ok(!(await t.anonymous().get(`/api/halls/lounges/public/${lounge}`)).data.questions.some((q: { id: number }) => q.id === id));
  });

  it('reminds an unanswered question once, after the set days', async () => {
    const id = (await neighbour.post(`/api/halls/lounges/${lounge}/questions`, { text: '公交站何时迁移？' })).data.id;
    await staff.post(`/api/halls/lounge-questions/${id}/moderate`, { decision: 'publish' });
    const remindersBefore = await audits('question_remind');
    assert.equal(await sendLoungeReminders(t.services, new Date(Date.now() + 86_400_000)), 0, 'not yet due');
    const later = new Date(Date.now() + 8 * 86_400_000);
    // Eight days on, the rota has moved: still the same lounge, checked against that day.
    assert.equal(await sendLoungeReminders(t.services, later), 1);
    assert.equal(await sendLoungeReminders(t.services, later), 0, 'once');
    assert.equal(await audits('question_remind'), remindersBefore + 1);
    const row = await t.services.db.selectFrom('lounge_questions').select('reminded_at').where('id', '=', id).executeTakeFirstOrThrow();
    assert.ok(row.reminded_at);
  });

  it('the office removes a rota entry not yet over; unknown entries are 404', async () => {
    const today = chinaDate();
    const id = (await staff.post(`/api/halls/lounges/${otherLounge}/rota`, { memberId: onDutyMember, from: addDays(today, 60), to: addDays(today, 61) })).data.id;
    assert.equal((await resident.request('DELETE', `/api/halls/lounge-rota/${id}`)).statusCode, 403);
    assert.equal((await staff.request('DELETE', `/api/halls/lounge-rota/${id}`)).statusCode, 204);
    assert.equal((await staff.request('DELETE', `/api/halls/lounge-rota/${id}`)).statusCode, 404);
  });
});

describe('star levels', () => {
  it('computes the level from the rules an admin sets, and the office confirms it once', async () => {
    const year = chinaYear();
    const computed = await staff.get(`/api/halls/lounges/${lounge}/star?year=${year}`);
    assert.equal(computed.statusCode, 200, computed.body);
    assert.equal(computed.data.figures.events, 1, 'the held event');
    assert.equal(computed.data.figures.participations, 40, 'its headcount');
    assert.equal(computed.data.figures.answered, 1);
    assert.equal(computed.data.figures.rating, 4);
    assert.equal(computed.data.level, 1, 'the default rules ask for more');
    assert.equal(computed.data.confirmed, null);

    const levels = [
      { level: 1, events: 0, participations: 0, answered: 0, rating: 0 },
      { level: 2, events: 1, participations: 10, answered: 1, rating: 3 },
      { level: 3, events: 1, participations: 40, answered: 1, rating: 4 },
      { level: 4, events: 2, participations: 100, answered: 5, rating: 4 },
      { level: 5, events: 5, participations: 500, answered: 20, rating: 4.5 },
    ];
    const organizationId = t.fixture.city;
    assert.equal((await staff.request('PUT', '/api/halls/lounge-star-rules', { organizationId, levels })).statusCode, 403, 'only an admin sets the rules');
    const rulesBefore = await count('lounge_star_rules');
    const downhill = levels.map((l) => (l.level === 4 ? { ...l, events: 0 } : l));
    const bad = await admin.request('PUT', '/api/halls/lounge-star-rules', { organizationId, levels: downhill });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /levels/);
    assert.equal((await admin.request('PUT', '/api/halls/lounge-star-rules', { organizationId, levels: levels.slice(0, 4) })).statusCode, 400);
    assert.equal(await count('lounge_star_rules'), rulesBefore);
    assert.equal((await admin.request('PUT', '/api/halls/lounge-star-rules', { organizationId, levels })).statusCode, 200);
    assert.equal((await staff.get(`/api/halls/lounge-star-rules?organizationId=${organizationId}`)).data[2].participations, 40);
    assert.equal(await audits('star_rules'), 1);

    assert.equal((await staff.get(`/api/halls/lounges/${lounge}/star?year=${year}`)).data.level, 3);
    assert.equal((await t.anonymous().get(`/api/halls/lounges/public/${lounge}`)).data.star, null, 'not shown before confirmation');
    for (const who of [resident, member, unit]) assert.equal((await who.post(`/api/halls/lounges/${lounge}/star`, { year })).statusCode, 403);
    assert.equal((await staff.post(`/api/halls/lounges/${lounge}/star`, { year: year + 1 })).statusCode, 400);
    assert.equal((await staff.post(`/api/halls/lounges/${lounge}/star`, { year: 'this' })).statusCode, 400);
    const confirmed = await staff.post(`/api/halls/lounges/${lounge}/star`, { year });
    assert.equal(confirmed.statusCode, 201, confirmed.body);
    assert.equal(confirmed.data.level, 3);
    const twice = await staff.post(`/api/halls/lounges/${lounge}/star`, { year });
    assert.equal(twice.statusCode, 409);
    assert.match(twice.data.detail, /confirmed/);
    assert.deepEqual((await t.anonymous().get(`/api/halls/lounges/public/${lounge}`)).data.star, { year, level: 3 });
    assert.equal((await staff.get(`/api/halls/lounges/${lounge}/star?year=${year}`)).data.confirmed.level, 3);
    assert.equal((await staff.get('/api/halls/lounges')).data.find((x: { id: number }) => x.id === lounge).stars, 3);
    assert.equal(await audits('star_confirm'), 1);
    assert.equal((await staff.post('/api/halls/lounges/99999/star', { year })).statusCode, 404);
  });
});
