// Organizations, terms and sessions administered by the office: levels, one current term,
// session numbering, closing and retiring, who may not, and nothing stored on a refusal.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testServer, type TestServer } from '../../test/harness.js';
import { anAccount, insertMember } from '../../test/people.js';
import { allowedChildLevels, levelAllowedUnder } from './service.js';
import { aMeeting } from '../consultations/testing.js';

let t: TestServer;
before(async () => {
  t = await testServer();
});
after(() => t.close());

const count = async (table: 'organizations' | 'terms' | 'sessions' | 'audit_log') =>
  Number((await t.services.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const audits = (type: string, id: number) => t.services.db.selectFrom('audit_log').selectAll().where('entity_type', '=', type).where('entity_id', '=', String(id)).execute();

describe('levels', () => {
  it('keeps 三级贯通 in one rule', () => {
    assert.deepEqual([...allowedChildLevels('city')], ['county']);
    assert.ok(levelAllowedUnder('county', 'province'));
    assert.ok(!levelAllowedUnder('province', 'city'));
    assert.ok(!levelAllowedUnder('city', 'city'));
    assert.ok(levelAllowedUnder('province', 'national'));
  });

  it('refuses a province below a city and a city below a city, storing nothing', async () => {
    const admin = await t.as('province_admin');
    const orgs = await count('organizations');
    const res = await admin.post('/api/orgs/organizations', { name: '某省政协', level: 'province', parentId: t.fixture.city });
    assert.equal(res.statusCode, 400, res.body);
    assert.equal(res.data.errors[0].field, 'body.level');
    assert.equal((await admin.post('/api/orgs/organizations', { name: '某市政协', level: 'city', parentId: t.fixture.city })).data.errors[0].field, 'body.level');
    assert.equal((await admin.post('/api/orgs/organizations', { name: '某县政协', level: 'county', parentId: null })).data.errors[0].field, 'body.parentId');
    assert.equal(await count('organizations'), orgs);
  });

  it('lets a province admin create a city', async () => {
    const res = await (await t.as('province_admin')).post('/api/orgs/organizations', { name: '湖州市政协', level: 'city', parentId: t.fixture.province });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.data.level, 'city');
  });
});

describe('who may not', () => {
  it('refuses anonymous, public and member callers on every new route', async () => {
    const routes: [string, string, Record<string, string | number>][] = [
      ['post', '/api/orgs/terms', { organizationId: t.fixture.city, number: 12, startsOn: '2032-01-01' }],
      ['patch', `/api/orgs/terms/${t.fixture.cityTerm}`, { endsOn: '2031-01-01' }],
      ['post', `/api/orgs/terms/${t.fixture.cityTerm}/close`, {}],
      ['post', `/api/orgs/terms/${t.fixture.cityTerm}/make-current`, {}],
      ['post', '/api/orgs/sessions', { termId: t.fixture.cityTerm, opensOn: '2024-01-01' }],
      ['post', `/api/orgs/organizations/${t.fixture.county}/retire`, {}],
      ['patch', `/api/orgs/organizations/${t.fixture.county}`, { name: 'x' }],
    ];
    const changesAudited = async () => Number((await t.services.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).where('entity_type', 'in', ['term', 'session', 'organization']).executeTakeFirstOrThrow()).n);
    const before = await changesAudited();
    for (const [method, url, body] of routes) {
      const anon = t.anonymous();
      assert.equal((await (method === 'post' ? anon.post(url, body) : anon.patch(url, body))).statusCode, 401, `anonymous ${url}`);
      for (const who of ['public', 'member']) {
        const a = await t.as(who);
        assert.equal((await (method === 'post' ? a.post(url, body) : a.patch(url, body))).statusCode, 403, `${who} ${url}`);
      }
    }
    const countyStaff = await t.as('county_staff');
    assert.equal((await countyStaff.patch(`/api/orgs/terms/${t.fixture.cityTerm}`, { endsOn: '2031-01-01' })).statusCode, 404, 'county staff on the city term');
    assert.equal((await countyStaff.post(`/api/orgs/organizations/${t.fixture.county}/retire`, {})).statusCode, 403);
    assert.equal(await changesAudited(), before, 'no refused call is audited as a change');
    assert.equal((await t.services.db.selectFrom('terms').select('ends_on').where('id', '=', t.fixture.cityTerm).executeTakeFirstOrThrow()).ends_on, null, 'nothing changed');
  });

  it('checks a term edit: ends after it starts, field named, nothing stored', async () => {
    const staff = await t.as('staff');
    const bad = await staff.patch(`/api/orgs/terms/${t.fixture.cityTerm}`, { endsOn: '2021-01-01' });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.data.errors[0].field, 'body.endsOn');
    assert.equal((await staff.patch(`/api/orgs/terms/${t.fixture.cityTerm}`, { startsOn: 'soon' })).data.errors[0].field, 'body.startsOn');
    const ok = await staff.patch(`/api/orgs/terms/${t.fixture.cityTerm}`, { endsOn: '2026-12-31' });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.data.endsOn, '2026-12-31');
    const entry = (await audits('term', t.fixture.cityTerm)).find((e) => e.action === 'update')!;
    assert.deepEqual([JSON.parse(entry.before!).endsOn, JSON.parse(entry.after!).endsOn], [null, '2026-12-31']);
  });
});

describe('a new county, its term, session and member', () => {
  let county: number;
  let term: number;
  it('the city admin creates a county; only admins above may', async () => {
    for (const who of ['staff', 'member', 'public', 'county_admin']) {
      const res = await (await t.as(who)).post('/api/orgs/organizations', { name: '海盐县政协', level: 'county', parentId: t.fixture.city });
      assert.equal(res.statusCode, 403, `${who}: ${res.body}`);
    }
    assert.equal((await t.anonymous().post('/api/orgs/organizations', { name: '海盐县政协', level: 'county', parentId: t.fixture.city })).statusCode, 401);
    const res = await (await t.as('admin')).post('/api/orgs/organizations', { name: '海盐县政协', level: 'county', parentId: t.fixture.city, divisionCode: '330424' });
    assert.equal(res.statusCode, 201, res.body);
    county = res.data.id;
    const [entry] = await audits('organization', county);
    assert.equal(JSON.parse(entry!.after!).name, '海盐县政协');
  });

  it('a county admin gives his county a term and a session, then a member on that term', async () => {
    await anAccount(t, 'haiyan_admin', 'admin', { organizationId: county });
    const haiyan = await t.as('haiyan_admin');
    const other = await t.as('county_admin');
    assert.equal((await other.post('/api/orgs/terms', { organizationId: county, number: 9, startsOn: '2022-01-01', current: true })).statusCode, 403, 'an admin of another county');
    assert.equal((await (await t.as('county_staff')).post('/api/orgs/terms', { organizationId: t.fixture.city, number: 11, startsOn: '2027-01-01' })).statusCode, 403, 'county staff acting on the city');
    assert.equal((await (await t.as('member')).post('/api/orgs/terms', { organizationId: county, number: 9, startsOn: '2022-01-01' })).statusCode, 403);
    const terms = await count('terms');
    const bad = await haiyan.post('/api/orgs/terms', { organizationId: county, number: 9, startsOn: '2022-01-01', endsOn: '2021-12-31' });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.data.errors[0].field, 'body.endsOn');
    assert.equal(await count('terms'), terms, 'nothing stored');

    const created = await haiyan.post('/api/orgs/terms', { organizationId: county, number: 9, startsOn: '2022-01-01', endsOn: '2026-12-31', current: true });
    assert.equal(created.statusCode, 201, created.body);
    term = created.data.id;
    assert.equal(created.data.name, '第九届');
    assert.equal(created.data.current, true);
    assert.equal((await haiyan.post('/api/orgs/terms', { organizationId: county, number: 9, startsOn: '2027-01-01' })).statusCode, 409, 'term numbers are unique');

    const outside = await haiyan.post('/api/orgs/sessions', { termId: term, opensOn: '2027-02-01' });
    assert.equal(outside.data.errors[0].field, 'body.opensOn');
    const s1 = await haiyan.post('/api/orgs/sessions', { termId: term, opensOn: '2022-02-20' });
    assert.equal(s1.statusCode, 201, s1.body);
    const s2 = await haiyan.post('/api/orgs/sessions', { termId: term, opensOn: '2023-02-20' });
    assert.deepEqual(s2.data.sessions.map((x: { name: string }) => x.name), ['第一次会议', '第二次会议'], 'numbered next within the term');
    assert.equal((await haiyan.post('/api/orgs/sessions', { termId: term, number: 2, opensOn: '2023-03-01' })).statusCode, 409);

    const sectorRes = await haiyan.post('/api/orgs/sectors', { organizationId: county, name: '经济界', sort: 1 });
    assert.equal(sectorRes.statusCode, 201, sectorRes.body);
    const member = await haiyan.post('/api/orgs/members', {
      organizationId: county, termId: term, name: '李海', gender: 'male', birthYear: 1970, ethnicity: '汉族', politicalAffiliation: '中共党员',
      sectorId: sectorRes.data.id, committeeIds: [], workplace: '海盐县某厂', title: '厂长', standing: false,
    });
    assert.equal(member.statusCode, 201, member.body);
  });

  it('one current term: making another current ends the first; closing is final', async () => {
    const haiyan = await t.as('haiyan_admin');
    const next = await haiyan.post('/api/orgs/terms', { organizationId: county, number: 10, startsOn: '2027-01-01' });
    assert.equal(next.data.current, false);
    assert.equal((await haiyan.post(`/api/orgs/terms/${next.data.id}/make-current`)).data.current, true);
    const list = await haiyan.get(`/api/orgs/terms?organizationId=${county}`);
    assert.deepEqual(list.data.filter((x: { current: boolean }) => x.current).map((x: { id: number }) => x.id), [next.data.id]);
    assert.equal((await haiyan.post(`/api/orgs/terms/${next.data.id}/make-current`)).statusCode, 409, 'already current');
    await assert.rejects(
      t.services.db.updateTable('terms').set({ current: 1 }).where('id', '=', term).execute(),
      'the database refuses a second current term',
    );
    const closed = await haiyan.post(`/api/orgs/terms/${term}/close`);
    assert.equal(closed.statusCode, 200, closed.body);
    assert.ok(closed.data.closedAt);
    assert.equal((await haiyan.post(`/api/orgs/terms/${term}/close`)).statusCode, 409, 'closing a closed term');
    const sessions = await count('sessions');
    assert.equal((await haiyan.post('/api/orgs/sessions', { termId: term, opensOn: '2024-02-20' })).statusCode, 409, 'a session on a closed term');
    assert.equal(await count('sessions'), sessions);
    const entries = await audits('term', term);
    assert.deepEqual(entries.map((e) => e.action).sort(), ['close', 'create']);
    assert.equal(JSON.parse(entries.find((e) => e.action === 'close')!.before!).closedAt, null);
  });

  it('retiring refuses while members are active or cases are open, is done by admins above only, and hides the county from pickers', async () => {
    const cityAdmin = await t.as('admin');
    assert.equal((await (await t.as('haiyan_admin')).post(`/api/orgs/organizations/${county}/retire`)).statusCode, 403, 'not its own admin');
    assert.equal((await (await t.as('county_admin')).post(`/api/orgs/organizations/${county}/retire`)).statusCode, 404);
    const busy = await cityAdmin.post(`/api/orgs/organizations/${county}/retire`);
    assert.equal(busy.statusCode, 409);
    assert.match(busy.data.detail, /在任委员/);
    await t.services.db.updateTable('members').set({ status: 'exited' }).where('organization_id', '=', county).execute();
    // A meeting still ahead is an open case: nobody would be left to hold it.
    const haiyan = await t.as('haiyan_admin');
    const meeting = await aMeeting(haiyan, {}, 'published');
    const open = await cityAdmin.post(`/api/orgs/organizations/${county}/retire`);
    assert.equal(open.statusCode, 409, open.body);
    assert.match(open.data.detail, /1 场协商活动已发布或正在进行/);
    assert.match(open.data.detail_en, /1 meetings published or in progress/);
    assert.equal((await haiyan.post(`/api/consultations/meetings/${meeting}/cancel`, { reason: '组织撤并' })).statusCode, 200);
    const done = await cityAdmin.post(`/api/orgs/organizations/${county}/retire`);
    assert.equal(done.statusCode, 200, done.body);
    assert.ok(done.data.retiredAt);
    assert.equal((await cityAdmin.post(`/api/orgs/organizations/${county}/retire`)).statusCode, 409, 'retiring a retired organization');
    assert.ok(!(await t.anonymous().get('/api/public/organizations')).data.some((o: { id: number }) => o.id === county));
    assert.ok(!(await cityAdmin.get('/api/orgs/organizations')).data.some((o: { id: number }) => o.id === county));
    assert.ok((await cityAdmin.get('/api/orgs/organizations?includeRetired=true')).data.some((o: { id: number }) => o.id === county));
    assert.equal((await cityAdmin.get(`/api/orgs/terms?organizationId=${county}`)).data.length, 2, 'its records stay readable');
    const reg = await t.anonymous().post('/api/auth/register', { username: 'haiyan_resident', password: 'Resident-pass-2026', displayName: '居民', organizationId: county });
    assert.equal(reg.statusCode, 400, 'no registration with a retired organization');
    assert.equal(reg.data.errors[0].field, 'body.organizationId');
    assert.equal((await cityAdmin.post('/api/orgs/terms', { organizationId: county, number: 11, startsOn: '2031-01-01' })).statusCode, 409, 'no new term for a retired organization');
  });

  it('edits an organization with an audited before and after', async () => {
    const cityAdmin = await t.as('admin');
    assert.equal((await (await t.as('staff')).patch(`/api/orgs/organizations/${t.fixture.county}`, { name: 'x' })).statusCode, 403);
    const res = await cityAdmin.patch(`/api/orgs/organizations/${t.fixture.county}`, { name: '嘉善县政协（改）' });
    assert.equal(res.statusCode, 200, res.body);
    const entry = (await audits('organization', t.fixture.county)).find((e) => e.action === 'update')!;
    assert.equal(JSON.parse(entry.after!).name, '嘉善县政协（改）');
    assert.equal((await cityAdmin.patch(`/api/orgs/organizations/${t.fixture.county}`, { name: '' })).data.errors[0].field, 'body.name');
  });
});

describe('sessions and proposals', () => {
  it('a closed session takes no new proposals; closing twice is refused', async () => {
    const staff = await t.as('staff');
    const terms = (await staff.get(`/api/orgs/terms?organizationId=${t.fixture.city}`)).data;
    const session = terms.find((x: { current: boolean }) => x.current).sessions[0];
    const closed = await staff.post(`/api/orgs/sessions/${session.id}/close`);
    assert.equal(closed.statusCode, 200, closed.body);
    assert.equal((await staff.post(`/api/orgs/sessions/${session.id}/close`)).statusCode, 409);
    assert.equal((await (await t.as('county_staff')).post(`/api/orgs/sessions/${session.id}/close`)).statusCode, 404);
    assert.equal((await staff.patch(`/api/orgs/sessions/${session.id}`, { opensOn: '2022-03-01' })).statusCode, 409);
    const entries = await audits('session', session.id);
    assert.equal(entries[0]!.action, 'close');
  });

  it('a closed session is no longer offered for proposals, and a proposal filed to it is refused', async () => {
    const memberId = await insertMember(t, '周提案', t.fixture.city, { gender: 'female', birthYear: 1980, affiliation: '中国民主同盟', sector: '经济界', workplace: '嘉兴某校', title: '教师' });
    await anAccount(t, 'proposer', 'member', { memberId });
    const proposer = await t.as('proposer');
    const category = (await (await t.as('admin')).post('/api/proposals/categories', { organizationId: t.fixture.city, name: '教育' })).data.id;
    const cfg = await proposer.get('/api/proposals/config');
    const terms = (await (await t.as('staff')).get(`/api/orgs/terms?organizationId=${t.fixture.city}`)).data;
    const [closed, open] = terms.find((x: { current: boolean }) => x.current).sessions;
    assert.deepEqual(cfg.data.sessions.map((x: { id: number }) => x.id), [open.id], 'only the open session is offered');
    const body = { kind: 'individual', title: '关于加强中小学课后服务的建议', reasons: '课后服务供给不足，家长接送困难，需统筹资源。', suggestions: '一、扩大课后服务覆盖；二、完善经费保障。', categoryId: category };
    const refused = await proposer.post('/api/proposals', { ...body, sessionId: closed.id });
    assert.equal(refused.statusCode, 400, refused.body);
    assert.equal(refused.data.errors[0].field, 'body.sessionId');
    const made = await proposer.post('/api/proposals', body);
    const filed = await proposer.post(`/api/proposals/${made.data.id}/file`, {});
    assert.equal(filed.statusCode, 200, filed.body);
    assert.equal(filed.data.sessionId, open.id, 'filed to the open session');
  });
});
