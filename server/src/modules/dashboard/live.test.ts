// The big screen's stream against records this test writes through the API: the first event is
// the figures answer itself; a report filed elsewhere arrives as a new event with the figure
// raised; a burst of writes gives few counts; screens that go away leave nothing behind (also
// after a thousand of them); who may open which stream; bad queries; and on PostgreSQL, a write
// through one server process reaches a screen on another.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildServer } from '../../app.js';
import { connect } from '../../platform/db/connect.js';
import { chinaYear, clock } from '../../platform/time.js';
import { Agent, hostile, testServer, type TestServer } from '../../test/harness.js';
import { listen, Stream, type SseEvent } from '../consultations/room-testing.js';
import { aMember } from '../opinions/testing.js';
import { assertBadInput } from './testing.js';

const Y = chinaYear();
let t: TestServer;
let base: string;
let staff: Agent;
let admin: Agent;
let member: Agent;
const streams: Stream[] = [];

before(async () => {
  t = await testServer({ challengeBits: 0 });
  base = await listen(t);
  staff = await t.as('staff');
  admin = await t.as('admin');
  await aMember(t, '周静', '经济界', 'member');
  member = await t.as('member');
});
after(async () => {
  for (const s of streams) s.close();
  await t.close();
});

interface Figure {
  code: string;
  value: number;
  public: boolean;
}
const value = (e: SseEvent, code: string) => (e.data.figures as Figure[]).find((f) => f.code === code)!.value;
const figureEvents = (s: Stream) => s.events.filter((e) => e.event === 'figures');

function open(agent: Agent, path: string, on = base) {
  const s = new Stream(on, agent, path);
  streams.push(s);
  return s;
}

async function fileReport(by = member, title = '关于加强社区养老服务的建议') {
  const res = await by.post('/api/opinions', { organizationId: t.fixture.city, title: `${title}${hostile}`, text: '随着人口老龄化加剧，社区居家养老服务供给不足，建议加大投入。', category: 'elderly' });
  assert.equal(res.statusCode, 201, res.body);
}

async function state() {
  const res = await admin.get('/api/dashboard/live/state');
  assert.equal(res.statusCode, 200, res.body);
  return res.data as { screens: number; watches: number; counts: number };
}

async function until(check: () => Promise<boolean>, ms = 5000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('the office screen', () => {
  it('starts with the figures answer itself, then raises a figure when a report is filed through the API', async () => {
    const s = open(staff, `/api/dashboard/live?year=${Y}`);
    await s.opened;
    assert.equal(s.status, 200);
    const first = await s.waitFor((e) => e.event === 'figures');
    const answer = await staff.get(`/api/dashboard/figures?year=${Y}`);
    assert.equal(answer.statusCode, 200);
    assert.deepEqual(first.data, answer.data);
    const before = value(first, 'opinions.received');

    await fileReport();
    const next = await s.waitFor((e) => e.event === 'figures' && value(e, 'opinions.received') === before + 1);
    assert.equal(value(next, 'opinions.received'), (await staff.get(`/api/dashboard/figures?year=${Y}`)).data.figures.find((f: Figure) => f.code === 'opinions.received').value);
    s.close();
  });

  it('counts once for a burst of writes and for every screen of the same figures, and only sends what changed', async () => {
    // The screen of the test before has gone: the counts below are this watch's alone.
    await until(async () => (await state()).watches === 0);
    const screens = [0, 1, 2, 3].map(() => open(staff, `/api/dashboard/live?year=${Y}&scope=system`));
    await Promise.all(screens.map((s) => s.waitFor((e) => e.event === 'figures')));
    const [s] = screens as [Stream];
    assert.equal((await state()).watches, 1, 'four screens of the same figures share one watch');
    const before = value(s.events[0]!, 'opinions.received');
    const counted = (await state()).counts;

    const started = Date.now();
    await Promise.all(Array.from({ length: 12 }, (_, i) => fileReport(member, `突发${i}`)));
    await s.waitFor((e) => e.event === 'figures' && value(e, 'opinions.received') === before + 12, 10_000);
    const elapsed = Date.now() - started;
    // One count per two seconds at most, and the first event of each screen was its start.
    const sent = figureEvents(s).length - 1;
    assert.ok(sent >= 1 && sent <= Math.ceil(elapsed / 2000) + 1, `${sent} events in ${elapsed} ms for 12 writes`);
    const counts = (await state()).counts - counted;
    assert.ok(counts <= Math.ceil(elapsed / 2000) + 1, `${counts} counts in ${elapsed} ms for 12 writes and 4 screens`);
    for (const other of screens) await other.waitFor((e) => e.event === 'figures' && value(e, 'opinions.received') === before + 12);

    // A write that changes no figure (a draft proposal is not filed) sends nothing new.
    const seen = figureEvents(s).length;
    const countedNow = (await state()).counts;
    const draft = await member.post('/api/proposals', { kind: 'individual', title: `关于草稿的建议${hostile}`, reasons: '理由', suggestions: '建议' });
    assert.equal(draft.statusCode, 201, draft.body);
    // It was heard and counted, and the count found nothing new.
    await until(async () => (await state()).counts > countedNow, 6000);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(figureEvents(s).length, seen);
    for (const x of screens) x.close();
  });

  it('leaves no screen or watch behind when screens go away, also after a thousand of them', async () => {
    await until(async () => (await state()).screens === 0);
    const path = `/api/dashboard/public/live?organizationId=${t.fixture.city}&year=${Y}`;
    for (let round = 0; round < 20; round++) {
      const batch = Array.from({ length: 50 }, () => new Stream(base, t.anonymous(), path));
      await Promise.all(batch.map((s) => s.opened));
      assert.ok(batch.every((s) => s.status === 200));
      for (const s of batch) s.close();
    }
    await until(async () => {
      const now = await state();
      return now.screens === 0 && now.watches === 0;
    });
  });
});

describe('a screen left on over New Year', () => {
  // The screens read the year every second: a clock moved back and forth faster than that is not seen.
  const hubReadsTheClock = () => new Promise((r) => setTimeout(r, 1100));

  it("turns to the new year's figures at midnight in China on 1 January, without being opened again", async () => {
    const real = clock.now;
    try {
      // Two seconds before midnight in China on 31 December (16:00 UTC).
      clock.now = () => new Date(`${Y}-12-31T15:59:58.000Z`);
      await hubReadsTheClock();
      const s = open(staff, '/api/dashboard/live?scope=system');
      const first = await s.waitFor((e) => e.event === 'figures');
      assert.equal(first.data.year, Y);
      assert.deepEqual(first.data, (await staff.get('/api/dashboard/figures?scope=system')).data);
      const pub = open(t.anonymous(), `/api/dashboard/public/live?organizationId=${t.fixture.city}`);
      assert.equal((await pub.waitFor((e) => e.event === 'figures')).data.year, Y);

      clock.now = () => new Date(`${Y}-12-31T16:00:01.000Z`);
      const next = await s.waitFor((e) => e.event === 'figures' && e.data.year === Y + 1, 6000);
      assert.equal(next.data.from, `${Y + 1}-01-01`);
      assert.deepEqual(next.data, (await staff.get(`/api/dashboard/figures?scope=system&year=${Y + 1}`)).data);
      await pub.waitFor((e) => e.event === 'figures' && e.data.year === Y + 1, 6000);
      s.close();
      pub.close();
    } finally {
      clock.now = real;
    }
  });

  it('keeps showing the year it was asked for when one is named', async () => {
    const real = clock.now;
    try {
      clock.now = () => new Date(`${Y}-12-31T15:59:58.000Z`);
      await hubReadsTheClock();
      const s = open(staff, `/api/dashboard/live?year=${Y}`);
      await s.waitFor((e) => e.event === 'figures');
      const counted = (await state()).counts;
      clock.now = () => new Date(`${Y}-12-31T16:00:01.000Z`);
      // The new year is noticed and the screen's figures counted again: still the year it named.
      await until(async () => (await state()).counts > counted, 6000);
      await new Promise((r) => setTimeout(r, 300));
      assert.ok(figureEvents(s).every((e) => e.data.year === Y));
      s.close();
    } finally {
      clock.now = real;
    }
  });
});

describe('the public screen', () => {
  it('shows the public figures only, and raises them when a report is filed', async () => {
    const s = open(t.anonymous(), `/api/dashboard/public/live?organizationId=${t.fixture.city}&year=${Y}`);
    const first = await s.waitFor((e) => e.event === 'figures');
    const got = first.data.figures as (Figure & { records?: string })[];
    assert.ok(got.length > 0 && got.every((f) => f.public && f.records === undefined));
    assert.ok(!got.some((f) => f.code === 'proposals.satisfied'));
    assert.equal(first.data.checks, undefined);
    assert.deepEqual(first.data, (await t.anonymous().get(`/api/dashboard/public/figures?organizationId=${t.fixture.city}&year=${Y}`)).data);
    const before = value(first, 'opinions.received');
    await fileReport();
    await s.waitFor((e) => e.event === 'figures' && value(e, 'opinions.received') === before + 1);
    s.close();
  });
});

describe('who may open the streams, and bad queries', () => {
  const ok = (res: { statusCode: number; body: string }, status: number) => assert.equal(res.statusCode, status, res.body);

  it('refuses members, units and the public; asks anonymous callers to sign in; a county never sees its city', async () => {
    for (const who of ['member', 'unit', 'public']) {
      const agent = await t.as(who);
      ok(await agent.get(`/api/dashboard/live?year=${Y}`), 403);
      ok(await agent.get('/api/dashboard/live/state'), 403);
    }
    ok(await (await t.as('staff')).get('/api/dashboard/live/state'), 403);
    ok(await t.anonymous().get(`/api/dashboard/live?year=${Y}`), 401);
    ok(await t.anonymous().get('/api/dashboard/live/state'), 401);
    ok(await (await t.as('county_staff')).get(`/api/dashboard/live?year=${Y}&organizationId=${t.fixture.city}`), 404);
    ok(await t.anonymous().get(`/api/dashboard/public/live?organizationId=999999&year=${Y}`), 404);
    // The county's own figures stream to its staff.
    const s = open(await t.as('county_staff'), `/api/dashboard/live?year=${Y}`);
    const first = await s.waitFor((e) => e.event === 'figures');
    assert.equal(first.data.organizationId, t.fixture.county);
    s.close();
  });

  const cases: [string, string][] = [
    ['/api/dashboard/live?scope=all', 'querystring.scope'],
    ['/api/dashboard/live?year=abc', 'querystring.year'],
    [`/api/dashboard/live?year=${Y}&from=${Y}-01-01&to=${Y}-02-01`, 'querystring.year'],
    [`/api/dashboard/live?from=${Y}-01-01`, 'querystring.to'],
    ['/api/dashboard/live?organizationId=x', 'querystring.organizationId'],
    ['/api/dashboard/live?colour=red', 'querystring.colour'],
    [`/api/dashboard/public/live?year=${Y}`, 'querystring.organizationId'],
    ['/api/dashboard/public/live?organizationId=1&year=1999', 'querystring.year'],
  ];
  for (const [url, field] of cases)
    it(`${url} → 400 naming ${field}`, async () => {
      const res = await staff.get(url);
      assertBadInput(res, field);
    });
});

describe('two server processes', () => {
  it(
    'on PostgreSQL a report filed through one process reaches a screen on the other',
    { skip: !process.env.DATABASE_URL ? 'SQLite runs one process' : false },
    async () => {
      const other = await buildServer(t.config, connect({ databaseUrl: t.config.databaseUrl, dataDir: t.config.dataDir }));
      try {
        const otherBase = await other.app.listen({ port: 0, host: '127.0.0.1' });
        const there = new Agent(other);
        assert.equal((await there.post('/api/auth/login', { username: 'staff', password: t.fixture.password })).statusCode, 200);
        const s = open(there, `/api/dashboard/live?year=${Y}`, otherBase);
        const first = await s.waitFor((e) => e.event === 'figures');
        const before = value(first, 'opinions.received');
        await fileReport();
        await s.waitFor((e) => e.event === 'figures' && value(e, 'opinions.received') === before + 1);
        s.close();
      } finally {
        await other.close();
      }
    },
  );
});
