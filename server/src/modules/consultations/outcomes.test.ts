// Suggestions drawn from a speech passage or a live-room comment, assigned to departments (who
// are notified and see only their own), answered and adopted; the outcome report opened back from
// its .docx; the yearly statistics checked against what the test itself created.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import JSZip from 'jszip';
import { hostile, testServer, type Agent, type TestServer } from '../../test/harness.js';
import { addDays, chinaDate, chinaMonth, chinaYear } from '../../platform/time.js';
import { aMeeting, aMember, anAccount, aUnit, inHours, P, tokenOf } from './testing.js';

let t: TestServer;
let staff: Agent, leader: Agent, member: Agent, unit: Agent, unit2: Agent, pub: Agent, countyStaff: Agent;
let m1: number, unit2Id: number, meeting: number, speech: number;
const SPEECH = '当前我市乡村学校师资力量薄弱。\n建议建立城乡教师交流轮岗制度，每年选派骨干教师到乡村学校任教。\n同时提高乡村教师生活补助。';

before(async () => {
  t = await testServer();
  m1 = await aMember(t, '周静');
  await t.services.db.updateTable('users').set({ member_id: m1 }).where('username', '=', 'member').execute();
  unit2Id = await aUnit(t, '市人力资源和社会保障局');
  await anAccount(t, 'unit2', 'unit', { handlingUnitId: unit2Id });
  [staff, leader, member, unit, unit2, pub, countyStaff] = (await Promise.all(['staff', 'leader', 'member', 'unit', 'unit2', 'public', 'county_staff'].map((u) => t.as(u)))) as [Agent, Agent, Agent, Agent, Agent, Agent, Agent];
  meeting = await aMeeting(staff, { invitedMemberIds: [m1], online: true, type: 'sector', startsAt: inHours(0.2), endsAt: inHours(3) });
  speech = (await member.post(`${P}/meetings/${meeting}/speeches`, { title: `关于乡村教师队伍建设的建议${hostile}`, text: SPEECH })).data.id;
  await staff.post(`${P}/speeches/${speech}/approve`, {});
  await member.post(`${P}/checkin`, { token: await tokenOf(staff, meeting) });
  await staff.post(`${P}/meetings/${meeting}/start`, {});
});
after(() => t.close());

const suggestion = (over: Record<string, unknown> = {}) => ({ meetingId: meeting, sourceKind: 'speech', sourceId: speech, passage: '建议建立城乡教师交流轮岗制度，每年选派骨干教师到乡村学校任教。', title: '建立城乡教师交流轮岗制度', text: '由市教育局牵头，建立城乡教师交流轮岗制度。', ...over });

describe('suggestions', () => {
  let id: number;
  it('are made from a speech passage and keep where they came from', async () => {
    const notInSpeech = await staff.post(`${P}/suggestions`, suggestion({ passage: '这句话发言里没有。' }));
    assert.equal(notInSpeech.statusCode, 400);
    assert.equal(notInSpeech.data.errors[0].field, 'body.passage');
    assert.equal((await staff.post(`${P}/suggestions`, suggestion({ sourceId: undefined }))).statusCode, 400);
    assert.equal((await member.post(`${P}/suggestions`, suggestion())).statusCode, 403);
    const made = await staff.post(`${P}/suggestions`, suggestion());
    assert.equal(made.statusCode, 201, made.body);
    id = made.data.id;
    const d = await staff.get(`${P}/suggestions/${id}`);
    assert.equal(d.data.state, 'open');
    assert.deepEqual(d.data.source, { kind: 'speech', id: speech, excerpt: suggestion().passage, authorName: '周静' });
    assert.equal(d.data.meeting.id, meeting);
    assert.equal(d.data.abilities.assign, true);
    assert.equal((await staff.post(`${P}/suggestions/${id}/adoption`, { adopted: true })).statusCode, 409, 'not answered yet');
  });

  it('are made from a live-room comment with one action', async () => {
    const posted = await pub.post(`${P}/meetings/${meeting}/comments`, { body: `希望增加乡村学校心理健康教师配备${hostile}` });
    assert.equal(posted.statusCode, 201, posted.body);
    const made = await staff.post(`${P}/suggestions`, { meetingId: meeting, sourceKind: 'comment', sourceId: posted.data.id, title: '配齐乡村学校心理健康教师', text: '建议按师生比配齐心理健康教师。' });
    assert.equal(made.statusCode, 201, made.body);
    const d = await staff.get(`${P}/suggestions/${made.data.id}`);
    assert.equal(d.data.source.kind, 'comment');
    assert.equal(d.data.source.id, posted.data.id);
    assert.equal(d.data.source.excerpt, `希望增加乡村学校心理健康教师配备${hostile}`);
    const other = await aMeeting(staff, { online: true });
    const wrong = await staff.post(`${P}/suggestions`, { meetingId: other, sourceKind: 'comment', sourceId: posted.data.id, title: 'x', text: 'y' });
    assert.equal(wrong.statusCode, 400, 'a comment of another meeting');
  });

  it('are assigned to departments, who are notified, see only their own, and answer; staff record adoption', async () => {
    const bad = await staff.post(`${P}/suggestions/${id}/assign`, { unitIds: [999999] });
    assert.equal(bad.statusCode, 400);
    const countyUnit = await aUnit(t, '海宁市教育局', t.fixture.county);
    assert.equal((await staff.post(`${P}/suggestions/${id}/assign`, { unitIds: [countyUnit] })).statusCode, 400, 'a city’s suggestions go to city departments');
    const assigned = await staff.post(`${P}/suggestions/${id}/assign`, { unitIds: [t.fixture.unit], deadline: '2031-06-30' });
    assert.equal(assigned.statusCode, 200, assigned.body);
    assert.equal(assigned.data.state, 'assigned');
    const note = await t.services.db.selectFrom('notifications').selectAll().where('user_id', '=', t.fixture.users.unit!).where('kind', '=', 'consultation.suggestion.assigned').executeTakeFirst();
    assert.equal(note?.link, `/consultations/suggestions/${id}`);
    assert.deepEqual((await unit.get(`${P}/suggestions`)).data.items.map((s: { id: number }) => s.id), [id]);
    assert.deepEqual((await unit2.get(`${P}/suggestions`)).data.items, [], 'another department sees nothing');
    assert.equal((await unit2.get(`${P}/suggestions/${id}`)).statusCode, 404);
    assert.equal((await unit2.post(`${P}/suggestions/${id}/answer`, { text: '我们来办' })).statusCode, 404);
    assert.equal((await member.get(`${P}/suggestions/${id}`)).statusCode, 403);
    assert.equal((await staff.post(`${P}/suggestions/${id}/answer`, { text: 'x' })).statusCode, 403);
    assert.equal((await unit.post(`${P}/suggestions/${id}/answer`, { text: '' })).statusCode, 400);
    const answered = await unit.post(`${P}/suggestions/${id}/answer`, { text: '已制定城乡教师交流轮岗实施办法，今年选派120名骨干教师。' });
    assert.equal(answered.statusCode, 200, answered.body);
    assert.equal(answered.data.state, 'answered');
    assert.equal((await unit.post(`${P}/suggestions/${id}/answer`, { text: '再答一次' })).statusCode, 409);
    assert.equal((await unit.post(`${P}/suggestions/${id}/adoption`, { adopted: true })).statusCode, 403);
    const adopted = await staff.post(`${P}/suggestions/${id}/adoption`, { adopted: true, note: '纳入市政府2026年民生实事' });
    assert.equal(adopted.data.state, 'adopted');
    assert.equal(adopted.data.adopted, true);
    assert.deepEqual(adopted.data.timeline.map((e: { action: string }) => e.action), ['create', 'assign', 'answer', 'adopt']);
    assert.equal((await leader.get(`${P}/suggestions/${id}`)).data.assignments[0].answer.slice(0, 6), '已制定城乡教');
    assert.equal((await countyStaff.get(`${P}/suggestions/${id}`)).statusCode, 404);
    const byState = await staff.get(`${P}/suggestions?meetingId=${meeting}&state=adopted`);
    assert.deepEqual(byState.data.items.map((s: { id: number }) => s.id), [id]);
  });
});

describe('outcomes', () => {
  it('are compiled from suggestions, exported as .docx in the official layout and followed up', async () => {
    const ids = (await staff.get(`${P}/suggestions?meetingId=${meeting}`)).data.items.map((s: { id: number }) => s.id).reverse();
    const other = await aMeeting(staff, {}, 'published');
    const foreign = (await staff.post(`${P}/suggestions`, { meetingId: other, sourceKind: 'manual', title: '别的', text: '别的' })).data.id;
    assert.equal((await staff.post(`${P}/meetings/${meeting}/outcomes`, { title: 'x', summary: 'y', suggestionIds: [foreign] })).statusCode, 400);
    assert.equal((await staff.post(`${P}/meetings/${meeting}/outcomes`, { title: 'x', summary: 'y', suggestionIds: [] })).statusCode, 400);
    const made = await staff.post(`${P}/meetings/${meeting}/outcomes`, { title: `关于推进城乡教育优质均衡发展的协商成果${hostile}`, summary: '委员们围绕师资队伍建设提出了意见建议。', suggestionIds: ids });
    assert.equal(made.statusCode, 201, made.body);
    const oid = made.data.id;
    const res = await leader.get(`${P}/outcomes/${oid}/docx`);
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /wordprocessingml/);
    const zip = await JSZip.loadAsync(res.rawPayload);
    const text = (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    for (const part of ['协商成果', '关于推进城乡教育优质均衡发展的协商成果&lt;script&gt;', '界别协商', '委员们围绕师资队伍建设提出了意见建议', '（一）建立城乡教师交流轮岗制度', '市教育局答复：已制定城乡教师交流轮岗实施办法', '采纳情况：已采纳（纳入市政府2026年民生实事）', '（二）配齐乡村学校心理健康教师', '采纳情况：办理中'])
      assert.ok(text.includes(part), part);
    // Rules: what became of an outcome is not dated after today in China, nor before the outcome
    // was compiled (today, here); a refused date stores nothing (the timeline below shows it).
    const tomorrow = addDays(chinaDate(), 1);
    const yesterday = addDays(chinaDate(), -1);
    const future = await staff.post(`${P}/outcomes/${oid}/adoptions`, { level: 'city', date: tomorrow });
    assert.deepEqual([future.statusCode, future.data.errors[0].field, future.data.errors[0].message], [400, 'body.date', `日期不能晚于今天（${chinaDate()}）`]);
    const early = await staff.post(`${P}/outcomes/${oid}/forwardings`, { to: '中共嘉兴市委', date: yesterday });
    assert.deepEqual([early.statusCode, early.data.errors[0].field, early.data.errors[0].message_en], [400, 'body.date', `Cannot be earlier than the outcome's compilation date, ${chinaDate()}`]);
    assert.equal((await staff.post(`${P}/outcomes/${oid}/instructions`, { leaderName: '市委书记', level: 'city', date: yesterday, text: '阅' })).statusCode, 400);
    for (const [path, body] of [
      ['forwardings', { to: '中共嘉兴市委', date: chinaDate(), note: '以《政协专报》报送' }],
      ['instructions', { leaderName: '市委书记', level: 'city', date: chinaDate(), text: '请市教育局认真研究吸纳。' }],
      ['adoptions', { level: 'city', date: chinaDate(), note: '写入市政府工作报告' }],
    ] as const)
      assert.equal((await staff.post(`${P}/outcomes/${oid}/${path}`, body)).statusCode, 201, path);
    assert.equal((await staff.post(`${P}/outcomes/${oid}/instructions`, { leaderName: 'x', level: 'galaxy', date: chinaDate(), text: 'x' })).statusCode, 400);
    const d = await leader.get(`${P}/outcomes/${oid}`);
    assert.deepEqual([d.data.forwardings.length, d.data.instructions[0].leaderName, d.data.adoptions[0].note], [1, '市委书记', '写入市政府工作报告']);
    assert.deepEqual(d.data.suggestions.map((s: { id: number }) => s.id), ids);
    assert.deepEqual(d.data.timeline.map((e: { action: string }) => e.action), ['create', 'forwarding', 'instruction', 'adoption']);
    assert.ok((await leader.get(`${P}/outcomes`)).data.some((o: { id: number }) => o.id === oid));
    for (const who of [member, unit, pub]) assert.equal((await who.get(`${P}/outcomes/${oid}/docx`)).statusCode, 403);
    assert.equal((await countyStaff.get(`${P}/outcomes/${oid}`)).statusCode, 404);
    assert.equal((await leader.post(`${P}/outcomes/${oid}/adoptions`, { level: 'city', date: chinaDate() })).statusCode, 403);
  });
});

describe('statistics', () => {
  it('gives the year’s figures: meetings by type and month, participations, comments, suggestions, adoption', async () => {
    const year = chinaYear();
    const before = (await staff.get(`${P}/stats?year=${year}`)).data;
    // What this test adds: one held online sector meeting with one member present, one
    // comment by a public user, one suggestion adopted; a draft and a cancelled meeting do not count.
    const m = await aMeeting(staff, { invitedMemberIds: [m1], online: true, type: 'come_and_consult', startsAt: inHours(0.1), endsAt: inHours(1) });
    await member.post(`${P}/checkin`, { token: await tokenOf(staff, m) });
    await staff.post(`${P}/meetings/${m}/start`, {});
    assert.equal((await pub.post(`${P}/meetings/${m}/comments`, { body: '建议多开这样的会' })).statusCode, 201);
    const sg = (await staff.post(`${P}/suggestions`, { meetingId: m, sourceKind: 'manual', title: '多开网络议政', text: '每季度一次。' })).data.id;
    await staff.post(`${P}/suggestions/${sg}/assign`, { unitIds: [unit2Id] });
    await unit2.post(`${P}/suggestions/${sg}/answer`, { text: '采纳' });
    await staff.post(`${P}/suggestions/${sg}/adoption`, { adopted: true });
    await staff.post(`${P}/meetings/${m}/end`, {});
    await aMeeting(staff, { type: 'come_and_consult' }, 'draft');
    await aMeeting(staff, { type: 'come_and_consult' }, 'cancelled');
    const after = (await staff.get(`${P}/stats?year=${year}`)).data;
    const month = chinaMonth(inHours(0.1));
    assert.equal(after.meetings - before.meetings, 1);
    assert.equal(after.meetingsByType.come_and_consult - before.meetingsByType.come_and_consult, 1);
    assert.equal(after.meetingsByMonth[month] - before.meetingsByMonth[month], 1);
    assert.equal(after.participations.attendance - before.participations.attendance, 1);
    assert.equal(after.participations.onlineParticipants - before.participations.onlineParticipants, 1, 'the commenting public user');
    assert.equal(after.participations.total, after.participations.attendance + after.participations.onlineParticipants);
    assert.equal(after.comments - before.comments, 1);
    assert.deepEqual([after.suggestions.total - before.suggestions.total, after.suggestions.assigned - before.suggestions.assigned, after.suggestions.adopted - before.suggestions.adopted], [1, 1, 1]);
    // Absolute figures of the whole file: two held meetings, two present, four suggestions (one of an upcoming meeting), one outcome.
    assert.equal(after.meetings, 2);
    assert.equal(after.participations.attendance, 2);
    assert.equal(after.suggestions.total, 4);
    assert.equal(after.suggestions.adopted, 2);
    assert.equal(after.outcomes, 1);
    assert.match(after.headline.zh, new RegExp(`^全年开展协商活动2次，其中网络议政2次，参与${after.participations.total}人次`));
    assert.match(after.headline.en, /^2 consultations held/);
    assert.equal((await member.get(`${P}/stats`)).statusCode, 403);
    assert.equal((await countyStaff.get(`${P}/stats?organizationId=${t.fixture.city}`)).statusCode, 404);
    assert.equal((await leader.get(`${P}/stats?year=2001`)).data.meetings, 0);
  });

  it('adds up the CPPCCs below for the figures of the whole system (scope=system)', async () => {
    const year = chinaYear();
    const stats = async (a: Agent, query = '') => {
      const res = await a.get(`${P}/stats?year=${year}${query}`);
      assert.equal(res.statusCode, 200, res.body);
      return res.data;
    };
    const city = await stats(staff);
    // The county holds one meeting of its own, of a type the city has not held.
    await aMeeting(countyStaff, { type: 'counterpart', online: true, startsAt: inHours(0.1), endsAt: inHours(1) }, 'ended');
    const county = await stats(countyStaff);
    assert.equal(county.meetings, 1);
    assert.deepEqual(county.organizationIds, [t.fixture.county]);

    assert.equal((await stats(staff)).meetings, city.meetings, 'the city alone, as before');
    const system = await stats(staff, '&scope=system');
    assert.equal(system.scope, 'system');
    assert.equal(system.meetings, city.meetings + 1);
    assert.equal(system.onlineMeetings, city.onlineMeetings + 1);
    assert.equal(system.meetingsByType.counterpart, city.meetingsByType.counterpart + 1);
    assert.equal(system.suggestions.total, city.suggestions.total);
    assert.ok(system.organizationIds.includes(t.fixture.county) && !system.organizationIds.includes(t.fixture.province));
    assert.match(system.headline.zh, new RegExp(`^全年开展协商活动${city.meetings + 1}次`));
    assert.equal((await countyStaff.get(`${P}/stats?organizationId=${t.fixture.city}&scope=system`)).statusCode, 404, 'a county does not reach its city');
    const bad = await staff.get(`${P}/stats?scope=province`);
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.headers['content-type'], 'application/problem+json; charset=utf-8');
  });
});
