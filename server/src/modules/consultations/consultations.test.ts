// Consultations: the plan's workflow, meetings and their illegal transitions, replies and leave,
// QR check-in inside its window only, attendance, speeches, best-speech votes (also concurrent).
// The role matrix is in roles.test.ts; suggestions, outcomes and statistics in outcomes.test.ts.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { hostile, testServer, type Agent, type TestServer } from '../../test/harness.js';
import { aMeeting, aMember, anAccount, count, inHours, meetingBody, P, put, tokenOf } from './testing.js';
import { chinaYear } from '../../platform/time.js';
import { attendanceOf, currentSpeaker, meetingForRoom } from './service.js';

let t: TestServer;
let staff: Agent, leader: Agent, member: Agent, member2: Agent, member3: Agent, unit: Agent, pub: Agent, countyStaff: Agent;
let m1: number, m2: number, m3: number, countyMember: number;

before(async () => {
  t = await testServer();
  m1 = await aMember(t, '周静');
  await t.services.db.updateTable('users').set({ member_id: m1 }).where('username', '=', 'member').execute();
  m2 = await aMember(t, '陆明');
  m3 = await aMember(t, '沈红');
  countyMember = await aMember(t, '海宁委员', t.fixture.county);
  await anAccount(t, 'member2', 'member', { memberId: m2 });
  await anAccount(t, 'member3', 'member', { memberId: m3 });
  [staff, leader, member, member2, member3, unit, pub, countyStaff] = (await Promise.all(
    ['staff', 'leader', 'member', 'member2', 'member3', 'unit', 'public', 'county_staff'].map((u) => t.as(u)),
  )) as [Agent, Agent, Agent, Agent, Agent, Agent, Agent, Agent];
});
after(() => t.close());

const detail = (a: Agent, id: number) => a.get(`${P}/meetings/${id}`);
const state = async (id: number) => (await t.services.db.selectFrom('consultation_meetings').select('state').where('id', '=', id).executeTakeFirstOrThrow()).state;

describe('plan', () => {
  it('is drawn up by staff, approved or returned by a leader, then published for everyone; illegal steps say the state', async () => {
    const made = await staff.post(`${P}/plans`, { year: 2026, title: `2026年度政协协商计划${hostile}` });
    assert.equal(made.statusCode, 201, made.body);
    const id = made.data.id;
    assert.equal((await member.get(`${P}/plans/${id}`)).statusCode, 404, 'a draft is not for members');
    const empty = await staff.post(`${P}/plans/${id}/submit`, {});
    assert.equal(empty.statusCode, 400, 'a plan without items is not submitted');
    const item = await staff.post(`${P}/plans/${id}/items`, { type: 'thematic', topic: '推进共同富裕示范区建设', leadCommitteeId: t.fixture.committees['经济委员会'], quarter: 2 });
    assert.equal(item.statusCode, 201, item.body);
    await staff.post(`${P}/plans/${id}/items`, { type: 'come_and_consult', topic: '优化营商环境', quarter: 3, note: '邀请市长参加' });
    const bad = await staff.post(`${P}/plans/${id}/items`, { type: 'banquet', topic: 'x', quarter: 5 });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(bad.data.errors.map((e: { field: string }) => e.field).sort(), ['body.quarter', 'body.type']);
    const patched = await staff.patch(`${P}/plans/${id}/items/${item.data.id}`, { quarter: 1 });
    assert.equal(patched.data.items[0].quarter, 1);
    assert.equal(patched.data.items[0].leadCommitteeName, '经济委员会');

    const early = await leader.post(`${P}/plans/${id}/approve`, {});
    assert.equal(early.statusCode, 409);
    assert.match(early.data.detail, /草稿/);
    assert.match(early.data.detail_en, /draft/i);
    assert.equal((await member.post(`${P}/plans/${id}/submit`, {})).statusCode, 403);
    assert.equal((await staff.post(`${P}/plans/${id}/submit`, {})).statusCode, 200);
    assert.equal((await staff.post(`${P}/plans/${id}/approve`, {})).statusCode, 403, 'staff do not approve their own plan');
    assert.equal((await staff.post(`${P}/plans/${id}/items`, { type: 'sector', topic: 'x', quarter: 1 })).statusCode, 409, 'no edits once submitted');
    assert.equal((await leader.post(`${P}/plans/${id}/return`, {})).statusCode, 400, 'a return needs a reason');
    const returned = await leader.post(`${P}/plans/${id}/return`, { reason: '请补充界别协商事项' });
    assert.equal(returned.data.state, 'draft');
    assert.equal(returned.data.returnReason, '请补充界别协商事项');
    await staff.post(`${P}/plans/${id}/items`, { type: 'sector', topic: '民营企业高质量发展', quarter: 4 });
    await staff.post(`${P}/plans/${id}/submit`, {});
    assert.equal((await staff.post(`${P}/plans/${id}/publish`, {})).statusCode, 409, 'not approved yet');
    assert.equal((await leader.post(`${P}/plans/${id}/approve`, {})).data.state, 'approved');
    const published = await staff.post(`${P}/plans/${id}/publish`, {});
    assert.equal(published.data.state, 'published');
    assert.equal(published.data.items.length, 3);
    const seen = await member.get(`${P}/plans/${id}`);
    assert.equal(seen.statusCode, 200);
    assert.equal(seen.data.abilities.edit, false);
    assert.deepEqual(seen.data.timeline, []);
    assert.ok((await member.get(`${P}/plans?year=2026`)).data.some((p: { id: number }) => p.id === id));
    assert.equal((await countyStaff.get(`${P}/plans/${id}`)).statusCode, 404, 'another organization');
    const gone = await staff.request('DELETE', `${P}/plans/${id}/items/${item.data.id}`);
    assert.equal(gone.statusCode, 409);
    const actions = (await staff.get(`${P}/plans/${id}`)).data.timeline.map((e: { action: string }) => e.action);
    assert.deepEqual(actions, ['create', 'add_item', 'add_item', 'update_item', 'submit', 'return', 'add_item', 'submit', 'approve', 'publish']);
  });
});

describe('meetings', () => {
  it('are drafted with agenda and invitees, refused on bad input, and published with notifications', async () => {
    const before = await count(t, 'consultation_meetings');
    const backwards = await staff.post(`${P}/meetings`, meetingBody({ startsAt: inHours(5), endsAt: inHours(4) }));
    assert.equal(backwards.statusCode, 400);
    assert.equal(backwards.data.errors[0].field, 'body.endsAt');
    assert.equal((await staff.post(`${P}/meetings`, meetingBody({ invitedMemberIds: [countyMember + 1000] }))).statusCode, 400);
    assert.equal((await staff.post(`${P}/meetings`, meetingBody({ invitedUserIds: [t.fixture.users.public!] }))).statusCode, 400, 'only officials are invited as users');
    assert.equal((await staff.post(`${P}/meetings`, meetingBody({ startsAt: 'tomorrow' }))).statusCode, 400);
    assert.equal((await staff.post(`${P}/meetings`, meetingBody({ type: 'party' }))).statusCode, 400);
    assert.equal(await count(t, 'consultation_meetings'), before, 'nothing stored');

    const id = await aMeeting(staff, { invitedMemberIds: [m1, m2], invitedUserIds: [t.fixture.users.leader!], invitedUnitIds: [t.fixture.unit], committeeId: t.fixture.committees['教科卫体委员会'] }, 'draft');
    assert.equal((await detail(member, id)).statusCode, 404, 'a draft is the office’s');
    const d = await detail(staff, id);
    assert.equal(d.data.state, 'draft');
    assert.equal(d.data.committeeName, '教科卫体委员会');
    assert.deepEqual(d.data.agenda.map((a: { title: string }) => a.title), ['市教育局通报情况', '委员发言']);
    assert.deepEqual(d.data.invited.members.map((m: { id: number }) => m.id), [m1, m2]);
    assert.equal(d.data.abilities.publish, true);
    const notes = async (user: string) => Number((await t.services.db.selectFrom('notifications').select((eb) => eb.fn.countAll().as('n')).where('user_id', '=', t.fixture.users[user]!).where('kind', '=', 'consultation.meeting.invited').executeTakeFirstOrThrow()).n);
    assert.equal((await staff.post(`${P}/meetings/${id}/publish`, {})).data.state, 'published');
    assert.equal(await notes('member'), 1);
    assert.equal(await notes('leader'), 1);
    assert.equal(await notes('unit'), 1, 'the invited department’s account');
    const seen = await detail(member, id);
    assert.equal(seen.statusCode, 200);
    assert.equal(seen.data.myInvitation.answer, 'pending');
    assert.equal(seen.data.invited, undefined);
    assert.equal(seen.data.abilities.reply, true);
    assert.equal((await detail(member3, id)).statusCode, 404, 'an offline meeting is for its invitees');
    assert.equal((await detail(unit, id)).statusCode, 200, 'an invited department');
    assert.ok((await member.get(`${P}/meetings`)).data.items.some((m: { id: number }) => m.id === id));
    assert.ok(!(await member3.get(`${P}/meetings`)).data.items.some((m: { id: number }) => m.id === id));
  });

  it('moves draft → published → in progress → ended; every illegal step is a 409 naming the state and changes nothing', async () => {
    const id = await aMeeting(staff, {}, 'draft');
    const start = await staff.post(`${P}/meetings/${id}/start`, {});
    assert.equal(start.statusCode, 409);
    assert.match(start.data.detail, /草稿/);
    assert.equal((await staff.post(`${P}/meetings/${id}/end`, {})).statusCode, 409);
    await staff.post(`${P}/meetings/${id}/publish`, {});
    assert.equal((await staff.post(`${P}/meetings/${id}/publish`, {})).statusCode, 409);
    assert.equal((await staff.post(`${P}/meetings/${id}/end`, {})).statusCode, 409);
    await staff.post(`${P}/meetings/${id}/start`, {});
    const cancel = await staff.post(`${P}/meetings/${id}/cancel`, { reason: '改期' });
    assert.equal(cancel.statusCode, 409);
    assert.match(cancel.data.detail, /进行中/);
    assert.equal((await staff.patch(`${P}/meetings/${id}`, { topic: '改' })).statusCode, 409);
    await staff.post(`${P}/meetings/${id}/end`, {});
    assert.equal(await state(id), 'ended');
    for (const step of ['publish', 'start', 'end', 'cancel']) assert.equal((await staff.post(`${P}/meetings/${id}/${step}`, {})).statusCode, 409, step);
    assert.equal(await state(id), 'ended');
    const other = await aMeeting(staff, { invitedMemberIds: [m2] }, 'published');
    const cancelled = await staff.post(`${P}/meetings/${other}/cancel`, { reason: '因故改期' });
    assert.equal(cancelled.data.state, 'cancelled');
    assert.equal(cancelled.data.cancelReason, '因故改期');
    const told = await t.services.db.selectFrom('notifications as n').innerJoin('users as u', 'u.id', 'n.user_id').select('n.body').where('u.member_id', '=', m2).where('n.kind', '=', 'consultation.meeting.cancelled').execute();
    assert.equal(told.length, 1);
    assert.match(told[0]!.body, /已取消：因故改期/);
    assert.equal((await staff.post(`${P}/meetings/${other}/start`, {})).statusCode, 409);
    const tl = (await staff.get(`${P}/meetings/${id}/timeline`)).data;
    assert.deepEqual(tl.map((e: { action: string }) => e.action), ['create', 'publish', 'start', 'end']);
    assert.deepEqual(tl[2].before, { state: 'published' });
    assert.deepEqual(tl[2].after, { state: 'in_progress' });
    assert.ok(tl[1].actorName.startsWith('staff'));
  });

  it('takes replies from invited members: leave needs a reason; the uninvited may not reply', async () => {
    const id = await aMeeting(staff, { invitedMemberIds: [m1, m2] });
    const noReason = await member.post(`${P}/meetings/${id}/reply`, { answer: 'leave' });
    assert.equal(noReason.statusCode, 400);
    assert.equal(noReason.data.errors[0].field, 'body.reason');
    const leave = await member.post(`${P}/meetings/${id}/reply`, { answer: 'leave', reason: '外出参加全省教育工作会议' });
    assert.equal(leave.statusCode, 200, leave.body);
    assert.deepEqual([leave.data.myInvitation.answer, leave.data.myInvitation.reason], ['leave', '外出参加全省教育工作会议']);
    assert.equal((await member2.post(`${P}/meetings/${id}/reply`, { answer: 'accept' })).data.myInvitation.answer, 'accepted');
    assert.equal((await member3.post(`${P}/meetings/${id}/reply`, { answer: 'accept' })).statusCode, 404);
    assert.equal((await staff.post(`${P}/meetings/${id}/reply`, { answer: 'accept' })).statusCode, 403);
    await staff.post(`${P}/meetings/${id}/cancel`, {});
    assert.equal((await member2.post(`${P}/meetings/${id}/reply`, { answer: 'leave', reason: '有事' })).statusCode, 409);
  });
});

describe('check-in and attendance', () => {
  it('works only from an hour before the start to the end, only for invitees and only with this meeting’s code', async () => {
    const id = await aMeeting(staff, { invitedMemberIds: [m1, m2, m3], startsAt: inHours(3), endsAt: inHours(6) });
    const code = await staff.get(`${P}/meetings/${id}/checkin-code`);
    assert.match(code.data.png, /^data:image\/png;base64,iVBOR/);
    assert.match(code.data.svg, /^<svg/);
    assert.ok(code.data.url.endsWith(`/consultations/checkin/${code.data.token}`));
    assert.ok(code.data.token.length >= 32, 'unguessable');
    const token = code.data.token;
    const preview = await member.get(`${P}/checkin/${token}`);
    assert.deepEqual([preview.data.meetingId, preview.data.invited, preview.data.open, preview.data.checkedInAt], [id, true, false, null]);
    assert.match(preview.data.reason.zh, /签到尚未开始/);
    assert.equal((await member.get(`${P}/checkin/nonsense`)).statusCode, 404);
    const early = await member.post(`${P}/checkin`, { token });
    assert.equal(early.statusCode, 409);
    assert.match(early.data.detail, /签到尚未开始/);
    assert.ok(early.data.detail_en);
    // Staff move the meeting to start in 30 minutes: the window (one hour before) is now open.
    await staff.patch(`${P}/meetings/${id}`, { startsAt: inHours(0.5), endsAt: inHours(3) });
    const ok = await member.post(`${P}/checkin`, { token, meetingId: id });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.data.already, false);
    assert.equal((await member.post(`${P}/checkin`, { token })).data.already, true, 'scanning twice is harmless');

    const other = await aMeeting(staff, { invitedMemberIds: [m2], startsAt: inHours(0.5), endsAt: inHours(3) });
    const otherToken = await tokenOf(staff, other);
    const wrong = await member2.post(`${P}/checkin`, { token: otherToken, meetingId: id });
    assert.equal(wrong.statusCode, 400, 'the code of another meeting');
    assert.match(wrong.data.detail, /另一场/);
    assert.equal((await member.post(`${P}/checkin`, { token: otherToken })).statusCode, 403, 'not invited to that one');
    const past = await aMeeting(staff, { invitedMemberIds: [m3], startsAt: inHours(-2), endsAt: inHours(-1) });
    const expired = await member3.post(`${P}/checkin`, { token: await tokenOf(staff, past) });
    assert.equal(expired.statusCode, 409);
    assert.match(expired.data.detail, /签到已结束/);
    assert.equal((await pub.post(`${P}/checkin`, { token })).statusCode, 403, 'not a member');
    assert.equal((await member.post(`${P}/checkin`, { token: 'x'.repeat(32) })).statusCode, 404);
    assert.equal((await t.anonymous().post(`${P}/checkin`, { token })).statusCode, 401);
    const stored = await t.services.db.selectFrom('consultation_invitations').select(['member_id', 'checked_in_at']).where('checked_in_at', 'is not', null).execute();
    assert.deepEqual(stored.map((r) => r.member_id), [m1], 'refused check-ins store nothing');

    await member2.post(`${P}/meetings/${id}/reply`, { answer: 'leave', reason: '出差' });
    const during = await leader.get(`${P}/meetings/${id}/attendance`);
    assert.deepEqual(during.data.items.map((i: { status: string }) => i.status), ['present', 'leave', 'expected']);
    assert.equal((await member.post(`${P}/meetings/${id}/reply`, { answer: 'leave', reason: '临时有事' })).statusCode, 409, 'checked in: no leave');
    await staff.post(`${P}/meetings/${id}/start`, {});
    await staff.post(`${P}/meetings/${id}/end`, {});
    assert.equal((await member3.post(`${P}/checkin`, { token })).statusCode, 409, 'ended: the code has expired');
    const a = await staff.get(`${P}/meetings/${id}/attendance`);
    const byMember = Object.fromEntries(a.data.items.map((i: { memberId: number; status: string }) => [i.memberId, i.status]));
    assert.deepEqual(byMember, { [m1]: 'present', [m2]: 'leave', [m3]: 'absent' });
    assert.equal(a.data.items.find((i: { memberId: number }) => i.memberId === m2).reason, '出差');
    assert.deepEqual(a.data.totals, { invited: 3, accepted: 1, present: 1, leave: 1, absent: 1, expected: 0, guests: 0, attendees: 1 });
    const xlsx = await staff.get(`${P}/meetings/${id}/attendance.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const rows: unknown[][] = [];
    wb.worksheets[0]!.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    assert.deepEqual(rows.slice(1).map((r) => [r[0], r[4]]), [['周静', '出席'], ['陆明', '请假'], ['沈红', '缺席']]);
    assert.equal((await member.get(`${P}/meetings/${id}/attendance`)).statusCode, 403);
    const year = chinaYear();
    assert.deepEqual(await attendanceOf(t.services.db, m3, year), { invited: 1, present: 0, leave: 0, absent: 1 });
    assert.equal((await attendanceOf(t.services.db, m1, year)).present, 1);
  });
});

describe('speeches', () => {
  it('are registered by invitees, approved and ordered by staff, marked as speaking during the meeting; illegal steps are refused', async () => {
    const id = await aMeeting(staff, { invitedMemberIds: [m1, m2], online: true });
    const s1 = await member.post(`${P}/meetings/${id}/speeches`, { title: `关于加强乡村教师队伍建设的建议${hostile}`, text: '一、提高乡村教师待遇。\n二、完善乡村教师培训体系，推动城乡教师交流轮岗。' });
    assert.equal(s1.statusCode, 201, s1.body);
    const s2 = (await member2.post(`${P}/meetings/${id}/speeches`, { title: '关于发展普惠托育的建议', text: '建议加快建设普惠托育服务体系。' })).data.id;
    const s3 = (await member2.post(`${P}/meetings/${id}/speeches`, { title: '第二篇', text: '补充意见。' })).data.id;
    assert.equal((await member3.post(`${P}/meetings/${id}/speeches`, { title: 'x', text: 'y' })).statusCode, 403, 'published online: seen, but not invited');
    assert.equal((await member.post(`${P}/meetings/${id}/speeches`, { title: '', text: 'y' })).statusCode, 400);
    const asPublic = await detail(pub, id);
    assert.deepEqual(asPublic.data.speeches, [], 'nothing approved yet');
    assert.equal((await member.post(`${P}/speeches/${s1.data.id}/approve`, {})).statusCode, 403);
    for (const sid of [s1.data.id, s2]) assert.equal((await staff.post(`${P}/speeches/${sid}/approve`, {})).statusCode, 200);
    const again = await staff.post(`${P}/speeches/${s2}/approve`, {});
    assert.equal(again.statusCode, 409);
    assert.match(again.data.detail, /已安排/);
    assert.equal((await staff.post(`${P}/speeches/${s2}/reject`, { reason: '重复' })).statusCode, 409);
    assert.equal((await staff.post(`${P}/speeches/${s3}/reject`, { reason: '与前一篇重复' })).statusCode, 200);
    assert.equal((await member2.post(`${P}/speeches/${s3}/withdraw`, {})).statusCode, 409, 'a rejected speech is not withdrawn');
    assert.equal((await member.post(`${P}/speeches/${s2}/withdraw`, {})).statusCode, 403, 'only its speaker');

    assert.equal((await put(staff, `${P}/meetings/${id}/speech-order`, { speechIds: [s2] })).statusCode, 400, 'every approved speech, once');
    const ordered = await put(staff, `${P}/meetings/${id}/speech-order`, { speechIds: [s2, s1.data.id] });
    assert.deepEqual(ordered.data.speeches.filter((x: { state: string }) => x.state === 'approved').map((x: { id: number }) => x.id), [s2, s1.data.id]);
    const seen = (await detail(pub, id)).data.speeches;
    assert.deepEqual(seen.map((x: { id: number }) => x.id), [s2, s1.data.id], 'the public sees approved speeches in order');
    assert.equal(seen[0].text, null);
    assert.equal((await detail(member2, id)).data.speeches.length, 3, 'the speaker sees their own, rejected too');

    const early = await staff.post(`${P}/speeches/${s2}/speaking`, {});
    assert.equal(early.statusCode, 409);
    assert.match(early.data.detail, /已发布/);
    await staff.post(`${P}/meetings/${id}/start`, {});
    const events: unknown[] = [];
    const off = t.services.bus.subscribe('consultations.speaker', (e) => events.push(e.payload));
    assert.equal((await staff.post(`${P}/speeches/${s3}/speaking`, {})).statusCode, 409, 'a rejected speech is not given');
    assert.equal((await member.post(`${P}/speeches/${s2}/speaking`, {})).statusCode, 403);
    assert.equal((await staff.post(`${P}/speeches/${s2}/speaking`, {})).statusCode, 200);
    assert.deepEqual(await currentSpeaker(t.services.db, id), { speechId: s2, title: '关于发展普惠托育的建议', memberName: '陆明' });
    assert.deepEqual((await detail(pub, id)).data.speakingNow, { speechId: s2 });
    assert.equal((await staff.post(`${P}/speeches/${s2}/speaking`, {})).statusCode, 409, 'already speaking');
    assert.equal((await staff.post(`${P}/meetings/${id}/speaking/clear`, {})).statusCode, 200);
    assert.equal(await currentSpeaker(t.services.db, id), null);
    await new Promise((r) => setTimeout(r, 50));
    off();
    assert.deepEqual(events, [{ meetingId: id, speechId: s2 }, { meetingId: id, speechId: null }]);
    const room = await meetingForRoom(t.services.db, id);
    assert.equal(room?.state, 'in_progress');
    assert.equal(room?.online, true);
    await staff.post(`${P}/meetings/${id}/end`, {});
    assert.equal((await member.post(`${P}/meetings/${id}/speeches`, { title: 'late', text: 'late' })).statusCode, 409);
    assert.equal((await staff.post(`${P}/speeches/${s2}/speaking`, {})).statusCode, 409);
    const actions = (await staff.get(`${P}/meetings/${id}/timeline`)).data.map((e: { action: string }) => e.action);
    for (const a of ['speech_register', 'speech_approve', 'speech_reject', 'speech_order', 'speaking', 'speaking_clear']) assert.ok(actions.includes(a), a);
  });
});

describe('best-speech votes', () => {
  let id: number;
  let speeches: number[];
  before(async () => {
    id = await aMeeting(staff, { invitedMemberIds: [m1, m2, m3], startsAt: inHours(0.2), endsAt: inHours(2) });
    speeches = [];
    for (const [who, title] of [[member, '发言一'], [member2, '发言二'], [member3, '发言三']] as const) {
      const sid = (await who.post(`${P}/meetings/${id}/speeches`, { title, text: `${title}的内容。` })).data.id;
      await staff.post(`${P}/speeches/${sid}/approve`, {});
      speeches.push(sid);
    }
    const token = await tokenOf(staff, id);
    for (const who of [member, member2]) assert.equal((await who.post(`${P}/checkin`, { token })).statusCode, 200);
    await staff.post(`${P}/meetings/${id}/start`, {});
  });

  it('counts one vote per speech and attendee, up to the limit, inside the window only', async () => {
    const closed = await member.post(`${P}/meetings/${id}/votes`, { speechId: speeches[1] });
    assert.equal(closed.statusCode, 409, 'no window set');
    assert.equal((await put(staff, `${P}/meetings/${id}/vote-settings`, { votesPerAttendee: 2, opensAt: inHours(1), closesAt: inHours(0.5) })).statusCode, 400);
    await put(staff, `${P}/meetings/${id}/vote-settings`, { votesPerAttendee: 2, opensAt: inHours(0.5), closesAt: inHours(1) });
    assert.equal((await member.post(`${P}/meetings/${id}/votes`, { speechId: speeches[1] })).statusCode, 409, 'not open yet');
    await put(staff, `${P}/meetings/${id}/vote-settings`, { votesPerAttendee: 2, opensAt: inHours(-0.1), closesAt: inHours(1) });
    const first = await member.post(`${P}/meetings/${id}/votes`, { speechId: speeches[1] });
    assert.equal(first.statusCode, 201, first.body);
    assert.equal(first.data.votesLeft, 1);
    const twice = await member.post(`${P}/meetings/${id}/votes`, { speechId: speeches[1] });
    assert.equal(twice.statusCode, 409);
    assert.match(twice.data.detail, /投过票/);
    assert.equal((await member.post(`${P}/meetings/${id}/votes`, { speechId: speeches[2] })).statusCode, 201);
    const over = await member.post(`${P}/meetings/${id}/votes`, { speechId: speeches[0] });
    assert.equal(over.statusCode, 409);
    assert.match(over.data.detail, /最多投 2 票/);
    assert.equal((await member3.post(`${P}/meetings/${id}/votes`, { speechId: speeches[0] })).statusCode, 403, 'invited but not present');
    assert.equal((await pub.post(`${P}/meetings/${id}/votes`, { speechId: speeches[0] })).statusCode, 404);
    assert.equal((await member.post(`${P}/meetings/${id}/votes`, { speechId: 999999 })).statusCode, 400);
    assert.deepEqual((await detail(member, id)).data.myVotes.sort(), [speeches[1], speeches[2]].sort());
    assert.equal((await detail(member, id)).data.abilities.vote, false);
  });

  it('holds the limit and the one-vote-per-speech rule under concurrent votes', async () => {
    const tries = [speeches[0], speeches[0], speeches[2], speeches[2], speeches[0], speeches[2]].map((speechId) => member2.post(`${P}/meetings/${id}/votes`, { speechId }));
    const codes = (await Promise.all(tries)).map((r) => r.statusCode);
    assert.equal(codes.filter((c) => c === 201).length, 2, codes.join(','));
    assert.ok(codes.every((c) => c === 201 || c === 409), codes.join(','));
    const rows = await t.services.db.selectFrom('consultation_votes as v').innerJoin('consultation_invitations as i', 'i.id', 'v.invitation_id').select('v.speech_id').where('i.member_id', '=', m2).execute();
    assert.deepEqual(rows.map((r) => r.speech_id).sort(), [speeches[0], speeches[2]].sort());
  });

  it('lets staff confirm the best speeches only after the window closes; then everyone who sees the meeting sees them', async () => {
    const results = await staff.get(`${P}/meetings/${id}/vote-results`);
    assert.deepEqual(results.data.map((r: { speechId: number; votes: number }) => [r.speechId, r.votes]), [[speeches[2], 2], [speeches[0], 1], [speeches[1], 1]]);
    const early = await put(staff, `${P}/meetings/${id}/best-speeches`, { speechIds: [speeches[2]] });
    assert.equal(early.statusCode, 409);
    assert.match(early.data.detail, /投票尚未结束/);
    await staff.post(`${P}/meetings/${id}/end`, {});
    await put(staff, `${P}/meetings/${id}/vote-settings`, { votesPerAttendee: 2, opensAt: inHours(-1), closesAt: inHours(-0.01) });
    assert.equal((await member2.post(`${P}/meetings/${id}/votes`, { speechId: speeches[1] })).statusCode, 409, 'the window has closed');
    assert.deepEqual((await detail(member, id)).data.bestSpeeches, [], 'not shown before confirmation');
    assert.equal((await put(staff, `${P}/meetings/${id}/best-speeches`, { speechIds: [999999] })).statusCode, 400);
    const confirmed = await put(staff, `${P}/meetings/${id}/best-speeches`, { speechIds: [speeches[2], speeches[0]] });
    assert.equal(confirmed.statusCode, 200, confirmed.body);
    const shown = (await detail(member3, id)).data.bestSpeeches;
    assert.deepEqual(shown.map((b: { speechId: number; memberName: string; votes: number }) => [b.speechId, b.memberName, b.votes]), [[speeches[2], '沈红', 2], [speeches[0], '周静', 1]]);
    assert.equal((await put(staff, `${P}/meetings/${id}/vote-settings`, { votesPerAttendee: 3, opensAt: inHours(-1), closesAt: inHours(1) })).statusCode, 409, 'confirmed: the vote is over');
  });
});
