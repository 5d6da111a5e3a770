import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Agent, emptyServer, type EmptyServer } from '../../test/harness.js';
import { loadConfig } from '../../platform/config.js';
import { newSetupToken, setupLinkAtStart } from './service.js';

let t: EmptyServer;
before(async () => {
  t = await emptyServer();
});
after(() => t.close());

const PASSWORD = 'Setup-pass-2026';
const jiaxing = (token: string, extra: Record<string, unknown> = {}) => ({
  token,
  username: 'office_admin',
  displayName: '嘉兴政协 管理员',
  password: PASSWORD,
  level: 'city',
  divisionCode: '330400',
  termNumber: 10,
  termStartsOn: '2022-01-10',
  sessions: [
    { number: 1, opensOn: '2022-01-12' },
    { number: 2, opensOn: '2023-01-09' },
  ],
  ...extra,
});

/** Rows of every table set-up writes: a refused request must leave all of them as they were. */
async function stored() {
  const { db } = t.services;
  const count = async (table: 'organizations' | 'users' | 'user_roles' | 'terms' | 'sessions' | 'audit_log' | 'login_sessions') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const usedTokens = await db.selectFrom('setup_tokens').select('id').where('used_at', 'is not', null).execute();
  return {
    organizations: await count('organizations'), users: await count('users'), roles: await count('user_roles'), terms: await count('terms'),
    sessions: await count('sessions'), audit: await count('audit_log'), logins: await count('login_sessions'), usedTokens: usedTokens.length,
  };
}

const fieldsOf = (res: { data: { errors?: { field: string }[] } }) => (res.data.errors ?? []).map((e) => e.field);

describe('set-up of an empty install', () => {
  it('says set-up is open, and tells whether a link token can be used', async () => {
    const res = await t.anonymous().get('/api/setup/status');
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.data, { open: true });
    assert.deepEqual((await t.anonymous().get('/api/setup/status?token=made-up')).data, { open: true, token: 'unknown' });
    const token = await newSetupToken(t.services);
    assert.deepEqual((await t.anonymous().get(`/api/setup/status?token=${token}`)).data, { open: true, token: 'valid' });
  });

  it('keeps only a hash of the token, and a new token replaces the older unused one', async () => {
    const first = await newSetupToken(t.services);
    const second = await newSetupToken(t.services);
    const rows = await t.services.db.selectFrom('setup_tokens').selectAll().execute();
    assert.equal(rows.length, 1);
    assert.ok(!rows.some((r) => r.token_hash.includes(second) || r.token_hash.includes(first)));
    assert.equal((await t.anonymous().get(`/api/setup/status?token=${first}`)).data.token, 'unknown');
    assert.equal((await t.anonymous().get(`/api/setup/status?token=${second}`)).data.token, 'valid');
  });

  it('reads the division tree publicly: every province, a province\'s cities, a municipality\'s districts', async () => {
    const provinces = await t.anonymous().get('/api/setup/divisions');
    assert.equal(provinces.statusCode, 200);
    assert.equal(provinces.data.length, 31);
    const shanghai = provinces.data.find((d: { code: string }) => d.code === '310000');
    assert.deepEqual(shanghai, { code: '310000', name: '上海市', level: 'province', parentCode: null, proposedName: '政协上海市委员会' });
    const zhejiang = (await t.anonymous().get('/api/setup/divisions?parent=330000')).data;
    assert.equal(zhejiang.length, 11);
    assert.ok(zhejiang.every((d: { level: string }) => d.level === 'city'));
    assert.equal(zhejiang.find((d: { code: string }) => d.code === '330400').proposedName, '政协嘉兴市委员会');
    const jiaxing = (await t.anonymous().get('/api/setup/divisions?parent=330400')).data;
    assert.deepEqual(jiaxing.map((d: { name: string }) => d.name), ['南湖区', '秀洲区', '嘉善县', '海盐县', '海宁市', '平湖市', '桐乡市']);
    assert.equal(jiaxing[0].proposedName, '政协嘉兴市南湖区委员会');
    assert.equal(jiaxing[4].proposedName, '政协海宁市委员会');
    const districts = (await t.anonymous().get('/api/setup/divisions?parent=310000')).data;
    assert.equal(districts.length, 16);
    assert.ok(districts.every((d: { level: string }) => d.level === 'county'));
    const bad = await t.anonymous().get('/api/setup/divisions?parent=abc');
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(fieldsOf(bad), ['querystring.parent']);
  });

  it('refuses a missing, wrong or expired token and stores nothing', async () => {
    const before = await stored();
    const { token: _drop, ...noToken } = jiaxing('x');
    const missing = await t.anonymous().post('/api/setup', noToken);
    assert.equal(missing.statusCode, 400);
    assert.match(String(missing.headers['content-type']), /application\/problem\+json/);
    assert.deepEqual(fieldsOf(missing), ['body.token']);

    const wrong = await t.anonymous().post('/api/setup', jiaxing('not-the-token'));
    assert.equal(wrong.statusCode, 400);
    assert.deepEqual(fieldsOf(wrong), ['body.token']);
    assert.equal(wrong.data.errors[0].code, 'token_unknown');
    assert.match(wrong.data.errors[0].message, /设置链接无效/);
    assert.match(wrong.data.errors[0].message_en, /not valid/);

    const token = await newSetupToken(t.services);
    await t.services.db.updateTable('setup_tokens').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).execute();
    const expired = await t.anonymous().post('/api/setup', jiaxing(token));
    assert.equal(expired.statusCode, 400);
    assert.equal(expired.data.errors[0].code, 'token_expired');
    assert.match(expired.data.errors[0].message_en, /expired/);
    assert.deepEqual(await stored(), before);
  });

  it('refuses a weak password naming body.password, and bad choices naming their fields, storing nothing', async () => {
    const token = await newSetupToken(t.services);
    const before = await stored();
    const weak = await t.anonymous().post('/api/setup', jiaxing(token, { password: 'password' }));
    assert.equal(weak.statusCode, 400);
    assert.deepEqual(fieldsOf(weak), ['body.password']);
    assert.equal(weak.data.errors[0].code, 'password_policy');
    const cases: [Record<string, unknown>, string][] = [
      [{ level: 'province' }, 'body.divisionCode'], // 330400 is a city
      [{ divisionCode: '999999' }, 'body.divisionCode'],
      [{ sessions: [] }, 'body.sessions'],
      [{ sessions: [{ number: 1, opensOn: '2022-01-12' }, { number: 1, opensOn: '2023-01-09' }] }, 'body.sessions.1.number'],
      [{ sessions: [{ number: 1, opensOn: '2021-12-31' }] }, 'body.sessions.0.opensOn'],
      [{ termStartsOn: '2022-13-01' }, 'body.termStartsOn'],
      [{ username: 'a b' }, 'body.username'],
      [{ level: 'national' }, 'body.level'],
    ];
    for (const [change, field] of cases) {
      const res = await t.anonymous().post('/api/setup', jiaxing(token, change));
      assert.equal(res.statusCode, 400, `${JSON.stringify(change)} → ${res.body}`);
      assert.ok(fieldsOf(res).includes(field), `${JSON.stringify(change)} names ${fieldsOf(res)}`);
      assert.ok(res.data.errors[0].message && res.data.errors[0].message_en);
    }
    assert.deepEqual(await stored(), before);
    assert.equal((await t.anonymous().get(`/api/setup/status?token=${token}`)).data.token, 'valid');
  });

  let token = '';
  let agent: Agent;
  let result: { organizationId: number; userId: number; countyOrganizations: number };

  it('sets up a city with one county CPPCC per county division, its term and sessions, and signs the admin in', async () => {
    token = await newSetupToken(t.services);
    agent = t.anonymous();
    const res = await agent.post('/api/setup', jiaxing(token));
    assert.equal(res.statusCode, 201, res.body);
    result = res.data;
    assert.equal(result.countyOrganizations, 7);
    assert.match(String(res.headers['set-cookie']), /sl_session=[^;]+;.*HttpOnly/i);

    const { db } = t.services;
    const city = await db.selectFrom('organizations').selectAll().where('id', '=', result.organizationId).executeTakeFirstOrThrow();
    assert.deepEqual([city.name, city.level, city.parent_id, city.division_code], ['政协嘉兴市委员会', 'city', null, '330400']);
    const counties = await db.selectFrom('organizations').selectAll().where('parent_id', '=', city.id).orderBy('division_code').execute();
    assert.deepEqual(
      counties.map((c) => [c.division_code, c.name, c.level]),
      [
        ['330402', '政协嘉兴市南湖区委员会', 'county'],
        ['330411', '政协嘉兴市秀洲区委员会', 'county'],
        ['330421', '政协嘉善县委员会', 'county'],
        ['330424', '政协海盐县委员会', 'county'],
        ['330481', '政协海宁市委员会', 'county'],
        ['330482', '政协平湖市委员会', 'county'],
        ['330483', '政协桐乡市委员会', 'county'],
      ],
    );
    assert.equal((await stored()).organizations, 8);

    const terms = await db.selectFrom('terms').selectAll().execute();
    assert.deepEqual(terms.map((x) => [x.organization_id, x.number, x.starts_on, x.current]), [[city.id, 10, '2022-01-10', 1]]);
    const sessions = await db.selectFrom('sessions').selectAll().orderBy('number').execute();
    assert.deepEqual(sessions.map((x) => [x.term_id, x.number, x.opens_on]), [[terms[0]!.id, 1, '2022-01-12'], [terms[0]!.id, 2, '2023-01-09']]);

    const me = await agent.get('/api/me');
    assert.equal(me.statusCode, 200);
    assert.equal(me.data.username, 'office_admin');
    assert.deepEqual(me.data.roles, [{ role: 'admin', organizationId: city.id }]);
    assert.equal(me.data.organization.name, '政协嘉兴市委员会');
    // The signed-in organization tree reaches the new counties.
    const orgs = await agent.get('/api/orgs/organizations');
    assert.equal(orgs.data.length, 8);
  });

  it('audits every row it created, by the new admin', async () => {
    const entries = await t.services.db.selectFrom('audit_log').selectAll().orderBy('id').execute();
    const tally = (action: string, type: string) => entries.filter((e) => e.action === action && e.entity_type === type).length;
    assert.equal(tally('create', 'organization'), 8);
    assert.equal(tally('create', 'term'), 1);
    assert.equal(tally('create', 'session'), 2);
    assert.equal(tally('create', 'user'), 1);
    const setup = entries.find((e) => e.action === 'setup')!;
    assert.equal(setup.entity_id, String(result.organizationId));
    assert.deepEqual(JSON.parse(setup.after!), { via: 'web', divisionCode: '330400', level: 'city', countyOrganizations: 7 });
    assert.ok(entries.every((e) => e.actor_id === result.userId && e.actor_name === '嘉兴政协 管理员'));
    assert.ok(!entries.some((e) => (e.after ?? '').includes(PASSWORD)));
  });

  it('lets the admin sign in again and create a member', async () => {
    const admin = t.anonymous();
    assert.equal((await admin.post('/api/auth/login', { username: 'office_admin', password: PASSWORD })).statusCode, 200);
    const sector = await admin.post('/api/orgs/sectors', { organizationId: result.organizationId, name: '经济界', sort: 1 });
    assert.equal(sector.statusCode, 201, sector.body);
    const term = (await admin.get(`/api/orgs/terms?organizationId=${result.organizationId}`)).data[0];
    assert.deepEqual(term.sessions.map((s: { number: number }) => s.number), [1, 2]);
    const member = await admin.post('/api/orgs/members', {
      organizationId: result.organizationId, termId: term.id, name: '张三', gender: 'male', birthYear: 1970, ethnicity: '汉族',
      politicalAffiliation: '中共党员', sectorId: sector.data.id, workplace: '嘉兴市某单位',
    });
    assert.equal(member.statusCode, 201, member.body);
  });

  it('refuses a second set-up with 409, with the used token or any other, and closes its reads', async () => {
    const before = await stored();
    for (const who of [t.anonymous(), agent]) {
      for (const tk of [token, 'another-token']) {
        const res = await who.post('/api/setup', jiaxing(tk, { username: 'second_admin', divisionCode: '330100' }));
        assert.equal(res.statusCode, 409, res.body);
        assert.match(res.data.detail, /已完成初始设置/);
        assert.match(res.data.detail_en, /already done/);
      }
    }
    assert.deepEqual(await stored(), before);
    assert.deepEqual((await t.anonymous().get(`/api/setup/status?token=${token}`)).data, { open: false });
    assert.equal((await t.anonymous().get('/api/setup/divisions')).statusCode, 409);
    await assert.rejects(newSetupToken(t.services), /already done/);
  });
});

describe('set-up of a municipality, and its rate limit', () => {
  let s: EmptyServer;
  before(async () => {
    s = await emptyServer({ rateLimits: { login: { max: 3, windowMs: 60_000 }, register: { max: 5, windowMs: 60_000 }, publicWrite: { max: 5, windowMs: 60_000 } } });
  });
  after(() => s.close());

  it('prints a link at the first start, not again while it is live, and a new one once it expired', async () => {
    const first = (await setupLinkAtStart(s.services, 'https://zx.example.gov.cn'))!.join('\n');
    assert.match(first, /https:\/\/zx\.example\.gov\.cn\/setup\?token=[\w-]{43}/);
    assert.match(first, /24 小时内有效/);
    const second = (await setupLinkAtStart(s.services, 'https://zx.example.gov.cn'))!.join('\n');
    assert.doesNotMatch(second, /token=/);
    assert.match(second, /npm run setup:token/);
    await s.services.db.updateTable('setup_tokens').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).execute();
    assert.match((await setupLinkAtStart(s.services, 'https://zx.example.gov.cn'))!.join('\n'), /token=/);
  });

  it('sets up 上海 as a province-level CPPCC without county CPPCCs', async () => {
    const token = await newSetupToken(s.services);
    const res = await s.anonymous().post('/api/setup', { ...jiaxing(token), level: 'province', divisionCode: '310000', name: '上海市政协' });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.data.countyOrganizations, 0);
    const orgs = await s.services.db.selectFrom('organizations').selectAll().execute();
    assert.deepEqual(orgs.map((o) => [o.name, o.level, o.division_code]), [['上海市政协', 'province', '310000']]);
  });

  it('prints nothing at start once set-up is done', async () => {
    assert.equal(await setupLinkAtStart(s.services, 'https://zx.example.gov.cn'), null);
  });

  it('limits set-up attempts from one address like sign-in (429)', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 3; i++) codes.push((await s.anonymous().post('/api/setup', jiaxing('guess'))).statusCode);
    assert.equal(codes.at(-1), 429);
    assert.ok(codes.every((c) => c === 409 || c === 429), String(codes));
  });
});

describe('demo data and production', () => {
  it('never fills a production database with demo data, whatever SHANGLIANG_SEED says', () => {
    assert.equal(loadConfig({}).seedDemo, true);
    assert.equal(loadConfig({ SHANGLIANG_SEED: 'none' }).seedDemo, false);
    assert.equal(loadConfig({ NODE_ENV: 'production' }).seedDemo, false);
    assert.equal(loadConfig({ NODE_ENV: 'production', SHANGLIANG_SEED: 'demo' }).seedDemo, false);
  });
});
