// The kept answers of the office's proposal lists: never stale after a write through the module,
// never shown to a caller who may not see them, and stale in every process after a write in one.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Agent, settled, testServer, type TestServer } from '../../test/harness.js';
import { buildServer } from '../../app.js';
import { connect } from '../../platform/db/connect.js';
import { PROPOSALS_CHANGED } from './manifest.js';
import { aMember, accepted, filed } from './testing.js';

let t: TestServer;
let staff: Agent;
let leader: Agent;
let member: Agent;
let countyStaff: Agent;
let category: number;

const settle = (run: () => Promise<unknown>) => settled(t, PROPOSALS_CHANGED, run);

before(async () => {
  t = await testServer();
  const memberId = await aMember(t, '蒋文澜');
  await t.services.db.updateTable('users').set({ member_id: memberId }).where('username', '=', 'member').execute();
  [staff, leader, member, countyStaff] = (await Promise.all(['staff', 'leader', 'member', 'county_staff'].map((u) => t.as(u)))) as [Agent, Agent, Agent, Agent];
  const admin = await t.as('admin');
  category = (await admin.post('/api/proposals/categories', { organizationId: t.fixture.city, name: '社会建设' })).data.id;
});
after(() => t.close());

const list = (agent: Agent, query: string) => agent.get(`/api/proposals?${query}`);

describe('proposal lists kept in memory', () => {
  it('serves a repeated list from memory and shows the next write at once', async () => {
    let id = 0;
    await settle(async () => (id = await filed(member, category, { title: '关于运河步道夜间照明的建议' })));
    const first = await list(staff, 'state=submitted&q=' + encodeURIComponent('运河步道'));
    assert.equal(first.statusCode, 200, first.body);
    assert.equal(first.headers['content-type'], 'application/json; charset=utf-8');
    assert.deepEqual(first.data.items.map((p: { id: number }) => p.id), [id]);
    // A change behind the module's back is not seen: that proves the answer is kept.
    await t.services.db.updateTable('proposals').set({ title: '未经模块的改动' }).where('id', '=', id).execute();
    assert.equal((await list(staff, 'state=submitted&q=' + encodeURIComponent('运河步道'))).data.items[0].title, '关于运河步道夜间照明的建议');
    // Accepting it through the module: the filed list no longer has it, the accepted one does, with its number.
    await t.services.db.updateTable('proposals').set({ title: '关于运河步道夜间照明的建议' }).where('id', '=', id).execute();
    let res;
    await settle(async () => (res = await staff.post(`/api/proposals/${id}/accept`, {})));
    assert.equal(res!.statusCode, 200, res!.body);
    assert.equal((await list(staff, 'state=submitted&q=' + encodeURIComponent('运河步道'))).data.total, 0);
    const acceptedList = await list(staff, 'state=accepted&q=' + encodeURIComponent('运河步道'));
    assert.equal(acceptedList.data.items[0].id, id);
    assert.match(acceptedList.data.items[0].numberLabel, /第\d{4}号/);
  });

  it('keeps answers apart by caller and by every parameter', async () => {
    await settle(() => accepted(member, staff, category, { title: '关于社区食堂补贴的建议' }));
    const q = 'q=' + encodeURIComponent('社区食堂');
    assert.equal((await list(staff, q)).data.total, 1);
    assert.equal((await list(leader, q)).data.total, 1);
    // The same words asked by a county office: the city's proposals are not theirs.
    assert.equal((await list(countyStaff, q)).data.total, 0);
    assert.equal((await list(countyStaff, `${q}&organizationId=${t.fixture.city}`)).data.total, 0);
    // Parameter order does not split the cache, a different value does.
    assert.equal((await list(staff, `state=accepted&${q}`)).data.total, 1);
    assert.equal((await list(staff, `${q}&state=accepted`)).data.total, 1);
    assert.equal((await list(staff, `${q}&state=submitted`)).data.total, 0);
    assert.equal((await list(staff, `${q}&key=true`)).data.total, 0);
  });

  it('answers a wrong filter with a field error in both languages, not a kept answer', async () => {
    const res = await list(staff, 'state=filed');
    assert.equal(res.statusCode, 400);
    assert.equal(res.data.errors[0].field, 'querystring.state');
    assert.match(res.data.errors[0].message, /取值无效，可选：.*submitted/);
    assert.match(res.data.errors[0].message_en, /allowed: .*submitted/);
  });

  it('is refused to members and units as before', async () => {
    assert.equal((await list(member, 'state=accepted')).statusCode, 403);
    assert.equal((await t.anonymous().get('/api/proposals?state=accepted')).statusCode, 401);
  });

  it('is stale in a second server process after a write through the first (PostgreSQL)', { skip: !process.env.DATABASE_URL }, async () => {
    const other = await buildServer(t.config, connect({ databaseUrl: t.config.databaseUrl, dataDir: t.config.dataDir }));
    try {
      const there = new Agent(other);
      assert.equal((await there.post('/api/auth/login', { username: 'staff', password: t.fixture.password })).statusCode, 200);
      const id = await accepted(member, staff, category, { title: '关于老旧小区加装电梯的建议' });
      const q = 'q=' + encodeURIComponent('加装电梯');
      const before = await list(there, q);
      assert.equal(before.data.items[0].isKey, false);
      const arrived = new Promise<void>((resolve) => {
        const off = other.services.bus.subscribe(PROPOSALS_CHANGED, () => (off(), resolve()));
      });
      const key = await staff.request('PUT', `/api/proposals/${id}/key`, { key: true });
      assert.ok(key.statusCode < 300, key.body);
      await arrived;
      assert.equal((await list(there, q)).data.items[0].isKey, true);
    } finally {
      await other.close();
    }
  });
});
