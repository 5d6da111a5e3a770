// What the pages of consultations are built on: the form's choices, editing a published meeting
// (new invitees are notified, answers kept), materials, and who finds which meeting in the lists.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { hostile, multipart, testServer, type Agent, type TestServer } from '../../test/harness.js';
import { aMeeting, aMember, inHours, P } from './testing.js';

let t: TestServer;
let staff: Agent, leader: Agent, member: Agent, unit: Agent, pub: Agent, countyStaff: Agent;
let m1: number, m2: number;

before(async () => {
  t = await testServer();
  m1 = await aMember(t, '周静');
  m2 = await aMember(t, '陆明');
  await t.services.db.updateTable('users').set({ member_id: m1 }).where('username', '=', 'member').execute();
  [staff, leader, member, unit, pub, countyStaff] = (await Promise.all(['staff', 'leader', 'member', 'unit', 'public', 'county_staff'].map((u) => t.as(u)))) as [Agent, Agent, Agent, Agent, Agent, Agent];
});
after(() => t.close());

describe('meeting details', () => {
  it('offers the form’s choices; members and officials to invite only to the office', async () => {
    const forStaff = (await staff.get(`${P}/config`)).data;
    assert.equal(forStaff.types.length, 9);
    assert.deepEqual(forStaff.types.find((x: { value: string }) => x.value === 'come_and_consult').label, { zh: '请你来协商', en: '"Come and consult"' });
    assert.ok(forStaff.committees.some((c: { name: string }) => c.name === '提案委员会'));
    assert.ok(forStaff.units.some((u: { id: number }) => u.id === t.fixture.unit));
    assert.deepEqual(forStaff.members.map((m: { id: number }) => m.id), [m1, m2]);
    assert.ok(forStaff.officials.some((o: { id: number; role: string }) => o.id === t.fixture.users.leader && o.role === 'leader'));
    const forMember = (await member.get(`${P}/config`)).data;
    assert.equal(forMember.members, undefined);
    assert.equal(forMember.officials, undefined);
    assert.equal((await t.anonymous().get(`${P}/config`)).statusCode, 401);
  });

  it('edits a published meeting: added invitees are notified, the others keep their answers', async () => {
    const id = await aMeeting(staff, { invitedMemberIds: [m1] });
    await member.post(`${P}/meetings/${id}/reply`, { answer: 'accept' });
    const userOf = async (memberId: number) => (await t.services.db.selectFrom('users').select('id').where('member_id', '=', memberId).executeTakeFirst())?.id;
    assert.equal(await userOf(m2), undefined, 'a member without an account is invited all the same');
    const edited = await staff.patch(`${P}/meetings/${id}`, { topic: `改定的议题${hostile}`, invitedMemberIds: [m1, m2], invitedUnitIds: [t.fixture.unit], agenda: [{ title: '只有一项' }] });
    assert.equal(edited.statusCode, 200, edited.body);
    assert.equal(edited.data.topic, `改定的议题${hostile}`);
    assert.deepEqual(edited.data.agenda, [{ title: '只有一项', note: null }]);
    assert.equal((await member.get(`${P}/meetings/${id}`)).data.myInvitation.answer, 'accepted');
    const unitNotes = await t.services.db.selectFrom('notifications').select('title').where('user_id', '=', t.fixture.users.unit!).execute();
    assert.equal(unitNotes.length, 1, 'the department added later hears of it');
    const removed = await staff.patch(`${P}/meetings/${id}`, { invitedMemberIds: [m2] });
    assert.equal(removed.statusCode, 200);
    assert.equal((await member.get(`${P}/meetings/${id}`)).statusCode, 404, 'no longer invited');
    const last = (await staff.get(`${P}/meetings/${id}/timeline`)).data.at(-1);
    assert.equal(last.action, 'update');
    assert.equal((await staff.patch(`${P}/meetings/${id}`, { committeeId: 999999 })).statusCode, 400);
    await staff.patch(`${P}/meetings/${id}`, { place: '市民中心二号厅' });
    const kinds = (await t.services.db.selectFrom('notifications').select('kind').where('user_id', '=', t.fixture.users.unit!).orderBy('id').execute()).map((n) => n.kind);
    assert.deepEqual(kinds, ['consultation.meeting.invited', 'consultation.meeting.changed'], 'a move is announced to those already invited');
  });

  it('keeps materials for those who see the meeting', async () => {
    const id = await aMeeting(staff, { invitedMemberIds: [m1] });
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(64, 32)]);
    const up = multipart(pdf, '协商参阅材料.pdf', 'application/pdf');
    const res = await staff.request('POST', `${P}/meetings/${id}/materials`, up.body, up.headers);
    assert.equal(res.statusCode, 201, res.body);
    const fake = multipart(Buffer.from('MZ not a pdf'), 'virus.pdf', 'application/pdf');
    assert.equal((await staff.request('POST', `${P}/meetings/${id}/materials`, fake.body, fake.headers)).statusCode, 415);
    assert.equal((await member.request('POST', `${P}/meetings/${id}/materials`, up.body, up.headers)).statusCode, 403);
    const d = await member.get(`${P}/meetings/${id}`);
    assert.deepEqual(d.data.materials.map((f: { name: string }) => f.name), ['协商参阅材料.pdf']);
    const file = await member.get(`${P}/meetings/${id}/materials/${res.data.id}`);
    assert.equal(file.statusCode, 200);
    assert.deepEqual(file.rawPayload, pdf);
    assert.equal((await pub.get(`${P}/meetings/${id}/materials/${res.data.id}`)).statusCode, 404, 'an offline meeting’s material');
  });

  it('lists for each caller the meetings they may see, filtered and paged', async () => {
    const draft = await aMeeting(staff, {}, 'draft');
    const online = await aMeeting(staff, { online: true, type: 'come_and_consult' });
    const offline = await aMeeting(staff, { invitedUserIds: [t.fixture.users.unit!] });
    const ids = async (a: Agent, q = '') => (await a.get(`${P}/meetings${q}`)).data.items.map((m: { id: number }) => m.id);
    assert.ok((await ids(staff)).includes(draft));
    assert.ok((await ids(leader)).includes(draft));
    assert.deepEqual((await ids(pub)).filter((i: number) => [draft, online, offline].includes(i)), [online]);
    assert.ok((await ids(unit)).includes(offline), 'an invited official');
    assert.ok(!(await ids(countyStaff)).includes(draft));
    assert.deepEqual(await ids(staff, '?type=come_and_consult'), [online]);
    assert.ok((await ids(staff, '?state=draft')).every((i: number) => i === draft || i < online));
    assert.equal((await staff.get(`${P}/meetings?state=nonsense`)).statusCode, 400);
    assert.equal((await pub.get(`${P}/meetings/${online}`)).data.abilities.reply, false);
  });

  it('lists the latest start first, and pages through ties on the start without a gap', async () => {
    const at = inHours(30);
    const later = await aMeeting(staff, { startsAt: inHours(60), endsAt: inHours(62) });
    const tied = [await aMeeting(staff, { startsAt: at, endsAt: inHours(32) }), await aMeeting(staff, { startsAt: at, endsAt: inHours(33) })];
    const sooner = await aMeeting(staff, { startsAt: inHours(10), endsAt: inHours(12) });
    const walk = async (limit: number) => {
      const seen: { id: number; startsAt: string }[] = [];
      let cursor = '';
      do {
        const res = await staff.get(`${P}/meetings?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
        assert.equal(res.statusCode, 200, res.body);
        seen.push(...res.data.items);
        cursor = res.data.nextCursor ?? '';
      } while (cursor);
      return seen;
    };
    const all = await walk(100);
    const starts = all.map((m) => m.startsAt);
    assert.deepEqual(starts, [...starts].sort().reverse());
    const order = all.map((m) => m.id);
    assert.deepEqual([later, ...tied.reverse(), sooner].map((id) => order.indexOf(id)).every((i, k, a) => i >= 0 && (k === 0 || i > a[k - 1]!)), true, JSON.stringify(order));
    assert.deepEqual((await walk(2)).map((m) => m.id), order);
    const bad = await staff.get(`${P}/meetings?cursor=999999999`);
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /分页游标无效/);
  });
});
