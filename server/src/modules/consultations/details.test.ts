// What the pages of consultations are built on: the form's choices, editing a published meeting
// (new invitees are notified, answers kept), materials, and who finds which meeting in the lists.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Document, Packer, Paragraph } from 'docx';
import JSZip from 'jszip';
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

  it('keeps a speech as the speaker wrote it (Word or PDF) for the office, the leaders and the speaker', async () => {
    const id = await aMeeting(staff, { online: true, invitedMemberIds: [m1] });
    const speech = (await member.post(`${P}/meetings/${id}/speeches`, { title: '关于加快老旧小区改造的建议', text: '见所附讲稿。' })).data.id as number;
    const words = '一、加快老旧小区加装电梯。二、完善社区养老服务设施。';
    const docx = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph(words)] }] }));
    const up = (file: Buffer, name: string, mime: string, who = member) => {
      const body = multipart(file, name, mime);
      return who.request('POST', `${P}/speeches/${speech}/file`, body.body, body.headers);
    };
    const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    const res = await up(docx, '老旧小区改造发言稿<img src=x onerror=alert(1)>.docx', DOCX);
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.data.mime, DOCX);

    // Refused, and nothing changes: a photo is not a speech, an .exe is not a PDF, only the speaker uploads.
    const refused = [
      [await up(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]), '照片.png', 'image/png'), 415],
      [await up(Buffer.from('MZ not a pdf'), '讲稿.pdf', 'application/pdf'), 415],
      [await up(docx, '代写.docx', DOCX, staff), 403],
      [await up(docx, '代写.docx', DOCX, pub), 403],
      [await t.anonymous().request('POST', `${P}/speeches/${speech}/file`, multipart(docx, 'x.docx', DOCX).body, multipart(docx, 'x.docx', DOCX).headers), 401],
      [await member.request('POST', `${P}/speeches/${speech}/file`, { title: 'x' }), 415],
    ] as const;
    for (const [r, status] of refused) {
      assert.equal(r.statusCode, status, r.body);
      assert.equal(r.headers['content-type'], 'application/problem+json; charset=utf-8');
    }
    const fileOf = async (a: Agent) => (await a.get(`${P}/meetings/${id}`)).data.speeches.find((x: { id: number }) => x.id === speech)?.file ?? null;
    for (const a of [member, staff]) assert.equal((await fileOf(a))?.name, '老旧小区改造发言稿<img src=x onerror=alert(1)>.docx');
    // Until the office approves it, a speech is the speaker's and the office's alone: the leaders neither list it nor download it.
    assert.equal(await fileOf(leader), null);
    assert.equal((await leader.get(`${P}/speeches/${speech}/file`)).statusCode, 404);
    assert.equal((await staff.post(`${P}/speeches/${speech}/approve`, {})).statusCode, 200);
    assert.equal((await fileOf(leader))?.name, '老旧小区改造发言稿<img src=x onerror=alert(1)>.docx', 'leaders read approved speeches');

    // The download is the same Word file, opened back here.
    const got = await leader.get(`${P}/speeches/${speech}/file`);
    assert.equal(got.statusCode, 200);
    assert.equal(got.headers['content-type'], DOCX);
    assert.match(String(got.headers['content-disposition']), /^attachment;/);
    assert.deepEqual(got.rawPayload, docx);
    assert.ok((await JSZip.loadAsync(got.rawPayload).then((z) => z.file('word/document.xml')!.async('string'))).includes('加快老旧小区加装电梯'));

    // The public sees the approved speech of an online meeting, never its text or document.
    assert.ok((await pub.get(`${P}/meetings/${id}`)).data.speeches.some((x: { id: number }) => x.id === speech));
    assert.equal(await fileOf(pub), null);
    assert.equal((await pub.get(`${P}/speeches/${speech}/file`)).statusCode, 404);

    // A second upload replaces the first; the timeline names both.
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(64, 32)]);
    const second = await up(pdf, '修改稿.pdf', 'application/pdf');
    assert.equal(second.statusCode, 201, second.body);
    assert.equal((await fileOf(member))?.name, '修改稿.pdf');
    const steps = (await staff.get(`${P}/meetings/${id}/timeline`)).data.filter((e: { action: string }) => e.action === 'speech_file');
    assert.deepEqual(steps.map((e: { before: { fileId: string } | null; after: { fileId: string } }) => [e.before?.fileId ?? null, e.after.fileId]), [[null, res.data.id], [res.data.id, second.data.id]]);

    // A withdrawn speech takes no file.
    assert.equal((await member.post(`${P}/speeches/${speech}/withdraw`, {})).statusCode, 200);
    const late = await up(pdf, '又一稿.pdf', 'application/pdf');
    assert.equal(late.statusCode, 409, late.body);
    assert.equal((await fileOf(member))?.name, '修改稿.pdf');
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
