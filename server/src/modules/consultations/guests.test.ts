// Invited people who are not members at a meeting: recorded and removed by the office, counted in
// the meeting's attendance beside the members, never in a member's duty attendance.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { hostile, testServer, type Agent, type TestServer } from '../../test/harness.js';
import { chinaYear } from '../../platform/time.js';
import { aMeeting, aMember, anAccount, inHours, P, tokenOf } from './testing.js';
import { attendanceOf } from './service.js';

let t: TestServer;
let staff: Agent, leader: Agent, member: Agent, countyStaff: Agent;
let m1: number, m2: number;
before(async () => {
  t = await testServer();
  m1 = await aMember(t, '周静');
  m2 = await aMember(t, '陆明');
  await anAccount(t, 'member1', 'member', { memberId: m1 });
  [staff, leader, member, countyStaff] = (await Promise.all(['staff', 'leader', 'member1', 'county_staff'].map((u) => t.as(u)))) as Agent[] as [Agent, Agent, Agent, Agent];
});
after(() => t.close());

const guests = async () => Number((await t.services.db.selectFrom('consultation_external_guests').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('invited guests who are not members', () => {
  it('are added, listed, counted in the attendance beside the members, and removed by the office', async () => {
    const id = await aMeeting(staff, { invitedMemberIds: [m1, m2], startsAt: inHours(0.5), endsAt: inHours(3) });
    const url = `${P}/meetings/${id}/external-guests`;
    const official = await staff.post(url, { name: `张建国${hostile}`.slice(0, 30), category: 'official', workplace: '市教育局', phone: '0573-82000001' });
    assert.equal(official.statusCode, 201, official.body);
    assert.equal(official.data.category, 'official');
    const expert = await staff.post(url, { name: '李教授', category: 'expert', workplace: '嘉兴大学' });
    const seat = await staff.post(url, { name: '王阿姨', category: 'public' });
    assert.equal(seat.statusCode, 201);
    assert.equal((await member.post(`${P}/checkin`, { token: await tokenOf(staff, id) })).statusCode, 200);

    const a = await leader.get(`${P}/meetings/${id}/attendance`);
    assert.equal(a.statusCode, 200);
    assert.deepEqual(a.data.guests.map((g: { name: string; category: string }) => [g.name, g.category]), [[`张建国${hostile}`.slice(0, 30), 'official'], ['李教授', 'expert'], ['王阿姨', 'public']]);
    assert.equal(a.data.guests[0].phone, null, 'the phone is for the office');
    assert.deepEqual([a.data.totals.present, a.data.totals.guests, a.data.totals.attendees, a.data.totals.invited], [1, 3, 4, 2]);
    assert.equal((await staff.get(`${P}/meetings/${id}/attendance`)).data.guests[0].phone, '0573-82000001');

    assert.equal((await staff.request('DELETE', `${url}/${expert.data.id}`)).statusCode, 204);
    assert.equal((await staff.request('DELETE', `${url}/${expert.data.id}`)).statusCode, 404);
    const after = await staff.get(`${P}/meetings/${id}/attendance`);
    assert.deepEqual([after.data.totals.guests, after.data.totals.attendees], [2, 3]);
    const timeline = await staff.get(`${P}/meetings/${id}/timeline`);
    const actions = timeline.data.map((e: { action: string }) => e.action);
    assert.equal(actions.filter((x: string) => x === 'add_guest').length, 3);
    assert.ok(actions.includes('remove_guest'));

    await staff.post(`${P}/meetings/${id}/start`, {});
    await staff.post(`${P}/meetings/${id}/end`, {});
    const xlsx = await staff.get(`${P}/meetings/${id}/attendance.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const names: string[] = [];
    wb.worksheets[0]!.eachRow((r, n) => n > 1 && names.push(`${r.getCell(1).value}|${r.getCell(5).value}`));
    assert.deepEqual(names, ['周静|出席', '陆明|缺席', `张建国${hostile}`.slice(0, 30) + '|特邀', '王阿姨|特邀']);
    // A member's duty attendance counts invitations only.
    const year = chinaYear();
    assert.deepEqual(await attendanceOf(t.services.db, m1, year), { invited: 1, present: 1, leave: 0, absent: 0 });
  });

  it('refuses bad input naming the field, and anyone but the office of the meeting, changing nothing', async () => {
    const id = await aMeeting(staff, { invitedMemberIds: [m1] });
    const url = `${P}/meetings/${id}/external-guests`;
    const before = await guests();
    for (const [body, field] of [
      [{ name: '', category: 'official' }, 'body.name'],
      [{ name: '某人', category: 'vip' }, 'body.category'],
      [{ name: '某人', category: 'expert', phone: 'call me' }, 'body.phone'],
      [{ name: '某人', category: 'expert', extra: 1 }, 'body'],
    ] as const) {
      const res = await staff.post(url, body);
      assert.equal(res.statusCode, 400, JSON.stringify(body));
      assert.ok(res.data.errors.some((e: { field: string }) => e.field.startsWith(field)), res.body);
    }
    const body = { name: '某人', category: 'expert' };
    assert.equal((await member.post(url, body)).statusCode, 403);
    assert.equal((await leader.post(url, body)).statusCode, 403);
    assert.equal((await countyStaff.post(url, body)).statusCode, 404);
    assert.equal((await t.anonymous().post(url, body)).statusCode, 401);
    assert.equal((await member.get(`${P}/meetings/${id}/attendance`)).statusCode, 403);
    const made = await staff.post(url, body);
    assert.equal((await member.request('DELETE', `${url}/${made.data.id}`)).statusCode, 403);
    assert.equal((await countyStaff.request('DELETE', `${url}/${made.data.id}`)).statusCode, 404);
    const other = await aMeeting(staff, {});
    assert.equal((await staff.request('DELETE', `${P}/meetings/${other}/external-guests/${made.data.id}`)).statusCode, 404, 'the guest of another meeting');
    assert.equal(await guests(), before + 1);
    const cancelled = await aMeeting(staff, {}, 'cancelled');
    assert.equal((await staff.post(`${P}/meetings/${cancelled}/external-guests`, body)).statusCode, 409);
  });
});
