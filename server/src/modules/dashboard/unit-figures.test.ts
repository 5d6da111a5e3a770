// A handling unit's own figures against records this test puts in the database: the proposals,
// suggestions and hand-offs given to it, answered and answered on time, and the proposers'
// ratings, each figure's records adding up to it; another unit's handling never counted; who may
// ask for which unit; bad queries.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { hostile, testServer, type Agent, type TestServer } from '../../test/harness.js';
import { anAccount, aUnit } from '../../test/people.js';
import { assertBadInput, seeder } from './testing.js';

const Y = 2024;
const at = (date: string, time = '02:00') => `${date}T${time}:00.000Z`;

let t: TestServer;
let unit: Agent;
let other: number;

before(async () => {
  t = await testServer();
  other = await aUnit(t, '市交通运输局');
  await anAccount(t, 'unit2', 'unit', { handlingUnitId: other });
  unit = await t.as('unit');
  await seed();
});
after(() => t.close());

async function seed() {
  const s = seeder(t);
  const db = t.services.db;
  const mine = t.fixture.unit;
  const proposal = () => s.proposal('city', { state: 'handling', filedAt: at(`${Y}-01-10`), reviewedAt: at(`${Y}-01-20`) });
  const assign = async (proposalId: number, unitId: number, a: { role?: 'lead' | 'assisting'; state?: string; assignedAt: string; deadline: string; repliedAt?: string }) =>
    (await db.insertInto('proposal_assignments').values({
      proposal_id: proposalId, organization_id: t.fixture.city, unit_id: unitId, role: a.role ?? 'lead', state: (a.state ?? (a.repliedAt ? 'replied' : 'signed')) as never, round: 1,
      deadline: a.deadline, reassign_reason: null, assigned_by: null, assigned_at: a.assignedAt, signed_at: a.assignedAt, replied_at: a.repliedAt ?? null, updated_at: a.assignedAt,
    }).returning('id').executeTakeFirstOrThrow()).id;
  const rate = (assignmentId: number, proposalId: number, result: 'satisfied' | 'unsatisfied', on: string) =>
    db.insertInto('proposal_evaluations').values({ assignment_id: assignmentId, proposal_id: proposalId, round: 1, user_id: t.fixture.users.member!, result, comment: null, created_at: on }).execute();

  // Answered two days before its deadline, and rated satisfied; the same proposal also went to another unit.
  const p1 = await proposal();
  const a1 = await assign(p1, mine, { assignedAt: at(`${Y}-03-01`), deadline: `${Y}-06-01`, repliedAt: at(`${Y}-05-30`) });
  await rate(a1, p1, 'satisfied', at(`${Y}-06-10`));
  const o1 = await assign(p1, other, { role: 'assisting', assignedAt: at(`${Y}-03-01`), deadline: `${Y}-06-01`, repliedAt: at(`${Y}-05-30`) });
  await rate(o1, p1, 'satisfied', at(`${Y}-06-10`));
  // Assisting, answered at 01:00 in China the day after its deadline: late; rated unsatisfied.
  const p2 = await proposal();
  const a2 = await assign(p2, mine, { role: 'assisting', assignedAt: at(`${Y}-04-01`), deadline: `${Y}-05-01`, repliedAt: at(`${Y}-05-01`, '17:00') });
  await rate(a2, p2, 'unsatisfied', at(`${Y}-05-20`));
  // Answered at 23:59 in China on its deadline: on time.
  await assign(await proposal(), mine, { assignedAt: at(`${Y}-07-01`), deadline: `${Y}-08-01`, repliedAt: at(`${Y}-08-01`, '15:59') });
  // Not answered yet.
  await assign(await proposal(), mine, { assignedAt: at(`${Y}-07-01`), deadline: `${Y}-08-01` });
  // Taken back and given to another unit: not this unit's.
  await assign(await proposal(), mine, { state: 'withdrawn', assignedAt: at(`${Y}-05-01`), deadline: `${Y}-06-01` });
  // Assigned at 00:30 on New Year's Day in China: next year's.
  await assign(await proposal(), mine, { assignedAt: at(`${Y}-12-31`, '16:30'), deadline: `${Y + 1}-03-01` });

  const suggestion = async (state: string, unitId: number, assignedAt: string, answeredAt: string | null) => {
    const id = (await db.insertInto('suggestions').values({
      organization_id: t.fixture.city, source_type: 'hall_session', source_id: 1, origin_kind: 'manual', origin_id: null, passage: null, origin_author: null,
      title: `增设停车位${hostile}`, text: '利用闲置地块增设停车位。', state: state as never, adoption_note: null, created_by: null, created_at: assignedAt, updated_at: assignedAt,
    }).returning('id').executeTakeFirstOrThrow()).id;
    await db.insertInto('suggestion_units').values({ suggestion_id: id, unit_id: unitId, deadline: `${Y}-12-01`, answer: answeredAt ? '已研究落实。' : null, answered_by: null, answered_at: answeredAt, assigned_at: assignedAt, reminded_at: null }).execute();
  };
  await suggestion('adopted', mine, at(`${Y}-02-01`), at(`${Y}-02-20`));
  await suggestion('assigned', mine, at(`${Y}-03-01`), null);
  await suggestion('answered', other, at(`${Y}-03-01`), at(`${Y}-03-20`));

  const handoff = async (unitId: number, assignedAt: string, answeredAt: string | null) =>
    db.insertInto('opinion_handoffs').values({
      opinion_id: await s.opinion('city', assignedAt), organization_id: t.fixture.city, unit_id: unitId, deadline: `${Y}-12-01`, note: null, assigned_by: null, assigned_at: assignedAt,
      answer: answeredAt ? '已处理。' : null, answered_on: answeredAt?.slice(0, 10) ?? null, answered_by: null, answered_at: answeredAt,
    }).execute();
  await handoff(mine, at(`${Y}-05-05`), at(`${Y}-05-09`));
  await handoff(other, at(`${Y}-05-05`), null);
}

interface Figure {
  code: string;
  value: number;
  records: string;
}
const values = (figures: Figure[]) => Object.fromEntries(figures.map((f) => [f.code, f.value]));

describe("a unit's own figures", () => {
  it('shows the unit how many proposals it was given, answered and answered on time, and how proposers rated it', async () => {
    const res = await unit.get(`/api/dashboard/unit-figures?year=${Y}`);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.data.unitId, t.fixture.unit);
    assert.deepEqual(values(res.data.figures), {
      'proposals.unit_assigned': 4, 'proposals.unit_lead': 3, 'proposals.unit_replied': 3, 'proposals.unit_on_time': 2,
      'proposals.unit_ratings': 2, 'proposals.unit_satisfied': 1,
      'opinions.unit_handoffs': 1, 'opinions.unit_handoffs_answered': 1,
      'suggestions.unit_assigned': 2, 'suggestions.unit_answered': 1, 'suggestions.unit_adopted': 1,
    });
    assert.ok(res.data.checks.every((c: { ok: boolean }) => c.ok), res.body);
  });

  it("lists the records behind each figure, adding up to it, each opening a page the unit may read", async () => {
    const res = await unit.get(`/api/dashboard/unit-figures?year=${Y}`);
    for (const f of res.data.figures as Figure[]) {
      const page = await unit.get(`${f.records}&pageSize=100`);
      assert.equal(page.statusCode, 200, page.body);
      assert.equal(page.data.total, f.value, f.code);
      assert.equal(page.data.items.length, f.value, f.code);
      for (const r of page.data.items) assert.match(r.link, /^\/(proposals\/\d+|suggestions\/\d+|opinions\/handoffs)$/);
    }
    const onTime = await unit.get(`/api/dashboard/unit-figures/proposals.unit_on_time/records?year=${Y}`);
    assert.deepEqual(onTime.data.items.map((r: { date: string }) => r.date), [at(`${Y}-03-01`), at(`${Y}-07-01`)]);
  });

  it("counts a period of China's dates: what was assigned at 00:30 on New Year's Day belongs to January", async () => {
    const res = await unit.get(`/api/dashboard/unit-figures?from=${Y + 1}-01-01&to=${Y + 1}-01-31`);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(values(res.data.figures)['proposals.unit_assigned'], 1);
    assert.equal(res.data.from, `${Y + 1}-01-01`);
  });

  it("never shows a unit another unit's handling", async () => {
    const theirs = await (await t.as('unit2')).get(`/api/dashboard/unit-figures?year=${Y}`);
    assert.equal(theirs.statusCode, 200, theirs.body);
    assert.equal(theirs.data.unitId, other);
    assert.deepEqual(values(theirs.data.figures), {
      'proposals.unit_assigned': 1, 'proposals.unit_lead': 0, 'proposals.unit_replied': 1, 'proposals.unit_on_time': 1,
      'proposals.unit_ratings': 1, 'proposals.unit_satisfied': 1,
      'opinions.unit_handoffs': 1, 'opinions.unit_handoffs_answered': 0,
      'suggestions.unit_assigned': 1, 'suggestions.unit_answered': 1, 'suggestions.unit_adopted': 0,
    });
    // Asking for the other unit is answered as if it did not exist.
    for (const path of [`/api/dashboard/unit-figures?year=${Y}&unitId=${other}`, `/api/dashboard/unit-figures/proposals.unit_assigned/records?year=${Y}&unitId=${other}`]) {
      const res = await unit.get(path);
      assert.equal(res.statusCode, 404, res.body);
      assert.match(res.headers['content-type'] as string, /problem\+json/);
    }
    // Its own id is fine.
    assert.equal((await unit.get(`/api/dashboard/unit-figures?year=${Y}&unitId=${t.fixture.unit}`)).statusCode, 200);
  });
});

describe("who may read a unit's figures", () => {
  it("lets the office and leaders look at a unit of their organization, and no one else's", async () => {
    for (const who of ['staff', 'leader', 'admin']) {
      const res = await (await t.as(who)).get(`/api/dashboard/unit-figures?year=${Y}&unitId=${t.fixture.unit}`);
      assert.equal(res.statusCode, 200, `${who}: ${res.body}`);
      assert.equal(values(res.data.figures)['proposals.unit_assigned'], 4);
    }
    const named = await (await t.as('staff')).get(`/api/dashboard/unit-figures?year=${Y}`);
    assert.equal(named.statusCode, 400, named.body);
    assert.equal(named.data.errors[0].field, 'querystring.unitId');
    // A county's office does not see a city's unit.
    assert.equal((await (await t.as('county_staff')).get(`/api/dashboard/unit-figures?year=${Y}&unitId=${t.fixture.unit}`)).statusCode, 404);
    assert.equal((await (await t.as('staff')).get(`/api/dashboard/unit-figures?year=${Y}&unitId=999999`)).statusCode, 404);
  });

  it('refuses members and the public, and asks anonymous callers to sign in', async () => {
    for (const who of ['member', 'public']) assert.equal((await (await t.as(who)).get(`/api/dashboard/unit-figures?year=${Y}`)).statusCode, 403, who);
    assert.equal((await t.anonymous().get(`/api/dashboard/unit-figures?year=${Y}`)).statusCode, 401);
    // The office's own figures stay closed to units.
    assert.equal((await unit.get(`/api/dashboard/figures?year=${Y}`)).statusCode, 403);
  });

  const cases: [string, string][] = [
    [`/api/dashboard/unit-figures?from=2010-01-01&to=${Y}-12-31`, 'querystring.to'],
    ['/api/dashboard/unit-figures?unitId=abc', 'querystring.unitId'],
    ['/api/dashboard/unit-figures?year=1999', 'querystring.year'],
    ['/api/dashboard/unit-figures?scope=system', 'querystring.scope'],
    [`/api/dashboard/unit-figures/proposals.filed/records?year=${Y}`, 'params.code'],
  ];
  for (const [url, field] of cases)
    it(`${url} → 400 naming ${field} in Chinese and English`, async () => {
      const res = await unit.get(url);
      assertBadInput(res, field);
    });
});
