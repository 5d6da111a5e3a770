import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { testServer, type TestServer } from '../../test/harness.js';

let t: TestServer;
before(async () => {
  t = await testServer();
});
after(() => t.close());

const lastAudit = async (action: string, entityId?: number) => {
  let q = t.services.db.selectFrom('audit_log').selectAll().where('action', '=', action);
  if (entityId !== undefined) q = q.where('entity_id', '=', String(entityId));
  return q.orderBy('id', 'desc').executeTakeFirst();
};

describe('signing in', () => {
  it('answers health with the database in use', async () => {
    const res = await t.anonymous().get('/api/health');
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.data, { status: 'ok', db: process.env.DATABASE_URL ? 'postgres' : 'sqlite', database: 'up', events: 'listening' });
  });

  it('sets an HttpOnly session cookie and /api/me shows the user, roles and organization', async () => {
    const agent = t.anonymous();
    const res = await agent.post('/api/auth/login', { username: 'staff', password: t.fixture.password });
    assert.equal(res.statusCode, 200);
    const cookie = String(res.headers['set-cookie']);
    assert.match(cookie, /sl_session=[^;]+;.*HttpOnly/i);
    assert.match(cookie, /SameSite=Lax/i);
    const me = await agent.get('/api/me');
    assert.equal(me.statusCode, 200);
    assert.equal(me.data.username, 'staff');
    assert.deepEqual(me.data.roles, [{ role: 'staff', organizationId: t.fixture.city }]);
    assert.equal(me.data.organization.name, '嘉兴市政协');
    assert.equal(me.data.organization.level, 'city');
    assert.equal(me.data.password_hash, undefined);
    assert.ok(await lastAudit('login', t.fixture.users.staff));
  });

  it('refuses a wrong password in Chinese and English, and audits the failure', async () => {
    const res = await t.anonymous().post('/api/auth/login', { username: 'member', password: 'Wrong-pass-1' });
    assert.equal(res.statusCode, 401);
    assert.match(String(res.headers['content-type']), /application\/problem\+json/);
    assert.equal(res.data.code, 'invalid_credentials');
    assert.equal(res.data.title, '用户名或密码错误');
    assert.equal(res.data.title_en, 'Wrong username or password');
    const entry = await lastAudit('login_failed', t.fixture.users.member);
    assert.equal(JSON.parse(entry!.after!).reason, 'wrong_password');
  });

  it('answers an unknown username exactly as a wrong password', async () => {
    const res = await t.anonymous().post('/api/auth/login', { username: 'nobody', password: 'Wrong-pass-1' });
    assert.equal(res.statusCode, 401);
    assert.equal(res.data.code, 'invalid_credentials');
  });

  it('ends a session after 30 minutes idle and after 12 hours in all', async () => {
    const agent = await t.as('unit');
    assert.equal((await agent.get('/api/me')).statusCode, 200);
    const db = t.services.db;
    await db.updateTable('login_sessions').set({ last_seen_at: new Date(Date.now() - 31 * 60_000).toISOString() }).where('user_id', '=', t.fixture.users.unit!).execute();
    // As a few seconds later, when the server's short-lived session cache has let go.
    t.services.sessions.forgetUser(t.fixture.users.unit!);
    const idle = await agent.get('/api/me');
    assert.equal(idle.statusCode, 401);
    assert.equal(idle.data.code, 'session_expired');

    const again = await t.as('unit');
    await db.updateTable('login_sessions').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('user_id', '=', t.fixture.users.unit!).execute();
    t.services.sessions.forgetUser(t.fixture.users.unit!);
    assert.equal((await again.get('/api/me')).data.code, 'session_expired');
  });

  it("writes a session's last use when it is seen after a while, within the second, for many sessions together", async () => {
    const names = ['staff', 'member', 'leader'] as const;
    const agents = await Promise.all(names.map((n) => t.as(n)));
    const sessionIds = agents.map((a) => createHash('sha256').update(a.cookies.get('sl_session')!).digest('base64url'));
    const db = t.services.db;
    const longAgo = new Date(Date.now() - 20 * 60_000).toISOString();
    await db.updateTable('login_sessions').set({ last_seen_at: longAgo }).where('id', 'in', sessionIds).execute();
    for (const n of names) t.services.sessions.forgetUser(t.fixture.users[n]!);
    for (const agent of agents) assert.equal((await agent.get('/api/me')).statusCode, 200);
    const seen = async () => (await db.selectFrom('login_sessions').select('last_seen_at').where('id', 'in', sessionIds).execute()).map((r) => r.last_seen_at);
    for (let i = 0; i < 40 && (await seen()).includes(longAgo); i++) await new Promise((r) => setTimeout(r, 50));
    const after = await seen();
    assert.equal(after.length, 3);
    assert.ok(after.every((at) => Date.now() - Date.parse(at) < 5000), `last seen: ${after.join(', ')}`);
  });

  it('signs out', async () => {
    const agent = await t.as('public');
    assert.equal((await agent.post('/api/auth/logout')).statusCode, 204);
    assert.equal((await agent.get('/api/me')).statusCode, 401);
  });
});

describe('session cache', () => {
  it('forgets a disabled user at once in every server process', async () => {
    const agent = await t.as('county_staff');
    assert.equal((await agent.get('/api/me')).statusCode, 200);
    // Disabling tells every server process (through the event bus) to drop the cached session.
    const admin = await t.as('admin');
    assert.equal((await admin.post(`/api/accounts/${t.fixture.users.county_staff}/disable`)).statusCode, 200);
    await new Promise((r) => setTimeout(r, 100));
    assert.equal((await agent.get('/api/me')).statusCode, 401);
    await admin.post(`/api/accounts/${t.fixture.users.county_staff}/enable`);
  });
});

describe('CSRF', () => {
  it('refuses a state change made with the cookie but without the token, and changes nothing', async () => {
    const agent = await t.as('admin');
    const before = await t.services.db.selectFrom('users').select('display_name').where('id', '=', t.fixture.users.member!).executeTakeFirstOrThrow();
    for (const token of [undefined, 'forged-token-value']) {
      const res = await agent.request('PATCH', `/api/accounts/${t.fixture.users.member}`, { displayName: '改名' }, { 'x-csrf-token': token ?? '' });
      assert.equal(res.statusCode, 403);
      assert.equal(res.data.code, 'csrf_failed');
    }
    const after = await t.services.db.selectFrom('users').select('display_name').where('id', '=', t.fixture.users.member!).executeTakeFirstOrThrow();
    assert.equal(after.display_name, before.display_name);
  });
});

describe('registration', () => {
  it('lets the public register, with the password policy, and signs them in', async () => {
    const agent = t.anonymous();
    const weak = await agent.post('/api/auth/register', { username: 'resident1', password: 'alllowercase', displayName: '居民甲', organizationId: t.fixture.city });
    assert.equal(weak.statusCode, 400);
    assert.equal(weak.data.errors[0].field, 'body.password');
    assert.match(weak.data.errors[0].message, /至少三类/);
    const short = await agent.post('/api/auth/register', { username: 'resident1', password: 'Ab1!', displayName: '居民甲', organizationId: t.fixture.city });
    assert.equal(short.data.errors[0].field, 'body.password');
    const ok = await agent.post('/api/auth/register', { username: 'resident1', password: 'Resident-2026', displayName: '居民甲', organizationId: t.fixture.city, phone: '13900001111' });
    assert.equal(ok.statusCode, 201);
    assert.deepEqual(ok.data.user.roles, [{ role: 'public', organizationId: t.fixture.city }]);
    assert.equal((await agent.get('/api/me')).data.username, 'resident1');
    const dup = await t.anonymous().post('/api/auth/register', { username: 'resident1', password: 'Resident-2026', displayName: '居民乙', organizationId: t.fixture.city });
    assert.equal(dup.statusCode, 409);
    assert.equal(dup.data.errors[0].field, 'body.username');
  });

  it('refuses unknown fields, so a resident cannot give themselves a role', async () => {
    const res = await t.anonymous().post('/api/auth/register', { username: 'sneaky', password: 'Resident-2026', displayName: '某人', organizationId: t.fixture.city, roles: ['admin'] });
    assert.equal(res.statusCode, 400);
    assert.equal(res.data.errors[0].field, 'body.roles');
    assert.equal(await t.services.db.selectFrom('users').select('id').where('username', '=', 'sneaky').executeTakeFirst(), undefined);
  });
});

describe('who may call', () => {
  const adminRoutes: [string, string][] = [
    ['GET', '/api/accounts'],
    ['GET', '/api/audit'],
    ['POST', '/api/accounts'],
  ];
  it('refuses anonymous callers with 401 and other roles with 403', async () => {
    for (const [method, url] of adminRoutes) {
      const res = await t.anonymous().request(method as 'GET', url, method === 'POST' ? {} : undefined);
      assert.equal(res.statusCode, 401, `${method} ${url}`);
      assert.equal(res.data.code, 'unauthenticated');
    }
    for (const user of ['staff', 'leader', 'member', 'unit', 'public']) {
      const agent = await t.as(user);
      for (const [method, url] of adminRoutes) {
        const res = await agent.request(method as 'GET', url, method === 'POST' ? {} : undefined);
        assert.equal(res.statusCode, 403, `${user} ${method} ${url}`);
      }
    }
  });

  it('declares who may call every /api route', () => {
    const routes = t.app.printRoutes({ commonPrefix: false });
    assert.match(routes, /api\/accounts/);
    // The server refuses to start with a route that does not say; building one proves it.
    assert.throws(() => t.app.get('/api/undeclared', async () => 'x'));
  });
});

describe('account administration', () => {
  it('creates an account, resets its password (unlocking it) and disables it', async () => {
    const admin = await t.as('admin');
    const created = await admin.post('/api/accounts', { username: 'staff2', displayName: '提案办 李明', password: 'Staff-pass-2026', organizationId: t.fixture.city, roles: ['staff'], department: '提案委员会办公室' });
    assert.equal(created.statusCode, 201);
    assert.deepEqual(created.data.roles, ['staff']);
    const id = created.data.id;
    const createdEntry = await lastAudit('create', id);
    assert.equal(JSON.parse(createdEntry!.after!).password, undefined, 'the audit log never keeps a password');

    const list = await admin.get('/api/accounts?q=staff2');
    assert.equal(list.data.total, 1);

    const at = new Date().toISOString();
    await t.services.db.insertInto('login_throttle').values({ key: 'account:staff2', failures: 0, first_failure_at: at, locked_until: new Date(Date.now() + 600_000).toISOString(), updated_at: at }).execute();
    assert.equal((await admin.post(`/api/accounts/${id}/reset-password`, { password: 'short' })).statusCode, 400);
    assert.equal((await admin.post(`/api/accounts/${id}/reset-password`, { password: 'New-pass-2026' })).statusCode, 204);
    const login = await t.anonymous().post('/api/auth/login', { username: 'staff2', password: 'New-pass-2026' });
    assert.equal(login.statusCode, 200);

    const staff2 = t.anonymous();
    await staff2.post('/api/auth/login', { username: 'staff2', password: 'New-pass-2026' });
    const disabled = await admin.post(`/api/accounts/${id}/disable`);
    assert.equal(disabled.data.status, 'disabled');
    assert.equal((await staff2.get('/api/me')).statusCode, 401, 'disabling ends open sessions');
    const refused = await t.anonymous().post('/api/auth/login', { username: 'staff2', password: 'New-pass-2026' });
    assert.equal(refused.statusCode, 403);
    assert.equal(refused.data.code, 'account_disabled');
    assert.equal((await admin.post(`/api/accounts/${id}/enable`)).data.status, 'active');
  });

  it('keeps a county admin to the county: city accounts are not theirs', async () => {
    const countyAdmin = await t.as('county_admin');
    const list = await countyAdmin.get('/api/accounts');
    assert.ok(list.data.items.every((a: { organizationId: number }) => a.organizationId === t.fixture.county));
    const res = await countyAdmin.post(`/api/accounts/${t.fixture.users.staff}/disable`);
    assert.equal(res.statusCode, 404);
    const create = await countyAdmin.post('/api/accounts', { username: 'cityspy', displayName: 'x', password: 'Staff-pass-2026', organizationId: t.fixture.city, roles: ['admin'] });
    assert.equal(create.statusCode, 403);
    // The city admin sees the county's accounts too.
    const city = await (await t.as('admin')).get(`/api/accounts?organizationId=${t.fixture.county}`);
    assert.ok(city.data.items.some((a: { username: string }) => a.username === 'county_staff'));
  });
});

describe('audit log', () => {
  it('filters by user, action, record and time', async () => {
    const admin = await t.as('admin');
    const byAction = await admin.get('/api/audit?action=login_failed');
    assert.ok(byAction.data.items.length > 0);
    assert.ok(byAction.data.items.every((e: { action: string }) => e.action === 'login_failed'));
    const byRecord = await admin.get(`/api/audit?entityType=user&entityId=${t.fixture.users.member}&action=login_failed`);
    assert.ok(byRecord.data.items.length >= 1, byRecord.body);
    assert.ok(byRecord.data.items.every((e: { entityId: string; after: { reason: string } }) => e.entityId === String(t.fixture.users.member) && e.after.reason === 'wrong_password'));
    const byActor = await admin.get(`/api/audit?actorId=${t.fixture.users.admin}`);
    assert.ok(byActor.data.items.every((e: { actorId: number }) => e.actorId === t.fixture.users.admin));
    const future = await admin.get(`/api/audit?from=${new Date(Date.now() + 86_400_000).toISOString()}`);
    assert.equal(future.data.total, 0);
    const bad = await admin.get('/api/audit?from=yesterday');
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.data.errors[0].field, 'querystring.from');
  });
});

describe('rate limits', () => {
  it('answers 429 in both languages when login is tried too often', async () => {
    const limited = await testServer({ rateLimits: { login: { max: 3, windowMs: 60_000 }, register: { max: 2, windowMs: 60_000 }, publicWrite: { max: 2, windowMs: 60_000 } } });
    try {
      const codes = [];
      for (let i = 0; i < 4; i++) codes.push((await limited.anonymous().post('/api/auth/login', { username: 'x', password: 'y' })).statusCode);
      assert.deepEqual(codes, [401, 401, 401, 429]);
      const res = await limited.anonymous().post('/api/auth/login', { username: 'x', password: 'y' });
      assert.equal(res.data.code, 'rate_limited');
      assert.equal(res.data.title, '请求过于频繁，请稍后再试');
      const reg = [];
      for (let i = 0; i < 3; i++) reg.push((await limited.anonymous().post('/api/auth/register', {})).statusCode);
      assert.deepEqual(reg, [400, 400, 429]);
    } finally {
      await limited.close();
    }
  });
});
