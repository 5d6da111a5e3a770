// The kept answers of the member list: never stale after a write, never shown to the wrong caller.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Agent, settled, testServer, type TestServer } from '../../test/harness.js';
import { buildServer } from '../../app.js';
import { connect } from '../../platform/db/connect.js';
import { ORGS_CHANGED } from './list-cache.js';

let t: TestServer;
let staff: Agent;
let admin: Agent;
let countyStaff: Agent;
let cityMember: number;
let countyMember: number;

const member = (organizationId: number, termId: number, sectorId: number, over: Record<string, unknown>) => ({
  organizationId,
  termId,
  gender: 'female',
  birthYear: 1980,
  ethnicity: '汉族',
  politicalAffiliation: '中国民主同盟盟员',
  sectorId,
  committeeIds: [],
  title: '主任',
  standing: false,
  ...over,
});

before(async () => {
  t = await testServer();
  staff = await t.as('staff');
  admin = await t.as('admin');
  countyStaff = await t.as('county_staff');
  const f = t.fixture;
  // On PostgreSQL a process hears its own writes' events back a moment later (they forget kept
  // answers once more): let those arrive before measuring what is kept.
  const [city, county] = await settled(t, ORGS_CHANGED, () =>
    Promise.all([
      staff.post('/api/orgs/members', member(f.city, f.cityTerm, f.sectors['经济界']!, { name: '柳絮飞', workplace: '嘉禾纺织公司', phone: '13811112222' })),
      countyStaff.post('/api/orgs/members', member(f.county, f.countyTerm, f.countySector, { name: '柳絮扬', workplace: '嘉禾纺织公司海宁分厂', phone: '13933334444' })),
    ]),
  );
  assert.equal(city.statusCode, 201, city.body);
  assert.equal(county.statusCode, 201, county.body);
  cityMember = city.data.id;
  countyMember = county.data.id;
});
after(() => t.close());

const search = (agent: Agent, q: string, extra = '') => agent.get(`/api/orgs/members?q=${encodeURIComponent(q)}${extra}`);

describe('member list answers kept in memory', () => {
  it('serves a repeated search from memory (a change behind the module is not seen until a write)', async () => {
    const first = await search(staff, '柳絮飞');
    assert.equal(first.statusCode, 200);
    assert.equal(first.data.items[0].workplace, '嘉禾纺织公司');
    // Bypassing the module's writes leaves the kept answer as it was: that is what proves it is kept.
    await t.services.db.updateTable('members').set({ workplace: '改动未经模块' }).where('id', '=', cityMember).execute();
    assert.equal((await search(staff, '柳絮飞')).data.items[0].workplace, '嘉禾纺织公司');
    assert.equal((await search(staff, '柳絮飞')).headers['content-type'], 'application/json; charset=utf-8');
    // Any write through the module makes every kept answer stale.
    const patch = await staff.patch(`/api/orgs/members/${cityMember}`, { title: '副主任' });
    assert.equal(patch.statusCode, 200, patch.body);
    const after = (await search(staff, '柳絮飞')).data.items[0];
    assert.equal(after.workplace, '改动未经模块');
    assert.equal(after.title, '副主任');
  });

  it('shows an edit of the name and the workplace in the very next search', async () => {
    assert.equal((await search(staff, '柳絮')).data.total, 2);
    const res = await staff.patch(`/api/orgs/members/${cityMember}`, { name: '柳絮舞', workplace: '嘉兴丝绸研究所' });
    assert.equal(res.statusCode, 200, res.body);
    const found = await search(staff, '柳絮');
    assert.deepEqual(found.data.items.map((m: { name: string }) => m.name).sort(), ['柳絮扬', '柳絮舞']);
    assert.equal(found.data.items.find((m: { id: number }) => m.id === cityMember).workplace, '嘉兴丝绸研究所');
    assert.equal((await search(staff, '柳絮飞')).data.total, 0, 'the old name no longer matches');
    assert.equal((await search(staff, '丝绸研究')).data.items[0]?.id, cityMember, 'the new workplace matches');
  });

  it('shows a retirement in the very next search', async () => {
    assert.equal((await search(staff, '柳絮', '&status=active')).data.total, 2);
    assert.equal((await search(staff, '柳絮舞')).data.items[0].status, 'active');
    const res = await staff.post(`/api/orgs/members/${cityMember}/retire`, { exitedOn: '2026-06-30', reason: '任期届满' });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal((await search(staff, '柳絮舞')).data.items[0].status, 'exited');
    const active = await search(staff, '柳絮', '&status=active');
    assert.deepEqual(active.data.items.map((m: { id: number }) => m.id), [countyMember]);
  });

  it('never gives a county user the answer kept for the city', async () => {
    const city = await search(staff, '柳絮');
    assert.ok(city.data.items.some((m: { organizationId: number }) => m.organizationId === t.fixture.city), 'the city sees its own member');
    const county = await search(countyStaff, '柳絮');
    assert.equal(county.statusCode, 200);
    assert.deepEqual(county.data.items.map((m: { id: number }) => m.id), [countyMember]);
    assert.equal(county.data.total, 1);
    // And the other way round: the county's answer is not the city's either.
    assert.ok((await search(staff, '柳絮')).data.items.some((m: { id: number }) => m.id === cityMember));
  });

  it("never shows a leader the phones kept from an office answer", async () => {
    const seen = await search(admin, '柳絮');
    assert.deepEqual(seen.data.items.map((m: { phone: string }) => m.phone).sort(), ['13811112222', '13933334444']);
    const masked = await search(await t.as('leader'), '柳絮');
    assert.deepEqual(masked.data.items.map((m: { phone: string }) => m.phone).sort(), ['138****2222', '139****4444']);
    // County staff see only their own county's numbers in full, even for the same question.
    assert.deepEqual((await search(countyStaff, '柳絮')).data.items.map((m: { phone: string }) => m.phone), ['13933334444']);
    assert.deepEqual((await search(admin, '柳絮')).data.items.map((m: { phone: string }) => m.phone).sort(), ['13811112222', '13933334444']);
  });

  it('keeps apart answers that differ in any query parameter', async () => {
    const all = await search(staff, '柳絮');
    const county = await search(staff, '柳絮', `&organizationId=${t.fixture.county}`);
    const one = await search(staff, '柳絮', '&limit=1');
    assert.equal(all.data.items.length, 2);
    assert.deepEqual(county.data.items.map((m: { id: number }) => m.id), [countyMember]);
    assert.equal(one.data.items.length, 1);
    assert.ok(one.data.nextCursor);
    const next = await search(staff, '柳絮', `&limit=1&cursor=${one.data.nextCursor}`);
    assert.notEqual(next.data.items[0].id, one.data.items[0].id);
  });

  it('still refuses callers the route does not admit, and bad parameters', async () => {
    assert.equal((await search(await t.as('member'), '柳絮')).statusCode, 403);
    assert.equal((await search(t.anonymous(), '柳絮')).statusCode, 401);
    assert.equal((await search(staff, '柳絮', '&limit=0')).statusCode, 400);
  });

  it(
    'on PostgreSQL, a write through one server process is seen by a search on another',
    { skip: !process.env.DATABASE_URL ? 'SQLite runs one process' : false },
    async () => {
      // A second server on the same database stands for a second process.
      const other = await buildServer(t.config, connect({ databaseUrl: t.config.databaseUrl, dataDir: t.config.dataDir }));
      try {
        const there = new Agent(other);
        const login = await there.post('/api/auth/login', { username: 'staff', password: t.fixture.password });
        assert.equal(login.statusCode, 200, login.body);
        const before = await search(there, '柳絮扬');
        assert.equal(before.data.items[0].title, '主任');
        // Kept there: a change behind the module is not seen on the other process either.
        await t.services.db.updateTable('members').set({ ethnicity: '回族' }).where('id', '=', countyMember).execute();
        assert.equal((await search(there, '柳絮扬')).data.items[0].ethnicity, '汉族');

        const arrived = new Promise<void>((resolve) => {
          const off = other.services.bus.subscribe(ORGS_CHANGED, () => {
            off();
            resolve();
          });
        });
        const res = await staff.patch(`/api/orgs/members/${countyMember}`, { title: '秘书长' });
        assert.equal(res.statusCode, 200, res.body);
        await arrived;
        const seen = (await search(there, '柳絮扬')).data.items[0];
        assert.equal(seen.title, '秘书长');
        assert.equal(seen.ethnicity, '回族');
      } finally {
        await other.close();
      }
    },
  );
});
