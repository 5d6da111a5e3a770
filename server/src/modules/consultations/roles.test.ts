// Who may NOT call each route of consultations: members, handling units, public users, another
// organization's staff and anonymous callers are refused every office action (and leaders every
// write), with problem+json, and nothing changes.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testServer, type Agent, type TestServer } from '../../test/harness.js';
import { aMeeting, aMember, aUnit, anAccount, count, inHours, meetingBody, P } from './testing.js';

let t: TestServer;
let admin: Agent, staff: Agent, leader: Agent, member: Agent, unit: Agent, unit2: Agent, pub: Agent, countyStaff: Agent;
let m1: number;

before(async () => {
  t = await testServer();
  m1 = await aMember(t, '周静');
  await t.services.db.updateTable('users').set({ member_id: m1 }).where('username', '=', 'member').execute();
  await anAccount(t, 'unit2', 'unit', { handlingUnitId: await aUnit(t, '市民政局') });
  [admin, staff, leader, member, unit, unit2, pub, countyStaff] = (await Promise.all(['admin', 'staff', 'leader', 'member', 'unit', 'unit2', 'public', 'county_staff'].map((u) => t.as(u)))) as [Agent, Agent, Agent, Agent, Agent, Agent, Agent, Agent];
});
after(() => t.close());

const tables = ['consultation_meetings', 'consultation_plans', 'consultation_plan_items', 'suggestions', 'consultation_outcomes', 'consultation_votes', 'consultation_speeches'] as const;
const snapshot = async () => {
  const counts = await Promise.all(tables.map((x) => count(t, x)));
  const states = await t.services.db.selectFrom('consultation_meetings').select(['id', 'state', 'topic']).orderBy('id').execute();
  const suggestions = await t.services.db.selectFrom('suggestions').select(['id', 'state']).orderBy('id').execute();
  const speeches = await t.services.db.selectFrom('consultation_speeches').select(['id', 'state', 'position']).orderBy('id').execute();
  const audit = await t.services.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).where('entity_type', 'like', 'consultation%').executeTakeFirstOrThrow();
  return JSON.stringify({ counts, states, suggestions, speeches, audit: Number(audit.n) });
};

describe('role matrix', () => {
  it('refuses every office action to callers who may not take it, and changes nothing', async () => {
    const draft = await aMeeting(staff, { invitedMemberIds: [m1] }, 'draft');
    const live = await aMeeting(staff, { invitedMemberIds: [m1], online: true }, 'in_progress');
    const sid = (await member.post(`${P}/meetings/${live}/speeches`, { title: '发言', text: '内容' })).data.id;
    const plan = (await staff.post(`${P}/plans`, { year: 2027, title: '2027年度计划' })).data.id;
    const sg = (await staff.post(`${P}/suggestions`, { meetingId: live, sourceKind: 'manual', title: '建议', text: '内容' })).data.id;
    await staff.post(`${P}/suggestions/${sg}/assign`, { unitIds: [t.fixture.unit] });
    const outcome = (await staff.post(`${P}/meetings/${live}/outcomes`, { title: '成果', summary: '综述', suggestionIds: [sg] })).data.id;
    const writes: [string, string, Record<string, unknown>?][] = [
      ['POST', `${P}/plans`, { year: 2027, title: 'x' }],
      ['POST', `${P}/plans/${plan}/items`, { type: 'sector', topic: 'x', quarter: 1 }],
      ['POST', `${P}/plans/${plan}/submit`],
      ['POST', `${P}/plans/${plan}/publish`],
      ['POST', `${P}/meetings`, meetingBody()],
      ['PATCH', `${P}/meetings/${draft}`, { topic: 'x' }],
      ['POST', `${P}/meetings/${draft}/publish`],
      ['POST', `${P}/meetings/${live}/end`],
      ['POST', `${P}/meetings/${draft}/cancel`],
      ['GET', `${P}/meetings/${live}/checkin-code`],
      ['GET', `${P}/meetings/${live}/attendance`],
      ['POST', `${P}/speeches/${sid}/approve`],
      ['POST', `${P}/speeches/${sid}/reject`, { reason: 'x' }],
      ['PUT', `${P}/meetings/${live}/speech-order`, { speechIds: [sid] }],
      ['POST', `${P}/speeches/${sid}/speaking`],
      ['POST', `${P}/meetings/${live}/speaking/clear`],
      ['PUT', `${P}/meetings/${live}/vote-settings`, { votesPerAttendee: 1, opensAt: inHours(0), closesAt: inHours(1) }],
      ['GET', `${P}/meetings/${live}/vote-results`],
      ['PUT', `${P}/meetings/${live}/best-speeches`, { speechIds: [] }],
      ['POST', `${P}/suggestions`, { meetingId: live, sourceKind: 'manual', title: 'x', text: 'y' }],
      ['POST', `${P}/suggestions/${sg}/assign`, { unitIds: [t.fixture.unit] }],
      ['POST', `${P}/suggestions/${sg}/adoption`, { adopted: true }],
      ['POST', `${P}/meetings/${live}/outcomes`, { title: 'x', summary: 'y', suggestionIds: [sg] }],
      ['GET', `${P}/outcomes/${outcome}/docx`],
      ['POST', `${P}/outcomes/${outcome}/forwardings`, { to: 'x', date: '2026-01-01' }],
      ['POST', `${P}/outcomes/${outcome}/instructions`, { leaderName: 'x', level: 'city', date: '2026-01-01', text: 'x' }],
      ['POST', `${P}/outcomes/${outcome}/adoptions`, { level: 'city', date: '2026-01-01' }],
      ['GET', `${P}/stats?organizationId=${t.fixture.city}`],
    ];
    // Creating a plan or a meeting makes it the caller's own organization's: another CPPCC's staff may.
    const own = new Set([`${P}/plans`, `${P}/meetings`]);
    const before = await snapshot();
    const callers = [['member', member], ['unit', unit], ['public', pub], ['county staff', countyStaff], ['anonymous', t.anonymous()]] as const;
    for (const [name, who] of callers)
      for (const [method, url, body] of writes) {
        if (name === 'county staff' && method === 'POST' && own.has(url)) continue;
        const res = await who.request(method as 'GET', url, method === 'GET' ? undefined : (body ?? {}));
        assert.ok((name === 'anonymous' ? [401] : [403, 404]).includes(res.statusCode), `${name} ${method} ${url}: ${res.statusCode}`);
        assert.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
        assert.ok(res.data.title && res.data.title_en, 'both languages');
      }
    // Leaders read and approve plans; every other write is the office's.
    for (const [method, url, body] of writes.filter(([m]) => m !== 'GET'))
      assert.ok([403, 404].includes((await leader.request(method as 'POST', url, body ?? {})).statusCode), `leader ${method} ${url}`);
    assert.equal(await snapshot(), before);
    // Answering belongs to the assigned unit only.
    assert.equal((await unit2.post(`${P}/suggestions/${sg}/answer`, { text: 'x' })).statusCode, 404);
    assert.equal((await staff.post(`${P}/suggestions/${sg}/answer`, { text: 'x' })).statusCode, 403);
    assert.equal((await member.post(`${P}/suggestions/${sg}/answer`, { text: 'x' })).statusCode, 403);
    // Members act on their own invitations only; a member who is not invited cannot reply, speak or vote.
    assert.equal((await pub.post(`${P}/meetings/${live}/reply`, { answer: 'accept' })).statusCode, 403);
    assert.equal((await pub.post(`${P}/meetings/${live}/speeches`, { title: 'x', text: 'y' })).statusCode, 403);
    assert.equal((await staff.post(`${P}/speeches/${sid}/withdraw`, {})).statusCode, 403);
    assert.equal(await snapshot(), before);
    assert.equal((await admin.post(`${P}/meetings/${draft}/publish`, {})).statusCode, 200, 'an admin of the organization may');
    assert.equal((await (await t.as('county_admin')).get(`${P}/meetings/${draft}`)).statusCode, 404, 'a county does not reach its city');
    assert.equal((await (await t.as('province_admin')).post(`${P}/meetings/${draft}/cancel`, {})).statusCode, 200, 'a province reaches its cities');
  });
});
