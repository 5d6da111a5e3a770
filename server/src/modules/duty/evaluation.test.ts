// The yearly evaluation: minimums and grade bands as data, grades computed for every serving member
// (a missed minimum keeps a member from excellence), recomputed when the rules change, adjusted with
// a reason, published once with a note to each member, after which the year is frozen; the member
// sees what is missing and their grades; the stats count grades; who may not; bad input.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { hostile, testServer, type Agent, type TestServer } from '../../test/harness.js';
import { anAccount, insertMember, type MemberProfile } from '../../test/people.js';
import { chinaDate, chinaYear } from '../../platform/time.js';
import { inHours, meetingBody, tokenOf, P } from '../consultations/testing.js';

const PROFILE: MemberProfile = { gender: 'male', birthYear: 1970, affiliation: '中国民主建国会', sector: '经济界', workplace: `嘉兴某公司${hostile}`, title: '董事长' };
const year = chinaYear();
const grading = {
  organizationId: 0,
  year,
  minimums: [{ kinds: ['offline_research', 'offline_training'], count: 2 }, { kinds: ['plenary_attended'], count: 1 }],
  bands: { excellent: 85, competent: 60, basic: 40 },
};

let t: TestServer;
let staff: Agent, admin: Agent, member: Agent, co: Agent, leader: Agent;
let a: number, b: number, c: number, d: number;

const count = async (table: 'duty_bands' | 'duty_minimums' | 'duty_results' | 'duty_evaluations') =>
  Number((await t.services.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const evaluation = async (q = '') => {
  const res = await staff.get(`/api/duty/evaluation?year=${year}${q}`);
  assert.equal(res.statusCode, 200, res.body);
  return res.data;
};
const gradeOf = async (memberId: number) => (await evaluation()).results.find((r: { memberId: number }) => r.memberId === memberId);
const research = (memberIds: number[], title: string) =>
  staff.post('/api/duty/entries', { organizationId: t.fixture.city, memberIds, kind: 'offline_research', occurredOn: chinaDate(), title, reason: '线下调研，无系统记录' });

before(async () => {
  t = await testServer();
  grading.organizationId = t.fixture.city;
  [a, b, c, d] = (await Promise.all(['甲委员', '乙委员', '丙委员', '丁委员'].map((n) => insertMember(t, n, t.fixture.city, PROFILE)))) as [number, number, number, number];
  await t.services.db.updateTable('users').set({ member_id: a }).where('username', '=', 'member').execute();
  await anAccount(t, 'co', 'member', { memberId: b });
  [staff, admin, member, co, leader] = (await Promise.all(['staff', 'admin', 'member', 'co', 'leader'].map((u) => t.as(u)))) as Agent[] as [Agent, Agent, Agent, Agent, Agent];
  // The plenary: a checks in; b and c stay away without leave; d was not invited.
  const made = await staff.post(`${P}/meetings`, meetingBody({ type: 'plenary', startsAt: inHours(0.5), endsAt: inHours(3), invitedMemberIds: [a, b, c] }));
  assert.equal(made.statusCode, 201, made.body);
  for (const step of ['publish', 'start']) assert.equal((await staff.post(`${P}/meetings/${made.data.id}/${step}`, {})).statusCode, 200, step);
  assert.equal((await member.post(`${P}/checkin`, { token: await tokenOf(staff, made.data.id) })).statusCode, 200);
  assert.equal((await staff.post(`${P}/meetings/${made.data.id}/end`, {})).statusCode, 200);
  // Research trips worth 30 each this year: a three, b two, c one, d three.
  assert.equal((await admin.request('PUT', '/api/duty/rules', { organizationId: t.fixture.city, year, rules: [{ kind: 'offline_research', points: 30 }] })).statusCode, 200);
  for (const [i, ids] of [[a, b, c, d], [a, b, d], [a, d]].entries()) assert.equal((await research(ids, `调研${i}`)).statusCode, 201);
});
after(() => t.close());

describe('rules of a year', () => {
  it('ship with defaults, and the office sets minimums and bands as data, audited', async () => {
    const before = (await staff.get(`/api/duty/rules?year=${year}`)).data;
    assert.deepEqual(before.bands, { excellent: 85, competent: 60, basic: null });
    assert.deepEqual(before.minimums.map((m: { kinds: string[] }) => m.kinds[0]), ['plenary_attended', 'proposal_filed', 'meeting_attended']);
    assert.equal(before.minimums[0].label.zh, '出席全体会议 至少 1 次');
    assert.deepEqual(before.rules.filter((r: { penalty: boolean }) => r.penalty).map((r: { kind: string }) => r.kind), ['meeting_absent', 'plenary_absent']);
    const res = await admin.request('PUT', '/api/duty/rules/grading', grading);
    assert.equal(res.statusCode, 204, res.body);
    const after = (await staff.get(`/api/duty/rules?year=${year}`)).data;
    assert.deepEqual(after.bands, grading.bands);
    assert.deepEqual(after.minimums.map((m: { kinds: string[]; count: number }) => [m.kinds, m.count]), grading.minimums.map((m) => [m.kinds, m.count]));
    assert.equal(after.state, 'none');
    const audited = await t.services.db.selectFrom('audit_log').select('after').where('entity_type', '=', 'duty_rules').where('after', 'like', '%bands%').execute();
    assert.equal(audited.length, 1);
    const other = (await staff.get(`/api/duty/rules?year=${year - 1}`)).data;
    assert.deepEqual(other.bands, before.bands, 'another year keeps the defaults');
  });
});

describe('computing', () => {
  it('grades every serving member by the bands, and a missed minimum keeps a member from excellence', async () => {
    const res = await staff.post('/api/duty/evaluation/compute', { organizationId: t.fixture.city, year });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.data.members, 4);
    const ev = await evaluation();
    assert.equal(ev.state, 'computed');
    const by = Object.fromEntries(ev.results.map((r: { memberId: number; grade: string; points: number; missing: { key: string }[] }) => [r.memberId, [r.grade, r.points, r.missing.map((m) => m.key)]]));
    assert.deepEqual(by[a], ['excellent', 92, []]);
    assert.deepEqual(by[b], ['basic', 50, ['min:plenary_attended:1']], '60 less the plenary absence (-10)');
    assert.deepEqual(by[c], ['not_competent', 20, ['min:offline_research+offline_training:2', 'min:plenary_attended:1']]);
    assert.deepEqual(by[d], ['competent', 90, ['min:plenary_attended:1']], '90 points, but the plenary was missed');
    assert.deepEqual(ev.counts, { excellent: 1, competent: 1, basic: 1, not_competent: 1 });
    assert.equal((await evaluation('&grade=basic')).results.length, 1);
  });

  it('recomputes the year when its points or bands change', async () => {
    assert.equal((await admin.request('PUT', '/api/duty/rules', { organizationId: t.fixture.city, year, rules: [{ kind: 'offline_research', points: 20 }] })).statusCode, 200);
    assert.deepEqual([(await gradeOf(a)).grade, (await gradeOf(a)).points], ['competent', 62]);
    assert.equal((await admin.request('PUT', '/api/duty/rules/grading', { ...grading, bands: { excellent: 85, competent: 60, basic: null } })).statusCode, 204);
    assert.equal((await gradeOf(b)).grade, 'not_competent', 'no basic band: 40 is not competent');
    assert.equal((await admin.request('PUT', '/api/duty/rules', { organizationId: t.fixture.city, year, rules: [{ kind: 'offline_research', points: 30 }] })).statusCode, 200);
    assert.equal((await admin.request('PUT', '/api/duty/rules/grading', grading)).statusCode, 204);
    assert.deepEqual([(await gradeOf(a)).grade, (await gradeOf(b)).grade], ['excellent', 'basic']);
  });

  it('lists members with their missing minimums and grade, filtered by grade', async () => {
    const res = await staff.get(`/api/duty/members?year=${year}&grade=not_competent`);
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.data.items.map((i: { memberId: number }) => i.memberId), [c]);
    assert.equal(res.data.items[0].missing.length, 2);
    assert.equal(res.data.items[0].provisional, false);
    const all = await staff.get(`/api/duty/members?year=${year}`);
    assert.equal(all.data.total, 4);
  });
});

describe('review', () => {
  it("adjusts one member's grade with a written reason, audited, and a recount keeps it", async () => {
    const noReason = await staff.post('/api/duty/evaluation/adjust', { organizationId: t.fixture.city, year, memberId: c, grade: 'basic', reason: ' ' });
    assert.equal(noReason.statusCode, 400);
    assert.equal(noReason.data.errors[0].field, 'body.reason');
    assert.equal((await gradeOf(c)).grade, 'not_competent', 'a refused adjustment changes nothing');
    const reason = `因病住院三个月，经主席会议同意${hostile}`;
    const res = await staff.post('/api/duty/evaluation/adjust', { organizationId: t.fixture.city, year, memberId: c, grade: 'basic', reason });
    assert.equal(res.statusCode, 204, res.body);
    const r = await gradeOf(c);
    assert.deepEqual([r.grade, r.computedGrade, r.adjustReason], ['basic', 'not_competent', reason]);
    const audited = await t.services.db.selectFrom('audit_log').select(['before', 'after']).where('action', '=', 'adjust_grade').executeTakeFirstOrThrow();
    assert.deepEqual(JSON.parse(audited.after!), { memberId: c, grade: 'basic', reason });
    assert.deepEqual(JSON.parse(audited.before!), { memberId: c, grade: 'not_competent' });
    assert.equal((await staff.post('/api/duty/evaluation/compute', { organizationId: t.fixture.city, year })).statusCode, 200);
    assert.equal((await gradeOf(c)).grade, 'basic');
    const outsider = await insertMember(t, '海宁委员', t.fixture.county, PROFILE);
    const wrong = await staff.post('/api/duty/evaluation/adjust', { organizationId: t.fixture.city, year, memberId: outsider, grade: 'basic', reason: '理由' });
    assert.equal(wrong.statusCode, 400);
    assert.equal(wrong.data.errors[0].field, 'body.memberId');
  });
});

describe('publishing', () => {
  it("tells each member their grade, once; the year is then frozen with the rules it was computed under", async () => {
    const notes = async (username: string) =>
      t.services.db.selectFrom('notifications as n').innerJoin('users as u', 'u.id', 'n.user_id').select(['n.kind', 'n.body']).where('u.username', '=', username).where('n.kind', '=', 'duty.evaluation.published').execute();
    const res = await staff.post('/api/duty/evaluation/publish', { organizationId: t.fixture.city, year });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.data, { members: 4, notified: 2 });
    assert.match((await notes('member'))[0]!.body, /优秀/);
    assert.match((await notes('co'))[0]!.body, /基本称职/);
    const again = await staff.post('/api/duty/evaluation/publish', { organizationId: t.fixture.city, year });
    assert.equal(again.statusCode, 409);
    assert.equal(again.data.state, 'published');
    assert.equal((await notes('member')).length, 1, 'publishing twice notifies no one again');

    const results = await count('duty_results'), bands = await count('duty_bands');
    const frozen: ['PUT' | 'POST', string, Record<string, unknown>][] = [
      ['PUT', '/api/duty/rules', { organizationId: t.fixture.city, year, rules: [{ kind: 'offline_research', points: 1 }] }],
      ['PUT', '/api/duty/rules/grading', grading],
      ['POST', '/api/duty/evaluation/compute', { organizationId: t.fixture.city, year }],
      ['POST', '/api/duty/evaluation/adjust', { organizationId: t.fixture.city, year, memberId: a, grade: 'competent', reason: '理由' }],
    ];
    for (const [method, url, body] of frozen) {
      const r = await admin.request(method, url, body);
      assert.equal(r.statusCode, 409, `${url}: ${r.body}`);
      assert.equal(r.data.state, 'published');
      assert.match(r.data.detail, /已发布/);
    }
    assert.equal((await t.services.db.selectFrom('duty_rules').select('points').where('kind', '=', 'offline_research').executeTakeFirstOrThrow()).points, 30);
    assert.deepEqual([await count('duty_results'), await count('duty_bands')], [results, bands]);
    const stored = await t.services.db.selectFrom('duty_evaluations').select('rules').executeTakeFirstOrThrow();
    const snapshot = JSON.parse(stored.rules);
    assert.deepEqual(snapshot.rules.offline_research, { points: 30, cap: null });
    assert.deepEqual(snapshot.bands, grading.bands);
    // A claim approved after publishing changes the member's live points, never the published result.
    assert.equal((await research([c], '发布后补录')).statusCode, 201);
    assert.equal((await gradeOf(c)).points, 20);
  });

  it("shows the member what is missing this year and the grades of published years", async () => {
    const own = (await co.get('/api/duty/me')).data;
    assert.deepEqual(own.missing.map((m: { label: { zh: string } }) => m.label.zh), ['出席全体会议 至少 1 次']);
    assert.deepEqual(own.grades, [{ year, grade: 'basic', points: 50 }]);
    const mine = (await member.get('/api/duty/me')).data;
    assert.deepEqual([mine.missing, mine.grades.map((g: { grade: string }) => g.grade)], [[], ['excellent']]);
  });

  it('counts grades in the stats', async () => {
    const stats = (await leader.get(`/api/duty/stats?year=${year}`)).data;
    assert.deepEqual(stats.grades, { evaluated: 4, published: 4, excellent: 1, competent: 1, basic: 2, not_competent: 0 });
    assert.deepEqual(stats.exits, { keep: 0, exit: 0 });
  });
});

describe('who may not', () => {
  it('lets staff and leaders read, only the office act, units and residents nothing', async () => {
    const [unit, pub, countyStaff] = (await Promise.all(['unit', 'public', 'county_staff'].map((u) => t.as(u)))) as [Agent, Agent, Agent];
    const body = { organizationId: t.fixture.city, year: year - 1 };
    assert.equal((await t.anonymous().get('/api/duty/evaluation')).statusCode, 401);
    assert.equal((await t.anonymous().post('/api/duty/evaluation/compute', body)).statusCode, 401);
    for (const who of [member, unit, pub]) assert.equal((await who.get('/api/duty/evaluation')).statusCode, 403);
    assert.equal((await leader.get('/api/duty/evaluation')).statusCode, 200);
    assert.equal((await countyStaff.get(`/api/duty/evaluation?organizationId=${t.fixture.city}`)).statusCode, 403, 'a county does not read its city');
    assert.equal((await staff.get(`/api/duty/evaluation?organizationId=${t.fixture.county}`)).statusCode, 200, 'a city reads the counties below it');
    const evaluations = await count('duty_evaluations');
    for (const who of [member, leader, unit, pub, countyStaff]) {
      assert.equal((await who.post('/api/duty/evaluation/compute', body)).statusCode, 403);
      assert.equal((await who.post('/api/duty/evaluation/publish', body)).statusCode, 403);
      assert.equal((await who.request('PUT', '/api/duty/rules/grading', { ...grading, year: year - 1 })).statusCode, 403);
      assert.equal((await who.post('/api/duty/evaluation/adjust', { ...body, memberId: a, grade: 'basic', reason: '理由' })).statusCode, 403);
    }
    assert.equal(await count('duty_evaluations'), evaluations);
    assert.equal((await staff.post('/api/duty/evaluation/publish', body)).statusCode, 404, 'nothing computed for that year');
  });
});

describe('bad input', () => {
  it('refuses with a 400 naming the field, in Chinese and English, storing nothing', async () => {
    const stored = [await count('duty_bands'), await count('duty_minimums'), await count('duty_evaluations')];
    const y = year - 1;
    const cases: ['PUT' | 'POST', string, Record<string, unknown>, string][] = [
      ['PUT', '/api/duty/rules/grading', { ...grading, year: y, minimums: [{ kinds: ['offline_research', 'no_such_kind'], count: 1 }] }, 'body.minimums.0.kinds.1'],
      ['PUT', '/api/duty/rules/grading', { ...grading, year: y, minimums: [{ kinds: ['offline_research'], count: 0 }] }, 'body.minimums.0.count'],
      ['PUT', '/api/duty/rules/grading', { ...grading, year: y, minimums: [{ kinds: [], count: 1 }] }, 'body.minimums.0.kinds'],
      ['PUT', '/api/duty/rules/grading', { ...grading, year: y, bands: { excellent: 60, competent: 60, basic: null } }, 'body.bands.excellent'],
      ['PUT', '/api/duty/rules/grading', { ...grading, year: y, bands: { excellent: 85, competent: 60, basic: 70 } }, 'body.bands.basic'],
      ['PUT', '/api/duty/rules/grading', { ...grading, year: y, bands: { excellent: 85, competent: 60 } }, 'body.bands.basic'],
      ['PUT', '/api/duty/rules/grading', { ...grading, year: 1999 }, 'body.year'],
      ['POST', '/api/duty/evaluation/compute', { organizationId: t.fixture.city, year: '2026' }, 'body.year'],
      ['POST', '/api/duty/evaluation/adjust', { organizationId: t.fixture.city, year: y, memberId: a, grade: 'great', reason: '理由' }, 'body.grade'],
    ];
    for (const [method, url, body, field] of cases) {
      const res = await admin.request(method, url, body);
      assert.equal(res.statusCode, 400, `${field}: ${res.body}`);
      assert.match(String(res.headers['content-type']), /application\/problem\+json/);
      assert.ok(res.data.errors.some((e: { field: string }) => e.field === field), `${field}: ${res.body}`);
      assert.ok(res.data.errors[0].message && res.data.errors[0].message_en);
    }
    const bad = await staff.get('/api/duty/members?grade=great');
    assert.equal(bad.data.errors[0].field, 'querystring.grade');
    assert.deepEqual([await count('duty_bands'), await count('duty_minimums'), await count('duty_evaluations')], stored);
  });
});
