// Where each role starts: GET /api/home counts, for each role, the work the test created through
// the real routes; each count equals the total of the list its link names, and no role sees
// another's items.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { hostile, type Agent, type TestServer, testServer } from '../test/harness.js';
import { aMember, anAccount } from '../modules/proposals/testing.js';
import { aPlace, aResidentConcern } from '../modules/opinions/testing.js';
import { aMeeting } from '../modules/consultations/testing.js';
import { addDays, chinaDate } from './time.js';

let t: TestServer;
let admin: Agent, staff: Agent, leader: Agent, member: Agent, co: Agent, unit: Agent, resident: Agent, countyStaff: Agent;
let memberId: number;

type Item = { code: string; role: string; name: string; name_en: string; count: number; link: string; overdue?: { count: number; link: string }; dueSoon?: { count: number; link: string } };
const home = async (who: Agent) => {
  const res = await who.get('/api/home');
  assert.equal(res.statusCode, 200, res.body);
  return res.data.items as Item[];
};
const byCode = (items: Item[]) => Object.fromEntries(items.map((i) => [i.code, i]));

before(async () => {
  t = await testServer({ challengeBits: 0 });
  memberId = await aMember(t, '周静');
  await t.services.db.updateTable('users').set({ member_id: memberId }).where('username', '=', 'member').execute();
  await anAccount(t, 'co', 'member', { memberId: await aMember(t, '陆明') });
  [admin, staff, leader, member, co, unit, resident, countyStaff] = (await Promise.all(['admin', 'staff', 'leader', 'member', 'co', 'unit', 'public', 'county_staff'].map((u) => t.as(u)))) as [Agent, Agent, Agent, Agent, Agent, Agent, Agent, Agent];
  const category = (await admin.post('/api/proposals/categories', { organizationId: t.fixture.city, name: '社会事业' })).data.id as number;
  const file = async (author: Agent, over: Record<string, unknown> = {}) => {
    const made = await author.post('/api/proposals', { kind: 'individual', title: `关于完善社区养老服务的建议${hostile}`, reasons: '社区养老服务供给不足，助餐助浴覆盖面窄。', suggestions: '一是加大投入；二是培育服务机构。', categoryId: category, ...over });
    assert.equal(made.statusCode, 201, made.body);
    assert.equal((await author.post(`/api/proposals/${made.data.id}/file`, {})).statusCode, 200);
    return made.data.id as number;
  };
  const assigned = async (deadline: string) => {
    const id = await file(member);
    assert.equal((await staff.post(`/api/proposals/${id}/accept`, {})).statusCode, 200);
    const a = await staff.post(`/api/proposals/${id}/assign`, { units: [{ unitId: t.fixture.unit, role: 'lead', deadline }] });
    assert.equal(a.statusCode, 200, a.body);
    return { id, assignment: (await staff.get(`/api/proposals/${id}`)).data.assignments[0].id as number };
  };
  const today = chinaDate();

  // Proposals: one to review; one assigned, due in three days (the unit has to sign for it); one
  // signed for and then past its deadline; one replied to, waiting for the member's rating; a
  // joint one waiting for the member's co-signature.
  await file(member);
  const dueSoon = await assigned(addDays(today, 3));
  const late = await assigned(addDays(today, 30));
  assert.equal((await unit.post(`/api/proposals/${late.id}/assignments/${late.assignment}/sign`, {})).statusCode, 200);
  // Time passes: the deadline is now yesterday.
  await t.services.db.updateTable('proposal_assignments').set({ deadline: addDays(today, -1) }).where('id', '=', late.assignment).execute();
  const replied = await assigned(addDays(today, 60));
  assert.equal((await unit.post(`/api/proposals/${replied.id}/assignments/${replied.assignment}/sign`, {})).statusCode, 200);
  assert.equal((await unit.post(`/api/proposals/${replied.id}/assignments/${replied.assignment}/reply`, { class: 'A', letterText: '已纳入年度民生实事项目。' })).statusCode, 200);
  await file(co, { kind: 'joint', cosignerIds: [memberId] });
  // The leader sponsors the key proposal due soon.
  assert.equal((await staff.request('PUT', `/api/proposals/${dueSoon.id}/key`, { key: true })).statusCode, 200);
  assert.equal((await staff.request('PUT', `/api/proposals/${dueSoon.id}/sponsors`, { userIds: [t.fixture.users.leader!] })).statusCode, 200);

  // Reports: two new, one accepted; a resident's concern handed to the unit, then past its deadline.
  const report = async () => {
    const res = await member.post('/api/opinions', { organizationId: t.fixture.city, title: `关于加强老旧小区加装电梯的建议${hostile}`, text: '老旧小区加装电梯推进缓慢，建议简化审批、加大补贴。', category: 'elderly' });
    assert.equal(res.statusCode, 201, res.body);
    return res.data.id as number;
  };
  await report();
  assert.equal((await staff.post(`/api/opinions/${await report()}/screen`, { event: 'accept' })).statusCode, 200);
  const concern = await aResidentConcern(t, staff, await aPlace(t, '南湖区新兴街道民生议事堂'), {}, 0);
  const handed = await staff.post(`/api/opinions/${concern.id}/handoff`, { unitId: t.fixture.unit, deadline: addDays(today, 5) });
  assert.equal(handed.statusCode, 200, handed.body);
  await t.services.db.updateTable('opinion_handoffs').set({ deadline: addDays(today, -2) }).execute();

  // Two meetings the member is invited to, one answered already.
  await aMeeting(staff, { invitedMemberIds: [memberId] });
  const answered = await aMeeting(staff, { invitedMemberIds: [memberId] });
  assert.equal((await member.post(`/api/consultations/meetings/${answered}/reply`, { answer: 'accept' })).statusCode, 200);

  // A duty claim waiting for the office.
  assert.equal((await member.post('/api/duty/claims', { kind: 'offline_training', occurredOn: today, title: '参加全市委员履职培训', note: hostile })).statusCode, 201);
});
after(() => t.close());

describe('GET /api/home', () => {
  it('needs sign-in', async () => {
    assert.equal((await t.anonymous().get('/api/home')).statusCode, 401);
  });

  it("counts the office's queues, each equal to the list its link names", async () => {
    const items = byCode(await home(staff));
    assert.equal(items['proposals.review']!.count, 1);
    assert.equal(items['proposals.handling']!.count, 2, 'the one due soon and the late one; the replied one is no longer in handling');
    assert.equal(items['proposals.handling']!.overdue!.count, 1);
    assert.equal(items['proposals.handling']!.dueSoon!.count, 1);
    assert.equal(items['opinions.screen']!.count, 2, 'the new report and the resident concern');
    assert.equal(items['opinions.compile']!.count, 1);
    assert.equal(items['opinions.handoffs']!.count, 1);
    assert.equal(items['opinions.handoffs']!.overdue!.count, 1);
    assert.equal(items['suggestions.overdue']!.count, 0);
    assert.equal(items['duty.claims']!.count, 1);
    assert.ok(Object.values(items).every((i) => i.role === 'staff'));
    assert.equal(items['proposals.review']!.name, '待审查提案');
    assert.equal(items['proposals.review']!.name_en, 'Proposals to review');

    // Each link's filters, asked of the list's API, give the same number of records.
    // (The hand-offs page opens on those still to answer.)
    const api: Record<string, string> = { '/proposals/list': '/api/proposals?', '/opinions': '/api/opinions?', '/opinions/handoffs': '/api/opinions/handoffs?answered=no&', '/suggestions': '/api/suggestions?' };
    const links = Object.values(items).flatMap((i) => [{ link: i.link, count: i.count }, ...(i.overdue ? [i.overdue] : []), ...(i.dueSoon ? [i.dueSoon] : [])]);
    let checked = 0;
    for (const { link, count } of links) {
      const [path, query = ''] = link.split('?');
      if (!api[path!]) continue;
      const listed = await staff.get(`${api[path!]}${query}`);
      assert.equal(listed.statusCode, 200, `${link}: ${listed.body}`);
      assert.equal(listed.data.total, count, link);
      checked++;
    }
    assert.equal(checked, 9);
    assert.equal((await staff.get('/api/duty/claims')).data.length, items['duty.claims']!.count);
  });

  it("counts what waits on a member: co-signatures, ratings, the year's duty minimums", async () => {
    const items = byCode(await home(member));
    assert.deepEqual(Object.keys(items).sort(), ['consultations.answer', 'duty.missing', 'halls.attend', 'proposals.cosign', 'proposals.rate']);
    assert.equal(items['consultations.answer']!.count, 1);
    assert.equal((await member.get('/api/consultations/meetings?toAnswer=true')).data.total, 1);
    assert.equal((await member.get('/api/consultations/meetings')).data.total, 2);
    assert.equal(items['proposals.cosign']!.count, 1);
    assert.equal(items['proposals.rate']!.count, 1);
    const bench = (await member.get('/api/proposals/workbench')).data.member;
    assert.equal(bench.cosignRequests.total, 1);
    assert.equal(bench.ratingsDue.total, 1);
    const duty = await member.get('/api/duty/me');
    assert.equal(items['duty.missing']!.count, duty.data.missing.length);
    // Another member has nothing waiting.
    const other = byCode(await home(co));
    assert.equal(other['proposals.cosign']!.count, 0);
    assert.equal(other['proposals.rate']!.count, 0);
    assert.equal(other['consultations.answer']!.count, 0);
  });

  it("counts a unit's proposals by deadline and its hand-offs, and nothing of the office's", async () => {
    const items = byCode(await home(unit));
    assert.deepEqual(Object.keys(items).sort(), ['opinions.handoffs', 'proposals.reply', 'proposals.sign', 'suggestions.answer']);
    assert.ok(Object.values(items).every((i) => i.role === 'unit'));
    assert.equal(items['proposals.sign']!.count, 1);
    assert.equal(items['proposals.reply']!.count, 1, 'signed for, not replied');
    assert.equal(items['proposals.reply']!.overdue!.count, 1);
    assert.equal(items['proposals.reply']!.dueSoon!.count, 1, 'the one to sign for is due in three days');
    assert.equal(items['opinions.handoffs']!.count, 1);
    assert.equal(items['opinions.handoffs']!.overdue!.count, 1);
    assert.equal(items['suggestions.answer']!.count, 0);
    const bench = (await unit.get('/api/proposals/workbench')).data.unit;
    assert.equal(bench.toSign.total, items['proposals.sign']!.count);
    assert.equal(bench.handling.total, items['proposals.reply']!.count);
    assert.equal((await unit.get('/api/opinions/handoffs?answered=no')).data.total, 1);
    assert.equal((await unit.get('/api/opinions/handoffs?overdue=true')).data.total, 1);
  });

  it('shows a leader the key proposals they sponsor', async () => {
    const items = byCode(await home(leader));
    assert.deepEqual(Object.keys(items), ['proposals.sponsored', 'opinions.instruction']);
    assert.equal(items['proposals.sponsored']!.count, 1);
    assert.equal(items['proposals.sponsored']!.overdue!.count, 0);
    assert.equal((await leader.get('/api/proposals/sponsored?open=true')).data.length, 1);
    assert.equal(items['opinions.instruction']!.count, 0, 'nothing was sent to the city yet');
  });

  it("an office elsewhere sees none of this office's work; a resident only the sessions they are invited to", async () => {
    const county = byCode(await home(countyStaff));
    assert.equal(county['proposals.review']!.count, 0);
    assert.equal(county['opinions.screen']!.count, 0);
    assert.equal(county['duty.claims']!.count, 0);
    assert.deepEqual((await home(resident)).map((i: { code: string; count: number }) => [i.code, i.count]), [['halls.attend', 0]]);
  });

  it('gives an admin the office items of the organization', async () => {
    const items = byCode(await home(admin));
    assert.equal(items['proposals.review']!.role, 'admin');
    assert.equal(items['proposals.review']!.count, 1);
  });

  it('refuses a wrong filter on the lists it links to with a 400 naming the field', async () => {
    const bad = await staff.get('/api/proposals?dueWithin=abc');
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /dueWithin/);
    const handoffs = await staff.get('/api/opinions/handoffs?overdue=maybe');
    assert.equal(handoffs.statusCode, 400);
    assert.match(handoffs.body, /overdue/);
  });
});

// Halls on each role's home, and what waits on a leader's instruction or sponsorship. Set up after
// the tests above, so that their counts stay as they were.
describe('halls and leaders on the home page', () => {
  let hall: number;
  before(async () => {
    const db = t.services.db;
    const today = chinaDate();
    hall = await aPlace(t, '南湖区建设街道民生议事堂');
    // Residents and members raise three topics; the office adopts one: two wait for screening.
    const topics: number[] = [];
    for (const title of ['小区停车难', '老旧小区加装电梯', '菜市场改造']) {
      const res = await member.post(`/api/halls/places/${hall}/topics`, { title: `${title}${hostile}`, text: '请议事堂协商解决。' });
      assert.equal(res.statusCode, 201, res.body);
      topics.push(res.data.id);
    }
    assert.equal((await staff.post(`/api/halls/topics/${topics[0]}/screen`, { event: 'adopt' })).statusCode, 200);

    // Sessions: the member is invited to two published ones ahead (checked in at one already),
    // one that ended yesterday, and one still only planned.
    const session = async (state: string, startsAt: string) => (await db.insertInto('hall_sessions').values({
      organization_id: t.fixture.city, place_id: hall, title: `停车难议事会${hostile}`, starts_at: startsAt, ends_at: null, convener_member_id: null,
      research_notes: null, minutes: null, state: state as never, created_by: null, created_at: startsAt, updated_at: startsAt,
    }).returning('id').executeTakeFirstOrThrow()).id;
    const tomorrow = `${addDays(today, 1)}T01:00:00.000Z`;
    const invited = [await session('notice_published', tomorrow), await session('notice_published', tomorrow), await session('notice_published', `${addDays(today, -1)}T01:00:00.000Z`), await session('planned', tomorrow)];
    for (const id of invited) await db.insertInto('hall_session_invitees').values({ session_id: id, kind: 'member', member_id: memberId, unit_id: null, name: null, user_id: null }).execute();
    await db.insertInto('attendance_checkins').values({ source_type: 'hall_session', source_id: invited[1]!, organization_id: t.fixture.city, user_id: t.fixture.users.member!, member_id: memberId, invitee_id: null, at: new Date().toISOString(), method: 'qr' }).execute();
    // A resident with an account is invited as a resident representative to the first one.
    await db.insertInto('hall_session_invitees').values({ session_id: invited[0]!, kind: 'resident', member_id: null, unit_id: null, name: null, user_id: t.fixture.users.public! }).execute();

    // Reports: one sent to the city government and one to the party committee with an instruction
    // already; one sent to the provincial CPPCC only (no city leader reads it there).
    const forwarded = async (recipient: string) => {
      const made = await member.post('/api/opinions', { organizationId: t.fixture.city, title: `关于规范共享单车停放的建议${hostile}`, text: '共享单车乱停乱放影响通行，建议划定停放区域。', category: 'transport' });
      assert.equal(made.statusCode, 201, made.body);
      assert.equal((await staff.post(`/api/opinions/${made.data.id}/screen`, { event: 'accept' })).statusCode, 200);
      const sent = await staff.post(`/api/opinions/${made.data.id}/forward`, { recipient, sentOn: today });
      assert.equal(sent.statusCode, 200, sent.body);
      return made.data.id as number;
    };
    await forwarded('city_government');
    const instructed = await forwarded('city_party_committee');
    const noted = await staff.post(`/api/opinions/${instructed}/instructions`, { leader: '市委书记', level: 'city', instructedOn: today, text: '请有关部门研究落实。' });
    assert.equal(noted.statusCode, 200, noted.body);
    await forwarded('province_cppcc');

    // Key proposals the leader sponsors: one more, past its deadline; one closed.
    const keyed = await db.selectFrom('proposals').select(['id', 'state']).where('state', 'in', ['handling', 'replied']).where('is_key', '=', 0).orderBy('id').execute();
    for (const p of keyed) {
      assert.equal((await staff.request('PUT', `/api/proposals/${p.id}/key`, { key: true })).statusCode, 200);
      assert.equal((await staff.request('PUT', `/api/proposals/${p.id}/sponsors`, { userIds: [t.fixture.users.leader!] })).statusCode, 200);
    }
    await db.updateTable('proposals').set({ state: 'closed' }).where('id', '=', keyed.find((p) => p.state === 'replied')!.id).execute();
  });

  it('shows the office the hall topics waiting for screening, as many as the list it links to', async () => {
    const items = byCode(await home(staff));
    assert.equal(items['halls.screen']!.count, 2);
    assert.equal(items['halls.screen']!.link, '/halls/topics');
    const listed = await staff.get('/api/halls/topics?state=open');
    assert.equal(listed.statusCode, 200, listed.body);
    assert.equal(listed.data.total, 2);
    assert.ok(listed.data.items.every((i: { placeName: string }) => i.placeName === '南湖区建设街道民生议事堂'));
    // Another organization's office sees none of them.
    assert.equal(byCode(await home(countyStaff))['halls.screen']!.count, 0);
    assert.equal((await countyStaff.get('/api/halls/topics')).data.total, 0);
  });

  it('shows a member the hall sessions they are invited to and have not checked in at', async () => {
    const items = byCode(await home(member));
    assert.equal(items['halls.attend']!.count, 1, 'published, ahead, not checked in');
    const listed = await member.get('/api/halls/my-sessions');
    assert.equal(listed.statusCode, 200, listed.body);
    assert.equal(listed.data.total, items['halls.attend']!.count);
    assert.equal(listed.data.items[0].placeName, '南湖区建设街道民生议事堂');
    assert.equal(byCode(await home(co))['halls.attend']!.count, 0, 'not invited');
  });

  it('shows a resident the hall sessions they are invited to as a representative', async () => {
    const items = byCode(await home(resident));
    assert.equal(items['halls.attend']!.count, 1);
    assert.equal(items['halls.attend']!.link, '/halls/my-sessions');
    const listed = await resident.get('/api/halls/my-sessions');
    assert.equal(listed.statusCode, 200, listed.body);
    assert.equal(listed.data.total, 1);
    assert.equal(listed.data.items[0].placeName, '南湖区建设街道民生议事堂');
  });

  it("shows a leader the key proposals they sponsor not yet closed, the overdue among them, and reports sent to the city's leaders with no instruction yet", async () => {
    const items = byCode(await home(leader));
    assert.equal(items['proposals.sponsored']!.count, 2, 'the closed one is left out');
    assert.equal(items['proposals.sponsored']!.overdue!.count, 1);
    assert.equal(items['proposals.sponsored']!.link, '/proposals/key?open=true');
    const open = await leader.get('/api/proposals/sponsored?open=true');
    assert.equal(open.data.length, 2);
    assert.ok(open.data.every((p: { units: { deadline: string }[] }) => p.units.every((u) => /^\d{4}-\d{2}-\d{2}$/.test(u.deadline))));
    assert.equal((await leader.get('/api/proposals/sponsored?open=true&overdue=true')).data.length, items['proposals.sponsored']!.overdue!.count);
    assert.equal((await leader.get('/api/proposals/sponsored')).data.length, 3, 'the whole page still lists the closed one');

    assert.equal(items['opinions.instruction']!.count, 1);
    assert.equal(items['opinions.instruction']!.link, '/opinions?awaitingInstruction=true');
    assert.equal((await leader.get('/api/opinions?awaitingInstruction=true')).data.total, 1);
  });

  it('refuses wrong filters on these lists, and the lists to whoever may not read them', async () => {
    for (const [who, path, field] of [[leader, '/api/opinions?awaitingInstruction=yes', 'awaitingInstruction'], [leader, '/api/proposals/sponsored?open=1', 'open'], [staff, '/api/halls/topics?state=adopted', 'state']] as const) {
      const res = await who.get(path);
      assert.equal(res.statusCode, 400, res.body);
      assert.match(res.body, new RegExp(field));
    }
    assert.equal((await member.get('/api/halls/topics')).statusCode, 403);
    assert.equal((await unit.get('/api/halls/topics')).statusCode, 403);
    assert.equal((await staff.get('/api/halls/my-sessions')).statusCode, 403);
    assert.equal((await t.anonymous().get('/api/halls/my-sessions')).statusCode, 401);
  });
});
